package mpjnumerics.kernel.primes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GapsTest {
    /** OEIS A005250 (maximal gaps) and A002386 (the primes before them), up to 1e9. */
    static final long[] RECORD_GAPS = {1, 2, 4, 6, 8, 14, 18, 20, 22, 34, 36, 44, 52, 72, 86, 96, 112, 114, 118, 132,
        148, 154, 180, 210, 220, 222, 234, 248, 250, 282};
    static final long[] RECORD_AFTER = {2, 3, 7, 23, 89, 113, 523, 887, 1129, 1327, 9551, 15683, 19609, 31397, 155921,
        360653, 370261, 492113, 1349533, 1357201, 2010733, 4652353, 17051707, 20831323, 47326693, 122164747,
        189695659, 191912783, 387096133, 436273009};

    /** The statistics of [a, b] from a plain sieve's list of primes, one gap at a time. */
    record Expected(long primes, long first, long last, long[] histogram, List<long[]> records) {}

    static Expected brute(int a, int b) {
        long primes = 0;
        long first = -1;
        long last = -1;
        long[] hist = new long[200];
        List<long[]> records = new ArrayList<>();
        for (int n = a; n <= b; n++) {
            if (!TupletsTest.PRIME[n]) {
                continue;
            }
            primes++;
            if (last >= 0) {
                int g = (int) (n - last);
                if (records.isEmpty() || g > records.get(records.size() - 1)[0]) {
                    records.add(new long[] {g, last});
                }
                hist[g]++;
            } else {
                first = n;
            }
            last = n;
        }
        int max = records.isEmpty() ? 0 : (int) records.get(records.size() - 1)[0];
        return new Expected(primes, first, last, Arrays.copyOf(hist, max + 1), records);
    }

    static void assertSame(Expected e, Gaps g, String what) {
        assertEquals(e.primes(), g.primes(), what + " primes");
        assertEquals(Math.max(0, e.primes() - 1), g.gaps(), what + " gaps");
        assertEquals(e.first(), g.first(), what + " first");
        assertEquals(e.last(), g.last(), what + " last");
        assertArrayEquals(e.histogram(), g.histogram(), what + " histogram");
        assertEquals(e.records().size(), g.records().length, what + " records");
        for (int r = 0; r < g.records().length; r++) {
            assertArrayEquals(e.records().get(r), g.records()[r], what + " record " + r);
        }
        if (!e.records().isEmpty()) {
            long[] top = e.records().get(e.records().size() - 1);
            assertEquals(top[0], g.largestGap(), what);
            assertEquals(top[1], g.largestGapAfter(), what);
        } else {
            assertEquals(0, g.largestGap(), what);
            assertEquals(-1, g.largestGapAfter(), what);
            assertTrue(Double.isNaN(g.merit()), what);
        }
    }

    @Test
    void smallWindowsAgainstBruteForce() {
        for (int a = 0; a <= 40; a++) {
            for (int b = a; b <= 40; b++) {
                assertSame(brute(a, b), Gaps.of(a, b), "[" + a + ", " + b + "]");
            }
        }
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 200; t++) {
            int a = rnd.nextInt(100_001);
            int b = Math.min(100_000, t % 2 == 0 ? a + rnd.nextInt(300) : a + rnd.nextInt(100_001 - a));
            assertSame(brute(a, b), Gaps.of(a, b), "[" + a + ", " + b + "]");
        }
    }

    /** Windows cut anywhere (not only at multiples of 30) join to the whole, also through longs. */
    @Test
    void piecesJoinExactly() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int t = 0; t < 200; t++) {
            int a = rnd.nextInt(100_001);
            int b = Math.min(100_000, a + rnd.nextInt(t % 2 == 0 ? 400 : 100_001 - a));
            int pieces = 1 + rnd.nextInt(6);
            long[] cuts = new long[pieces + 1];
            cuts[0] = a;
            cuts[pieces] = b + 1L;
            for (int i = 1; i < pieces; i++) {
                cuts[i] = a + rnd.nextInt(b - a + 2);
            }
            Arrays.sort(cuts);
            Gaps joined = new Gaps();
            for (int i = 0; i < pieces; i++) {
                Gaps piece = Gaps.of(cuts[i], cuts[i + 1] - 1);
                joined = joined.then(t % 3 == 0 ? Gaps.fromLongs(piece.toLongs()) : piece);
            }
            assertSame(brute(a, b), joined, "[" + a + ", " + b + "] cut at " + Arrays.toString(cuts));
        }
    }

    @Test
    void maximalGapsBelowOneBillion() {
        Gaps g = Gaps.of(0, 1_000_000_000);
        long[][] records = g.records();
        assertEquals(RECORD_GAPS.length, records.length);
        for (int r = 0; r < records.length; r++) {
            assertEquals(RECORD_GAPS[r], records[r][0], "record " + r);
            assertEquals(RECORD_AFTER[r], records[r][1], "record " + r);
        }
        assertEquals(50_847_534, g.primes());
        assertEquals(999_999_937, g.last());
        long sum = 0;
        long count = 0;
        long[] h = g.histogram();
        for (int s = 0; s < h.length; s++) {
            sum += s * h[s];
            count += h[s];
        }
        assertEquals(g.gaps(), count);
        assertEquals(g.last() - g.first(), sum, "the gaps add up to last - first");
    }

    /** A segment edge inside the window, far from 0, and the gaps across it. */
    @Test
    void aLongWindowJoinedFromPiecesEqualsTheWhole() {
        long lo = 1_000_000_000_000L;
        long hi = lo + 40_000_000L;
        Gaps whole = Gaps.of(lo, hi);
        Gaps joined = Gaps.of(lo, lo + 12_345_677).then(Gaps.of(lo + 12_345_678, lo + 12_345_679))
                .then(Gaps.of(lo + 12_345_680, hi));
        assertArrayEquals(whole.toLongs(), joined.toLongs());
        assertEquals(PrimeSieve.count(lo, hi), whole.primes());
    }

    @Test
    void naturalLogarithmAndMerit() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 0; t < 10_000; t++) {
            double x = t < 100 ? t + 1 : Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(63));
            assertEquals(Math.log(x), Gaps.ln(x), 4 * Math.ulp(Math.log(x)) + 1e-300, "ln " + x);
        }
        assertEquals(0.0, Gaps.ln(1));
        Gaps g = Gaps.of(0, 1000);
        assertEquals(20, g.largestGap());
        assertEquals(887, g.largestGapAfter());
        assertEquals(20 / Math.log(887), g.merit(), 1e-14);
    }
}
