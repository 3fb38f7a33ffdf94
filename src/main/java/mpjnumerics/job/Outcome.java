package mpjnumerics.job;

import java.util.LinkedHashMap;
import java.util.Map;

/** A job's result on rank 0: named values in order, and optionally its own human summary. */
public final class Outcome {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private String human;
    private boolean silent;

    /** A result that is not printed: the job's output on stdout is its data itself. */
    public static Outcome silent() {
        Outcome o = new Outcome();
        o.silent = true;
        return o;
    }

    public boolean isSilent() {
        return silent;
    }

    public Outcome put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    public Outcome human(String text) {
        this.human = text;
        return this;
    }

    public Map<String, Object> values() {
        return values;
    }

    public String human() {
        return human;
    }
}
