package mpjnumerics.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parsed options of one job run, by name, in declaration order. */
public final class Parsed {
    private final String job;
    private final Map<String, Object> values;

    Parsed(String job, Map<String, Object> values) {
        this.job = job;
        this.values = values;
    }

    /** The job's name. */
    public String job() {
        return job;
    }

    public long integer(String name) {
        return (Long) require(name);
    }

    public double real(String name) {
        return (Double) require(name);
    }

    public String text(String name) {
        return (String) values.get(name);
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    public boolean has(String name) {
        return values.containsKey(name) && !(values.get(name) instanceof Boolean b && !b);
    }

    /**
     * The job's own parameters (output-format flags left out), for the report, named as the
     * report names every key: the option's name in camel case ({@code --max-bytes} is
     * {@code maxBytes}).
     */
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var e : values.entrySet()) {
            if (!Options.NOT_PARAMS.contains(e.getKey())) {
                m.put(camelCase(e.getKey()), e.getValue());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** {@code max-bytes} as {@code maxBytes}. */
    public static String camelCase(String optionName) {
        StringBuilder b = new StringBuilder(optionName.length());
        boolean up = false;
        for (int i = 0; i < optionName.length(); i++) {
            char c = optionName.charAt(i);
            if (c == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    /**
     * The parameters as one line, "name=value" in declaration order (spaces and percent signs
     * in values escaped): what a checkpoint must agree with.
     */
    public String canonical() {
        StringBuilder b = new StringBuilder();
        params().forEach((k, v) -> {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(k).append('=').append(String.valueOf(v).replace("%", "%25").replace(" ", "%20"));
        });
        return b.toString();
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(job + ": option --" + name + " has no value");
        }
        return v;
    }
}
