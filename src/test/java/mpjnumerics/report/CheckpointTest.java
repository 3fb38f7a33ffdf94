package mpjnumerics.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    private static Checkpoint sample() {
        Checkpoint c = new Checkpoint("PrimeCount", "0.1.0", "from=0 to=1000000 tuplets=1 method=sieve");
        Checkpoint.Phase p = c.phase("pieces", 130);
        for (long u : new long[] {0, 1, 63, 64, 65, 127, 129}) {
            p.markDone(u);
        }
        p.tally(new long[] {Long.MIN_VALUE, -1, 0, 42, Long.MAX_VALUE});
        c.phase("lines", 3).markDone(2);
        return c;
    }

    @Test
    void roundTripKeepsEveryField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.ckpt");
        sample().write(f);
        Checkpoint c = Checkpoint.read(f).orElseThrow();
        assertEquals("PrimeCount", c.job());
        assertEquals("0.1.0", c.program());
        assertEquals("from=0 to=1000000 tuplets=1 method=sieve", c.params());
        Checkpoint.Phase p = c.phase("pieces", 130);
        assertEquals(7, p.doneCount());
        for (long u = 0; u < 130; u++) {
            assertEquals(Arrays.asList(0L, 1L, 63L, 64L, 65L, 127L, 129L).contains(u), p.isDone(u), "unit " + u);
        }
        assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 0, 42, Long.MAX_VALUE}, p.tally());
        assertTrue(c.phase("lines", 3).isDone(2));
        assertFalse(c.phase("lines", 3).complete());
        assertArrayEquals(sample().toBytes(), c.toBytes());
        c.requireSame("PrimeCount", "0.1.0", "from=0 to=1000000 tuplets=1 method=sieve", "a.ckpt");
        // only the checkpoint itself is left in the folder: no temporary file
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void noFileIsNoCheckpoint(@TempDir Path dir) throws Exception {
        assertTrue(Checkpoint.read(dir.resolve("none.ckpt")).isEmpty());
    }

    @Test
    void anotherJobVersionOrParametersIsRefusedNamingTheDifference() {
        Checkpoint c = sample();
        String params = "from=0 to=1000000 tuplets=1 method=sieve";
        assertTrue(assertThrows(Checkpoint.Refused.class, () -> c.requireSame("PrimeList", "0.1.0", params, "f"))
                .getMessage().contains("is of job PrimeCount, not PrimeList"));
        assertTrue(assertThrows(Checkpoint.Refused.class, () -> c.requireSame("PrimeCount", "0.2.0", params, "f"))
                .getMessage().contains("written by mpj-numerics 0.1.0, this is 0.2.0"));
        String m = assertThrows(Checkpoint.Refused.class, () -> c.requireSame("PrimeCount", "0.1.0",
                "from=0 to=2000000 tuplets=1 method=sieve", "f")).getMessage();
        assertTrue(m.contains("--to 1000000 in the checkpoint, 2000000 in this run"), m);
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] b = sample().toBytes();
        for (int len = 0; len < b.length; len++) {
            byte[] cut = Arrays.copyOf(b, len);
            Checkpoint.Refused e = assertThrows(Checkpoint.Refused.class, () -> Checkpoint.fromBytes(cut, "f"), "length " + len);
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not an mpj-numerics checkpoint"),
                    e.getMessage());
        }
    }

    @Test
    void everyFlippedBitIsRefused() {
        byte[] b = sample().toBytes();
        for (int i = 0; i < b.length; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] bad = b.clone();
                bad[i] ^= (byte) (1 << bit);
                Checkpoint.Refused e = assertThrows(Checkpoint.Refused.class, () -> Checkpoint.fromBytes(bad, "f"),
                        "byte " + i + " bit " + bit);
                assertTrue(e.getMessage().startsWith("checkpoint f "), e.getMessage());
            }
        }
        byte[] longer = Arrays.copyOf(b, b.length + 1);
        assertThrows(Checkpoint.Refused.class, () -> Checkpoint.fromBytes(longer, "f"));
    }
}
