package mpjnumerics.job;

import java.util.List;
import mpjnumerics.cli.Parsed;

/**
 * When a job's kernels use the Vector API: only then do the launchers add its module, since a
 * JVM with it prints an incubator warning at start. The rule is simple enough for mpjrun.sh to
 * apply to the command line before it starts the job's one JVM: the value of {@code option},
 * less that of {@code minus} (its default when not given), reaches {@code perRank} times the
 * ranks, and every condition holds: {@code name=value} (given with that value),
 * {@code !name} (not given) or {@code !name=value} (not given with that value). A job whose use depends on more (how it will count) says so in
 * {@link Job#usesVector}; where that and this rule differ, the launcher in Java decides.
 */
public record VectorUse(String option, long perRank, String minus, String minusDefault, List<String> conditions) {
    /** Never. */
    public static final VectorUse NEVER = new VectorUse("", 0, "", "0", List.of());

    /** Whether the rule holds for these options on {@code ranks} ranks. */
    public boolean holds(Parsed options, int ranks) {
        if (option.isEmpty()) {
            return false;
        }
        for (String c : conditions) {
            boolean not = c.startsWith("!");
            String name = c.substring(not ? 1 : 0, c.contains("=") ? c.indexOf('=') : c.length());
            boolean given = c.contains("=") ? c.substring(c.indexOf('=') + 1).equals(options.text(name)) : options.has(name);
            if (given == not) {
                return false;
            }
        }
        double span = (double) options.integer(option) - (minus.isEmpty() ? 0 : options.integer(minus));
        return span >= (double) perRank * ranks;
    }

    /**
     * The rule as mpjrun.sh reads it from the table beside the jar: the option, the threshold
     * per rank, {@code minus=default} or {@code -}, then the conditions; empty for never.
     */
    public String hint() {
        if (option.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(option).append(' ').append(perRank).append(' ')
                .append(minus.isEmpty() ? "-" : minus + "=" + minusDefault);
        conditions.forEach(c -> b.append(' ').append(c));
        return b.toString();
    }
}
