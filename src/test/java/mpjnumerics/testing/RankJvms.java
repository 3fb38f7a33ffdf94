package mpjnumerics.testing;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The rank JVMs of one test class's jobs, told apart from any other on the machine (other
 * tests, other work trees) by a JVM option of their own: mpjrun.sh hands options before the
 * job name to every JVM it starts, through MPJ's daemons and srun too.
 */
public final class RankJvms {
    private final String marker = "-Dmpjnumerics.test.run=" + UUID.randomUUID();

    /** The JVM option to put before the job name. */
    public String marker() {
        return marker;
    }

    /** Live processes started with the marker that run one of the project's launch classes. */
    public List<ProcessHandle> alive() {
        return ProcessHandle.allProcesses().filter(p -> {
            String cmd = p.info().commandLine().orElse("");
            return cmd.contains(marker) && cmd.contains("mpjnumerics.launch.");
        }).collect(Collectors.toList());
    }

    /** Waits for every marked rank JVM to exit; fails, naming those left, after {@code timeout}. */
    public void awaitNone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> left;
        while (!(left = alive()).isEmpty()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError("rank JVMs left " + timeout.toSeconds() + " s after the job ended: "
                        + left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                                .collect(Collectors.joining("\n")));
            }
            try {
                left.get(0).onExit().get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // the deadline passed: the loop reports what is left
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
