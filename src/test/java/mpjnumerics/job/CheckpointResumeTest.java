package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job stopped part-way by SIGTERM writes its checkpoint and ends with 75; the same command on
 * another number of ranks resumes it and gives what an uninterrupted run gives.
 */
class CheckpointResumeTest {
    /** Starts the job, sends SIGTERM once its checkpoint has been written once, returns the run. */
    private static Run stopped(int np, Path ckpt, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Run.java(), "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), "mpjnumerics.launch.Main", "-np", Integer.toString(np)));
        cmd.addAll(Arrays.asList(args));
        cmd.addAll(List.of("--checkpoint", ckpt.toString(), "--checkpoint-every", "1"));
        Path out = Files.createTempFile("ckpt", ".out");
        Path err = Files.createTempFile("ckpt", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ckpt) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(ckpt), "no checkpoint within 60 s: " + Files.readString(err));
        long t0 = System.nanoTime();
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "still running 10 s after SIGTERM");
        double secs = (System.nanoTime() - t0) / 1e9;
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err), secs, p.pid());
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** Stops the job on 2 ranks, resumes it on 3, and compares with an uninterrupted run on 1. */
    private static JsonNode[] interruptAndResume(Path dir, String... args) throws Exception {
        Path ckpt = dir.resolve("job.ckpt");
        Run whole = Run.job(1, concat(args, "--json"));
        assertEquals(0, whole.exit(), whole.toString());
        Run stop = stopped(2, ckpt, args);
        assertEquals(75, stop.exit(), stop.toString());
        assertTrue(stop.err().contains("checkpoint written to " + ckpt), stop.err());
        assertTrue(stop.seconds() < 5, "ended " + stop.seconds() + " s after SIGTERM");
        assertEquals("", stop.out());
        assertTrue(Files.exists(ckpt), stop.err());
        Run resumed = Run.job(3, concat(args, "--json", "--checkpoint", ckpt.toString()));
        assertEquals(0, resumed.exit(), resumed.toString());
        assertFalse(Files.exists(ckpt), "the checkpoint is removed after a successful run");
        JsonNode a = whole.json();
        JsonNode b = resumed.json();
        assertEquals(a.get("result"), b.get("result"));
        assertEquals(a.get("params"), b.get("params"));
        return new JsonNode[] {a, b};
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void primeCount(@TempDir Path dir) throws Exception {
        // against the published pi(10^10) (OEIS A006880) rather than a run of its own: long
        // enough to be stopped part-way, short enough not to be run twice more
        Path ckpt = dir.resolve("count.ckpt");
        String[] args = {"PrimeCount", "--to", "1e10", "--method", "sieve"};
        Run stop = stopped(2, ckpt, args);
        assertEquals(75, stop.exit(), stop.toString());
        assertTrue(stop.seconds() < 5, "ended " + stop.seconds() + " s after SIGTERM");
        Run resumed = Run.job(3, concat(args, "--json", "--checkpoint", ckpt.toString()));
        assertEquals(0, resumed.exit(), resumed.toString());
        assertEquals(455_052_511, resumed.json().get("result").get("count").asLong());
        assertFalse(Files.exists(ckpt));
    }

    /** Both phases, pi(to) and pi(from - 1), journaled: the published values (OEIS A006880). */
    @Test
    void combinatorialPrimeCount(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("comb.ckpt");
        String[] args = {"PrimeCount", "--from", "1e13", "--to", "1e16", "--method", "combinatorial"};
        Run stop = stopped(2, ckpt, args);
        assertEquals(75, stop.exit(), stop.toString());
        assertTrue(stop.seconds() < 5, "ended " + stop.seconds() + " s after SIGTERM");
        assertTrue(stop.err().contains("units done"), stop.err());
        Run resumed = Run.job(3, concat(args, "--json", "--checkpoint", ckpt.toString()));
        assertEquals(0, resumed.exit(), resumed.toString());
        assertEquals(279_238_341_033_925L - 346_065_536_839L, resumed.json().get("result").get("count").asLong());
        assertFalse(Files.exists(ckpt));
    }

    @Test
    void primeListFileIsByteIdentical(@TempDir Path dir) throws Exception {
        Path ref = dir.resolve("ref.txt");
        Path out = dir.resolve("out.txt");
        Run whole = Run.job(2, "PrimeList", "--to", "6e9", "--tuplets", "4", "--out", ref.toString(), "--json");
        assertEquals(0, whole.exit(), whole.toString());
        Path ckpt = dir.resolve("list.ckpt");
        Run stop = stopped(2, ckpt, "PrimeList", "--to", "6e9", "--tuplets", "4", "--out", out.toString());
        assertEquals(75, stop.exit(), stop.toString());
        assertFalse(Files.exists(out), "no output under its own name before the job is done");
        Run resumed = Run.job(3, "PrimeList", "--to", "6e9", "--tuplets", "4", "--out", out.toString(),
                "--checkpoint", ckpt.toString(), "--json");
        assertEquals(0, resumed.exit(), resumed.toString());
        assertArrayEquals(Files.readAllBytes(ref), Files.readAllBytes(out));
        assertEquals(whole.json().get("result").get("count"), resumed.json().get("result").get("count"));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("out.txt", "ref.txt"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no partial file or checkpoint left");
        }
    }

    @Test
    void collatzSteps(@TempDir Path dir) throws Exception {
        interruptAndResume(dir, "CollatzSteps", "--to", "1e9");
    }

    @Test
    void piMonteCarlo(@TempDir Path dir) throws Exception {
        interruptAndResume(dir, "PiMonteCarlo", "--samples", "6e9", "--seed", "7");
    }

    @Test
    void aCheckpointOfOtherParametersOrDamagedIsAUsageError(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("c.ckpt");
        Run kept = Run.job(2, "PiMonteCarlo", "--samples", "1e6", "--checkpoint", ckpt.toString(), "--keep-checkpoint", "--json");
        assertEquals(0, kept.exit(), kept.toString());
        assertTrue(Files.exists(ckpt), "--keep-checkpoint keeps it");
        Run again = Run.job(3, "PiMonteCarlo", "--samples", "1e6", "--checkpoint", ckpt.toString(), "--json");
        assertEquals(0, again.exit(), again.toString());
        assertEquals(kept.json().get("result"), again.json().get("result"), "a complete checkpoint gives its result");
        Run other = Run.job(2, "PiMonteCarlo", "--samples", "2e6", "--checkpoint", ckpt.toString());
        assertEquals(0, other.exit(), "the kept file was removed by the last successful run, so this one starts afresh");
        Run keep = Run.job(2, "PiMonteCarlo", "--samples", "1e6", "--checkpoint", ckpt.toString(), "--keep-checkpoint");
        assertEquals(0, keep.exit(), keep.toString());
        Run mismatch = Run.job(2, "PiMonteCarlo", "--samples", "2e6", "--checkpoint", ckpt.toString());
        assertEquals(2, mismatch.exit(), mismatch.toString());
        assertEquals("", mismatch.out());
        assertTrue(mismatch.errLines().contains("error: checkpoint " + ckpt
                + " is of other parameters: --samples 1000000 in the checkpoint, 2000000 in this run"), mismatch.err());
        Run job = Run.job(2, "CollatzSteps", "--to", "1e6", "--checkpoint", ckpt.toString());
        assertEquals(2, job.exit(), job.toString());
        assertTrue(job.errLines().contains("is of job PiMonteCarlo, not CollatzSteps"), job.err());
        byte[] b = Files.readAllBytes(ckpt);
        Files.write(ckpt, Arrays.copyOf(b, b.length - 5));
        Run cut = Run.job(2, "PiMonteCarlo", "--samples", "1e6", "--checkpoint", ckpt.toString());
        assertEquals(2, cut.exit(), cut.toString());
        assertTrue(cut.errLines().contains("is truncated"), cut.err());
        b[b.length / 2] ^= 1;
        Files.write(ckpt, b);
        Run bad = Run.job(2, "PiMonteCarlo", "--samples", "1e6", "--checkpoint", ckpt.toString());
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.errLines().contains("is damaged"), bad.err());
        assertTrue(Files.exists(ckpt), "a refused checkpoint is left alone");
    }
}
