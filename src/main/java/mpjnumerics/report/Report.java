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
 * wall time and the fastest and slowest rank's compute time (the load imbalance).
 */
public record Report(String job, int ranks, String device, Map<String, Object> params,
        Map<String, Object> result, double wallSeconds, double computeMin, double computeMax,
        String human) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", job);
        m.put("ranks", ranks);
        m.put("device", device);
        m.put("params", params);
        m.put("result", result);
        m.put("wallSeconds", wallSeconds);
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

    /** A header line and one row: the scalar parameters and results, for benchmark sweeps. */
    public String csv() {
        List<String> head = new ArrayList<>(List.of("job", "ranks", "device"));
        List<String> row = new ArrayList<>(List.of(job, Integer.toString(ranks), device));
        for (var e : params.entrySet()) {
            head.add(e.getKey());
            row.add(String.valueOf(e.getValue()));
        }
        for (var e : result.entrySet()) {
            if (!(e.getValue() instanceof Map) && !(e.getValue() instanceof Collection)) {
                head.add(e.getKey());
                row.add(String.valueOf(e.getValue()));
            }
        }
        head.addAll(List.of("wallSeconds", "computeMin", "computeMax", "javaVersion"));
        row.addAll(List.of(seconds(wallSeconds), seconds(computeMin), seconds(computeMax),
                Runtime.version().toString()));
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
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
