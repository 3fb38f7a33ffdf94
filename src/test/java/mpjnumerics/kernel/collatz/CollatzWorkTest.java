package mpjnumerics.kernel.collatz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CollatzWorkTest {
    /** Oracle: the starts m 2^j of odd m in [first, last], as {lowest j, highest j}, or null if none. */
    private static int[] starts(long m, long first, long last) {
        int lo = -1;
        int hi = -1;
        for (int j = 0; j < 63 && m <= (last >>> j); j++) {
            long k = m << j;
            if (k >= first && k <= last) {
                lo = lo < 0 ? j : lo;
                hi = j;
            }
        }
        return lo < 0 ? null : new int[] {lo, hi};
    }

    private static void check(long first, long last) {
        CollatzWork w = CollatzWork.of(first, last);
        TreeSet<Long> covered = new TreeSet<>();
        long prev = Long.MIN_VALUE;
        for (long[] iv : w.intervals()) {
            assertTrue(iv[0] % 2 == 1 && iv[1] % 2 == 1 && iv[0] <= iv[1] && iv[0] > prev, "interval " + iv[0] + ".." + iv[1]);
            prev = iv[1];
            int[] same = starts(iv[0], first, last);
            for (long m = iv[0]; m <= iv[1]; m += 2) {
                int[] s = starts(m, first, last);
                assertTrue(s != null, m + " has no start in [" + first + ", " + last + "]");
                assertEquals(same[0], s[0], "lowest j of " + m + " in " + iv[0] + ".." + iv[1]);
                assertEquals(same[1], s[1], "highest j of " + m + " in " + iv[0] + ".." + iv[1]);
                covered.add(m);
            }
        }
        assertEquals(covered.size(), w.count(), "count of [" + first + ", " + last + "]");
        for (long m = 1; m <= last; m += 2) {
            assertEquals(starts(m, first, last) != null, covered.contains(m), "odd " + m + " for [" + first + ", " + last + "]");
        }
    }

    @Test
    void intervalsHoldExactlyTheOddNumbersNeededEachWithOneRangeOfStarts() {
        check(1, 1);
        check(1, 100_000);
        check(7, 1_000);
        check(4096, 4096);
        check(1000, 1023);
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < 40; k++) {
            long a = 1 + r.nextLong(50_000);
            check(a, a + r.nextLong(50_000));
        }
    }

    @Test
    void farWindowsAreOneIntervalPerRangeOfStarts() {
        long first = 1_000_000_000_000_000L;
        CollatzWork w = CollatzWork.of(first, first + 1_000_000);
        for (long[] iv : w.intervals()) {
            int[] a = starts(iv[0], first, first + 1_000_000);
            int[] b = starts(iv[1], first, first + 1_000_000);
            assertEquals(a[0], b[0]);
            assertEquals(a[1], b[1]);
        }
        assertEquals(1_000_001, w.count()); // every start has an odd part of its own: none shares one
    }
}
