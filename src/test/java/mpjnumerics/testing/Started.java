package mpjnumerics.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command started in the background, for tests that stop it from outside (a signal, a
 * kill) while it runs: its output goes to files, read when it has ended.
 */
public final class Started {
    private final Process process;
    private final Path out;
    private final Path err;
    private final long t0 = System.nanoTime();

    private Started(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    public static Started command(List<String> cmd, File dir, Map<String, String> env) {
        try {
            Path out = Files.createTempFile("started", ".out");
            Path err = Files.createTempFile("started", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (dir != null) {
                pb.directory(dir);
            }
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            return new Started(pb.start(), out, err);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public Process process() {
        return process;
    }

    /** Processes, anywhere on this machine, whose command line contains each of {@code parts}. */
    public static long running(String... parts) {
        return ProcessHandle.allProcesses().filter(p -> {
            String c = p.info().commandLine().orElse("");
            for (String part : parts) {
                if (!c.contains(part)) {
                    return false;
                }
            }
            return true;
        }).count();
    }

    /** Waits until {@code n} processes carry {@code marker} and {@code also}; false after {@code seconds}. */
    public static boolean awaitRunning(String marker, String also, long n, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            if (running(marker, also) >= n) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Waits until no process carries {@code marker}; the seconds that took, or -1 after {@code seconds}. */
    public static double awaitGone(String marker, double seconds) throws InterruptedException {
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            if (running(marker) == 0) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** Sends SIGTERM ({@code forcibly}: SIGKILL) and returns the moment it was sent. */
    public long signal(boolean forcibly) {
        long at = System.nanoTime();
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        return at;
    }

    /** What the command has written to stdout so far. */
    public String outSoFar() {
        try {
            return Files.readString(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for the end; the result, its time counted from {@code since} (System.nanoTime()). */
    public Run await(long since) {
        try {
            if (!process.waitFor(Run.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("timed out after " + Run.TIMEOUT_SECONDS + " s");
            }
            double secs = (System.nanoTime() - since) / 1e9;
            Run r = new Run(process.exitValue(), Files.readString(out), Files.readString(err), secs, process.pid());
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Run await() {
        return await(t0);
    }
}
