package mpjnumerics.kernel.collatz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CollatzKernelTest {
    /** Oracle: direct simulation, one standard step at a time, in BigInteger once 3n + 1 would not fit a long. */
    static CollatzStats brute(long first, long last) {
        CollatzStats s = new CollatzStats();
        s.histogram = new long[4096];
        BigInteger three = BigInteger.valueOf(3);
        BigInteger bestPeak = BigInteger.ZERO;
        for (long k = first; k <= last && k >= first; k++) {
            long n = k;
            long top = k;
            int steps = 0;
            while (n != 1 && ((n & 1) == 0 || n <= (Long.MAX_VALUE - 1) / 3)) {
                n = (n & 1) == 0 ? n >>> 1 : 3 * n + 1;
                top = Math.max(top, n);
                steps++;
            }
            BigInteger peak = BigInteger.valueOf(top);
            for (BigInteger b = BigInteger.valueOf(n); !b.equals(BigInteger.ONE); steps++) {
                b = b.testBit(0) ? b.multiply(three).add(BigInteger.ONE) : b.shiftRight(1);
                peak = peak.max(b);
            }
            s.count++;
            s.totalSteps += steps;
            s.histogram[steps]++;
            if (steps > s.maxSteps) {
                s.maxSteps = steps;
                s.argMax = k;
            }
            if (peak.compareTo(bestPeak) > 0) {
                bestPeak = peak;
                s.peakStart = k;
            }
        }
        s.bigPeak = bestPeak;
        return s;
    }

    static void assertSame(CollatzStats expected, CollatzStats actual, String what) {
        assertEquals(expected.count(), actual.count(), what + " count");
        assertEquals(expected.totalSteps(), actual.totalSteps(), what + " totalSteps");
        assertEquals(expected.maxSteps(), actual.maxSteps(), what + " maxSteps");
        assertEquals(expected.argMax(), actual.argMax(), what + " argMax");
        assertEquals(expected.peak(), actual.peak(), what + " peak");
        assertEquals(expected.peakStart(), actual.peakStart(), what + " peakStart");
        assertEquals(java.util.Arrays.toString(expected.histogram()), java.util.Arrays.toString(actual.histogram()),
                what + " histogram");
    }

    static CollatzStats run(long first, long last) {
        CollatzStats s = new CollatzStats();
        CollatzKernel.run(first, last, s);
        return s;
    }

    @Test
    void matchesDirectSimulationOnSmallWindows() {
        long[][] windows = {{1, 1}, {1, 2}, {1, 1000}, {2, 3}, {27, 27}, {500, 700}, {1 << 20, (1 << 20) + 300},
            {(1 << 22) - 50, (1 << 22) + 50}, {999_999_000, 1_000_000_000},
            {777, 20_000}}; // the starts per odd number change at every first / 2^j and last / 2^j
        for (long[] w : windows) {
            assertSame(brute(w[0], w[1]), run(w[0], w[1]), w[0] + ".." + w[1]);
        }
    }

    @Test
    void matchesDirectSimulationOnRandomWindowsUpTo2To63() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 30; i++) {
            long first = 1 + (r.nextLong() >>> (1 + r.nextInt(62)));
            long len = 1 + r.nextInt(40);
            long last = first + len > 0 ? first + len : Long.MAX_VALUE;
            assertSame(brute(first, last), run(first, last), first + ".." + last);
        }
    }

    @Test
    void windowsAtTheTopOfTheLongRangePassTwoTo64Exactly() {
        long first = Long.MAX_VALUE - 60;
        CollatzStats s = run(first, Long.MAX_VALUE);
        assertSame(brute(first, Long.MAX_VALUE), s, "top of range");
        assertTrue(s.peak().bitLength() > 64, "trajectories here pass 2^64: " + s.peak());
    }

    @Test
    void knownRecordsAndSums() {
        CollatzStats s = run(1, 1_000_000);
        assertEquals(131_434_424L, s.totalSteps());
        assertEquals(524, s.maxSteps());
        assertEquals(837_799L, s.argMax());
        assertEquals(BigInteger.valueOf(56_991_483_520L), s.peak()); // reached from 704511
        assertEquals(704_511L, s.peakStart());
        CollatzStats t = run(1, 10_000_000);
        assertEquals(685, t.maxSteps());
        assertEquals(8_400_511L, t.argMax());
    }

    @Test
    void histogramSumsToCountAndWeightedSumToTotal() {
        CollatzStats s = run(123_456, 987_654);
        long n = 0;
        long w = 0;
        long[] h = s.histogram();
        for (int i = 0; i < h.length; i++) {
            n += h[i];
            w += i * h[i];
        }
        assertEquals(s.count(), n);
        assertEquals(s.totalSteps(), w);
    }

    @Test
    void mergeInAnySplitEqualsTheWhole() {
        CollatzStats whole = run(1, 200_000);
        CollatzWork w = CollatzWork.of(1, 200_000);
        CollatzStats a = new CollatzStats();
        CollatzStats b = new CollatzStats();
        for (long c = 0; c * 777 < w.count(); c++) {
            w.run(c * 777, Math.min(w.count(), (c + 1) * 777) - 1, c % 3 == 0 ? a : b);
        }
        assertSame(whole, CollatzStats.fromLongs(b.merge(a).toLongs()), "merged");
    }

    @Test
    void batchedJumpsAndTheSlowPathAgree() {
        // rounds 0: every start past the memo takes the one-at-a-time path; 1: most land after
        // one batched jump and the rest go slow; 64: the default. Windows straddle the memo's
        // end, batch boundaries, powers of two (where the runs per start change), and 2^63.
        long[][] windows = {{1, 5000}, {(1 << 20) - 700, (1 << 20) + 900}, {(1L << 33) - 1500, (1L << 33) + 1500},
            {3_000_000_001L, 3_000_004_000L}, {1L << 50, (1L << 50) + 600}, {Long.MAX_VALUE - 40, Long.MAX_VALUE}};
        for (long[] w : windows) {
            CollatzStats expected = brute(w[0], w[1]);
            for (int rounds : new int[] {0, 1, CollatzKernel.ROUNDS}) {
                CollatzStats s = new CollatzStats();
                CollatzKernel.run(w[0], w[1], s, rounds);
                assertSame(expected, s, w[0] + ".." + w[1] + " rounds " + rounds);
            }
        }
    }

    @Test
    void singleStartsAtTheTopOfTheRangeBeforeAnyPeakIsKnown() {
        // The first batch of such a window jumps (or not) with no peak found yet.
        for (long k : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 2, Long.MAX_VALUE - 1, (1L << 62) + 1, (1L << 40) + 7}) {
            assertSame(brute(k, k), run(k, k), "start " + k);
        }
    }

    @Test
    void largeWindowsFromOneAgreeWhateverTheRounds() {
        // Past 2^21 the batched tally's fast path carries nearly every start.
        CollatzStats fast = new CollatzStats();
        CollatzKernel.run(1, 3_000_000, fast, CollatzKernel.ROUNDS);
        CollatzStats slow = new CollatzStats();
        CollatzKernel.run(1, 3_000_000, slow, 0);
        assertSame(slow, fast, "1..3e6");
    }

    @Test
    void aWindowFromOnePastTheMemoMatchesTheWalk() {
        assertSame(brute(1, 2_500_000), run(1, 2_500_000), "1..2.5e6");
    }

    @Test
    void workCoversEveryStartOnce() {
        for (long[] w : new long[][] {{1, 100}, {5, 5}, {64, 64}, {1000, 1999}, {1L << 40, (1L << 40) + 10},
            {Long.MAX_VALUE - 5, Long.MAX_VALUE}}) {
            assertEquals(w[1] - w[0] + 1, run(w[0], w[1]).count(), w[0] + ".." + w[1]);
        }
    }
}
