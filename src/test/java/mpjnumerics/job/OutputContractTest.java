package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output that cannot be written ends the job; no temporary file outlives it; files get the umask's mode. */
class OutputContractTest {
    @TempDir
    Path dir;

    private static String job(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Run.java(), "-cp", System.getProperty("java.class.path"),
                "mpjnumerics.launch.Main"));
        cmd.addAll(List.of(args));
        return String.join(" ", cmd);
    }

    private static Run shell(String script) {
        return Run.command(List.of("bash", "-c", script), null, Map.of());
    }

    @Test
    void aClosedPipeEndsTheJobAtOnce() {
        // Run to its end, this would write some 40 GB: only an early stop finishes within Run's timeout.
        Run r = shell(job("-np", "2", "PrimeList", "--to", "1e11") + " | head -2; echo \"status ${PIPESTATUS[0]}\"");
        assertEquals("2\n3\nstatus 141\n", r.out(), r.toString());
        assertEquals("", r.errLines(), r.toString());
    }

    @Test
    void aFullDiskIsAnErrorNotASilentTruncation() {
        for (String[] args : new String[][] {{"PrimeList", "--to", "1e7"}, {"PrimeCount", "--to", "1e6", "--json"}}) {
            Run r = shell(job(String.join(" ", "-np", "2", String.join(" ", args))) + " >/dev/full");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.errLines().matches("error: rank 0 cannot write to stdout: No space left on device\n"), r.toString());
        }
    }

    @Test
    void anOutputThatIsNoFileNameIsAUsageError() {
        for (String out : new String[] {"''", dir + "/", dir.toString()}) {
            Run r = shell(job("-np", "2", "PrimeList", "--to", "100", "--out", out));
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.errLines().startsWith("error: --out needs a file name"), r.toString());
        }
    }

    @Test
    void noTemporaryFileSurvivesASignal() throws Exception {
        Path out = dir.resolve("primes.txt");
        List<String> cmd = new ArrayList<>(List.of(Run.java(), "-cp", System.getProperty("java.class.path"),
                "mpjnumerics.launch.Main", "-np", "2", "PrimeList", "--to", "5e9", "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(new File("/dev/null")).redirectError(new File("/dev/null")).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partials().isEmpty() && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
            assertEquals(1, partials().size(), "the job writes under a temporary name");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the job ends on SIGTERM");
            assertEquals(143, p.exitValue());
            assertEquals(List.of(), partials(), "the temporary file is gone");
            assertTrue(Files.notExists(out), "and no file under the output's name");
        } finally {
            p.destroyForcibly();
        }
    }

    private List<Path> partials() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    @Test
    void outputFilesGetTheModeTheUmaskGives() throws Exception {
        Path digits = dir.resolve("e.txt");
        Path histogram = dir.resolve("h.csv");
        Run r = shell("umask 022; " + job("-np", "2", "EulerConstant", "--digits", "100", "--out", digits.toString())
                + " && " + job("-np", "2", "CollatzSteps", "--to", "1000", "--histogram", histogram.toString()));
        assertEquals(0, r.exit(), r.toString());
        for (Path f : List.of(digits, histogram)) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
    }
}
