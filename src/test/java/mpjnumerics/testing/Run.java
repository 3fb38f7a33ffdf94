package mpjnumerics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A finished process: exit status, stdout, stderr, how long it took, and its process id. */
public record Run(int exit, String out, String err, double seconds, long pid) {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final long TIMEOUT_SECONDS = 120;

    /** Runs {@code java [jvm] mpjnumerics.launch.Main -np N args} on this test class path. */
    public static Run job(int np, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), "mpjnumerics.launch.Main", "-np", Integer.toString(np)));
        cmd.addAll(Arrays.asList(args));
        return command(cmd, null, Map.of());
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a command, waiting at most {@link #TIMEOUT_SECONDS}; a hang fails the test. */
    public static Run command(List<String> cmd, File dir, Map<String, String> env) {
        try {
            Path out = Files.createTempFile("run", ".out");
            Path err = Files.createTempFile("run", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (dir != null) {
                pb.directory(dir);
            }
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k); // a null value unsets the variable
                } else {
                    pb.environment().put(k, v);
                }
            });
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err), secs, p.pid());
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

    /** stdout as the one JSON object it must be. */
    public JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("stdout is not one JSON object: " + out + "\nstderr: " + err, e);
        }
    }

    /** stderr without the JVM's note about the incubating Vector API module. */
    public String errLines() {
        return err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a + b + "\n");
    }

    @Override
    public String toString() {
        return "exit " + exit + " after " + seconds + " s\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
