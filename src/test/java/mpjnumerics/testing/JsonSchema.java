package mpjnumerics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validator for the JSON Schema (2020-12) keywords that doc/report.schema.json uses: type,
 * const, enum, required, properties, additionalProperties, propertyNames, pattern, minimum,
 * items, allOf, anyOf, oneOf, if/then and local $ref. A keyword it does not know is an error,
 * so that the schema cannot say more than this checks.
 */
public final class JsonSchema {
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "$defs");
    private final JsonNode root;

    private JsonSchema(JsonNode root) {
        this.root = root;
    }

    public static JsonSchema load(Path file) throws IOException {
        return new JsonSchema(new ObjectMapper().readTree(file.toFile()));
    }

    /** Every violation, each as "path: what"; empty when the document is valid. */
    public List<String> validate(JsonNode doc) {
        List<String> errors = new ArrayList<>();
        check(root, doc, "$", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode v, String path, List<String> errors) {
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                errors.add(path + ": not allowed");
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> kw = it.next();
            JsonNode s = kw.getValue();
            switch (kw.getKey()) {
                case "$ref" -> check(resolve(s.asText()), v, path, errors);
                case "type" -> {
                    boolean any = false;
                    for (JsonNode t : s.isArray() ? s : List.of(s)) {
                        any |= hasType(v, t.asText());
                    }
                    if (!any) {
                        errors.add(path + ": " + v + " is not of type " + s);
                    }
                }
                case "const" -> {
                    if (!equal(s, v)) {
                        errors.add(path + ": " + v + " is not " + s);
                    }
                }
                case "enum" -> {
                    boolean in = false;
                    for (JsonNode e : s) {
                        in |= equal(e, v);
                    }
                    if (!in) {
                        errors.add(path + ": " + v + " is not one of " + s);
                    }
                }
                case "minimum" -> {
                    if (v.isNumber() && v.decimalValue().compareTo(s.decimalValue()) < 0) {
                        errors.add(path + ": " + v + " is below " + s);
                    }
                }
                case "pattern" -> {
                    if (v.isTextual() && !Pattern.compile(s.asText()).matcher(v.asText()).find()) {
                        errors.add(path + ": '" + v.asText() + "' does not match " + s.asText());
                    }
                }
                case "required" -> {
                    if (v.isObject()) {
                        for (JsonNode name : s) {
                            if (!v.has(name.asText())) {
                                errors.add(path + ": no key '" + name.asText() + "'");
                            }
                        }
                    }
                }
                case "properties" -> {
                    if (v.isObject()) {
                        s.fields().forEachRemaining(p -> {
                            if (v.has(p.getKey())) {
                                check(p.getValue(), v.get(p.getKey()), path + "." + p.getKey(), errors);
                            }
                        });
                    }
                }
                case "additionalProperties" -> {
                    if (v.isObject()) {
                        JsonNode declared = schema.path("properties");
                        v.fields().forEachRemaining(p -> {
                            if (!declared.has(p.getKey())) {
                                check(s, p.getValue(), path + "." + p.getKey(), errors);
                            }
                        });
                    }
                }
                case "propertyNames" -> {
                    if (v.isObject()) {
                        v.fieldNames().forEachRemaining(n -> check(s, com.fasterxml.jackson.databind.node.TextNode.valueOf(n), path + " key '" + n + "'", errors));
                    }
                }
                case "items" -> {
                    if (v.isArray()) {
                        for (int i = 0; i < v.size(); i++) {
                            check(s, v.get(i), path + "[" + i + "]", errors);
                        }
                    }
                }
                case "allOf" -> s.forEach(sub -> check(sub, v, path, errors));
                case "anyOf", "oneOf" -> {
                    int passed = 0;
                    List<String> why = new ArrayList<>();
                    for (JsonNode sub : s) {
                        List<String> e = new ArrayList<>();
                        check(sub, v, path, e);
                        if (e.isEmpty()) {
                            passed++;
                        } else {
                            why.addAll(e);
                        }
                    }
                    boolean ok = kw.getKey().equals("anyOf") ? passed > 0 : passed == 1;
                    if (!ok) {
                        errors.add(path + ": " + passed + " of the " + kw.getKey() + " alternatives match: " + why);
                    }
                }
                case "if" -> {
                    List<String> e = new ArrayList<>();
                    check(s, v, path, e);
                    if (e.isEmpty() && schema.has("then")) {
                        check(schema.get("then"), v, path, errors);
                    }
                }
                case "then" -> { } // with "if"
                default -> {
                    if (!ANNOTATIONS.contains(kw.getKey())) {
                        throw new IllegalArgumentException("schema keyword not supported by this validator: " + kw.getKey());
                    }
                }
            }
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references: " + ref);
        }
        JsonNode n = root.at(ref.substring(1));
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("no " + ref + " in the schema");
        }
        return n;
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            case "number" -> v.isNumber();
            case "integer" -> v.isIntegralNumber()
                    || v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0;
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
