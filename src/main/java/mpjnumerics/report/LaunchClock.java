package mpjnumerics.report;

import java.time.Instant;
import java.util.Optional;

/**
 * When the launch began, for the report's processSeconds: mpjrun.sh records its own start
 * (system property {@value #PROPERTY}, microseconds since the epoch) and passes it to every JVM
 * it starts; without it (java -jar) the start of this JVM's process counts. The start is read on
 * rank 0's host; mpjrun.sh runs there, or, under srun, on a node whose clock SLURM keeps in step.
 */
public final class LaunchClock {
    public static final String PROPERTY = "mpjnumerics.started";

    private LaunchClock() {}

    /** Microseconds since the epoch at the launch's start, or empty when unknown. */
    public static Optional<Long> startMicros() {
        String v = System.getProperty(PROPERTY);
        if (v != null) {
            try {
                return Optional.of(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return processStart();
            }
        }
        return processStart();
    }

    private static Optional<Long> processStart() {
        return ProcessHandle.current().info().startInstant()
                .map(i -> i.getEpochSecond() * 1_000_000 + i.getNano() / 1_000);
    }

    /** Seconds from the launch's start to now; NaN when the start is unknown. */
    public static double secondsSinceStart() {
        Optional<Long> start = startMicros();
        if (start.isEmpty()) {
            return Double.NaN;
        }
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        return Math.max(0, micros - start.get()) / 1e6;
    }
}
