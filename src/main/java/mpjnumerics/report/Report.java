package mpjnumerics.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job run produced, as rank 0 reports it: job, ranks, device, parameters, result,
 * wall time, the whole launch's time, and the fastest and slowest rank's compute time (the
 * load imbalance). doc/OUTPUT.md describes the JSON and CSV forms; doc/report.schema.json is
 * the JSON's schema, whose version is {@link #SCHEMA_VERSION}.
 */
public record Report(String job, int ranks, String device, Map<String, Object> params,
        Map<String, Object> result, double wallSeconds, double processSeconds, double computeMin,
        double computeMax, String human) {

    /** Raised when a key is renamed or removed, or its meaning changes; not for added keys. */
    public static final int SCHEMA_VERSION = 1;

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", SCHEMA_VERSION);
        m.put("job", job);
        m.put("ranks", ranks);
        m.put("device", device);
        m.put("params", params);
        m.put("result", result);
        m.put("wallSeconds", wallSeconds);
        m.put("processSeconds", processSeconds);
        Map<String, Object> compute = new LinkedHashMap<>();
        compute.put("min", computeMin);
        compute.put("max", computeMax);
        m.put("computeSeconds", compute);
        m.put("javaVersion", Runtime.version().toString());
        return m;
    }

    public String json() {
        return Json.write(toMap());
    }

    /**
     * A header line and one row, for sweeps: the scalar parameters and results (lists and nested
     * objects are in the JSON only). Every column name appears once: a key that is both a
     * parameter and a result (PrimeCount's method: auto asked, sieve used) is one column, in the
     * parameters' place, holding the result's value, what the run did. An absent value (JSON
     * null) is an empty cell.
     */
    public String csv() {
        Map<String, String> cols = new LinkedHashMap<>();
        cols.put("schemaVersion", Integer.toString(SCHEMA_VERSION));
        cols.put("job", job);
        cols.put("ranks", Integer.toString(ranks));
        cols.put("device", device);
        for (var e : params.entrySet()) {
            cols.put(e.getKey(), cell(e.getValue()));
        }
        for (var e : result.entrySet()) {
            if (!(e.getValue() instanceof Map) && !(e.getValue() instanceof Collection)) {
                cols.put(e.getKey(), cell(e.getValue()));
            }
        }
        cols.put("wallSeconds", seconds(wallSeconds));
        cols.put("processSeconds", seconds(processSeconds));
        cols.put("computeMin", seconds(computeMin));
        cols.put("computeMax", seconds(computeMax));
        cols.put("javaVersion", Runtime.version().toString());
        List<String> head = new ArrayList<>(cols.keySet());
        List<String> row = new ArrayList<>(cols.values());
        return String.join(",", head.stream().map(Report::csvField).toList()) + "\n"
                + String.join(",", row.stream().map(Report::csvField).toList()) + "\n";
    }

    /** The human summary: the job's own lines, then timing. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(job).append(" on ").append(ranks).append(ranks == 1 ? " rank" : " ranks")
                .append(" (").append(device).append(")\n");
        if (human != null) {
            b.append(human);
            if (!human.endsWith("\n")) {
                b.append('\n');
            }
        } else {
            for (var e : result.entrySet()) {
                b.append("  ").append(e.getKey()).append(" ".repeat(Math.max(0, 12 - e.getKey().length())))
                        .append(' ').append(e.getValue()).append('\n');
            }
        }
        b.append("  wall ").append(fixed(wallSeconds, 3)).append(" s, compute per rank ").append(fixed(computeMin, 3))
                .append(" to ").append(fixed(computeMax, 3)).append(" s\n");
        return b.toString();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? Double.toString(d) : "";
        }
        return v.toString();
    }

    private static String seconds(double s) {
        return fixed(s, 6);
    }

    /**
     * v with the given number of decimals, as {@code String.format(Locale.ROOT, "%.Nf", v)} gives
     * it (half up, from the shortest decimal that reads back as v), without java.util.Formatter,
     * whose first use in a JVM costs start-up time, here at the end of every job.
     */
    public static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String digits = BigDecimal.valueOf(Math.abs(v)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return Double.doubleToRawLongBits(v) < 0 ? "-" + digits : digits; // the Formatter keeps -0.0's sign too
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
