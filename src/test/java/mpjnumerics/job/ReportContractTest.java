package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mpjnumerics.testing.JsonSchema;
import mpjnumerics.testing.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output contract (doc/OUTPUT.md): every job's --json validates against
 * doc/report.schema.json, with only the parameters the run used; every job's --csv is a header
 * and one row, no column twice, no "null".
 */
class ReportContractTest {
    private static JsonSchema schema;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() throws Exception {
        schema = JsonSchema.load(Path.of("doc", "report.schema.json"));
    }

    /** One run of every job and of every method of those that have several. */
    private static List<List<String>> runs() {
        String out = dir.resolve("out.txt").toString();
        String hist = dir.resolve("hist.csv").toString();
        return List.of(
                List.of("PrimeCount", "--to", "1e6"),
                List.of("PrimeCount", "--to", "1e9", "--method", "combinatorial"),
                List.of("PrimeCount", "--to", "1e5", "--tuplets", "2"),
                List.of("NthPrime", "--n", "1000"),
                List.of("PrimeList", "--to", "1000", "--out", out),
                List.of("PrimeGaps", "--to", "1e5"),
                List.of("CollatzSteps", "--to", "1e5", "--histogram", hist),
                List.of("PiMonteCarlo", "--samples", "1e5"),
                List.of("EulerConstant", "--samples", "1e5"),
                List.of("EulerConstant", "--constant", "gamma", "--method", "series", "--terms", "1e5"),
                List.of("EulerConstant", "--digits", "100"),
                List.of("EulerConstant", "--constant", "gamma", "--digits", "50", "--out", out),
                List.of("PingPong", "--max-bytes", "64", "--iterations", "5"),
                List.of("Hello"));
    }

    private static Run run(List<String> job, String format) {
        List<String> args = new ArrayList<>(job);
        args.add(format);
        Run r = Run.job(2, args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    @Test
    void everyJobsJsonMatchesTheSchema() {
        for (List<String> job : runs()) {
            JsonNode json = run(job, "--json").json();
            assertEquals(List.of(), schema.validate(json), job + ": " + json);
        }
    }

    @Test
    void theParametersAreThoseTheRunUsed() {
        JsonNode digits = run(List.of("EulerConstant", "--digits", "20"), "--json").json().get("params");
        assertEquals("{\"constant\":\"e\",\"method\":\"digits\",\"digits\":20}", digits.toString());
        JsonNode series = run(List.of("EulerConstant", "--constant", "gamma", "--method", "series", "--terms", "1e4"),
                "--json").json().get("params");
        assertEquals("{\"constant\":\"gamma\",\"method\":\"series\",\"terms\":10000}", series.toString());
        JsonNode hello = run(List.of("Hello"), "--json").json().get("params");
        assertEquals("{}", hello.toString());
    }

    /** The validator and schema catch what they must: without this the test above could pass on anything. */
    @Test
    void theSchemaRejectsWhatBreaksTheContract() throws Exception {
        ObjectNode good = (ObjectNode) run(List.of("EulerConstant", "--samples", "1e4"), "--json").json();
        assertEquals(List.of(), schema.validate(good));
        ObjectMapper m = new ObjectMapper();
        List<ObjectNode> bad = new ArrayList<>();
        bad.add(good.deepCopy().without("schemaVersion"));
        bad.add(good.deepCopy().put("schemaVersion", 2));
        bad.add(good.deepCopy().without("processSeconds"));
        bad.add(good.deepCopy().put("extra", 1));
        ObjectNode unused = good.deepCopy();
        ((ObjectNode) unused.get("params")).put("terms", 1000000000L); // a series option in a Monte Carlo run
        bad.add(unused);
        ObjectNode kebab = good.deepCopy();
        ((ObjectNode) kebab.get("result")).put("std-error", 0.1);
        bad.add(kebab);
        ObjectNode count = (ObjectNode) m.readTree(
                run(List.of("PrimeCount", "--to", "100"), "--json").out().strip());
        ((ObjectNode) count.get("result")).put("count", "25"); // a count as a string
        bad.add(count);
        for (ObjectNode b : bad) {
            assertFalse(schema.validate(b).isEmpty(), "accepted: " + b);
        }
    }

    @Test
    void everyJobsCsvIsAHeaderAndOneRowWithUniqueColumnsAndNoNull() {
        for (List<String> job : runs()) {
            Run r = run(job, "--csv");
            String[] lines = r.out().split("\n", -1);
            assertEquals(3, lines.length, job + ": " + r.out()); // header, row, and the final newline's empty rest
            assertEquals("", lines[2]);
            List<String> head = fields(lines[0]);
            List<String> row = fields(lines[1]);
            assertEquals(head.size(), row.size(), job + ": " + r.out());
            Set<String> seen = new HashSet<>();
            for (String h : head) {
                assertTrue(seen.add(h), job + ": column " + h + " twice: " + lines[0]);
                assertTrue(h.matches("[a-z][a-zA-Z0-9]*"), job + ": column " + h);
            }
            assertFalse(row.contains("null"), job + ": " + lines[1]);
            assertEquals("schemaVersion", head.get(0));
            assertEquals("1", row.get(0));
        }
        List<String> head = fields(run(List.of("PrimeCount", "--to", "1e4"), "--csv").out().split("\n")[0]);
        assertEquals(List.of("schemaVersion", "job", "ranks", "device", "from", "to", "tuplets", "method", "count",
                "wallSeconds", "processSeconds", "computeMin", "computeMax", "javaVersion"), head);
    }

    /** RFC 4180 fields of one line: quoted fields may hold commas and doubled quotes. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
