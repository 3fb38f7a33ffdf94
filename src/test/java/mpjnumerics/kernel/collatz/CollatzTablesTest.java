package mpjnumerics.kernel.collatz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CollatzTablesTest {
    /** Oracle: steps and highest value of n's trajectory, one standard step at a time. */
    private static long[] walk(long n) {
        long steps = 0;
        long top = n;
        while (n != 1) {
            n = (n & 1) == 0 ? n / 2 : 3 * n + 1;
            top = Math.max(top, n);
            steps++;
        }
        return new long[] {steps, top};
    }

    @Test
    void memoStepsAndPeaksMatchTheWalk() {
        CollatzTables t = CollatzTables.get();
        long[] peak = CollatzTables.peaks();
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < 2000; k++) {
            int n = k < 100 ? k + 1 : 1 + r.nextInt(CollatzTables.MEMO - 1);
            long[] w = walk(n);
            assertEquals(w[0], t.steps[n], "steps of " + n);
            assertEquals(w[1], peak[n], "peak of " + n);
            assertEquals(w[1], CollatzTables.walkPeak(n), "walked peak of " + n);
        }
        assertEquals(524, t.steps[837_799]);
        assertEquals(56_991_483_520L, peak[704_511]);
    }

    @Test
    void jumpsApplySixteenStepsOfT() {
        CollatzTables t = CollatzTables.get();
        for (int b = 0; b < 1 << CollatzTables.JUMP_BITS; b++) {
            long v = b;
            int c = 0;
            for (int i = 0; i < CollatzTables.JUMP_BITS; i++) {
                if ((v & 1) == 0) {
                    v >>>= 1;
                } else {
                    v = (3 * v + 1) >>> 1;
                    c++;
                }
            }
            assertEquals((v << 5) | c, t.jump[b], "residue " + b);
        }
    }

    @Test
    void theBoundOnMemoPeaksIsTheLargestPeak() {
        long max = 0;
        for (long p : CollatzTables.peaks()) {
            max = Math.max(max, p);
        }
        assertEquals(max, CollatzTables.get().maxMemoPeak);
    }
}
