package mpjnumerics.kernel.collatz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The odd numbers whose trajectories a window [A, B] of starts needs. Every start is
 * k = m 2^j with m odd, and steps(k) = steps(m) + j, so only odd m are followed: those with
 * some m 2^j in [A, B]. For [1, N] that halves the work; for a far window it changes nothing.
 * The odd m lie in the union of [A / 2^j, B / 2^j] over j, kept as sorted disjoint intervals
 * and indexed 0 .. count-1 so that ranks can share them out. Within an interval every m has
 * the same starts m 2^j, j = jlo .. jhi.
 */
public final class CollatzWork {
    private final long first;
    private final long last;
    /** Disjoint intervals, ascending: lo[i] .. hi[i], both odd. */
    private final long[] lo;
    private final long[] hi;
    /** Odd numbers before interval i. */
    private final long[] before;
    private final long count;

    private CollatzWork(long first, long last, List<long[]> intervals) {
        this.first = first;
        this.last = last;
        int n = intervals.size();
        lo = new long[n];
        hi = new long[n];
        before = new long[n];
        long c = 0;
        for (int i = 0; i < n; i++) {
            lo[i] = intervals.get(i)[0];
            hi[i] = intervals.get(i)[1];
            before[i] = c;
            c += (hi[i] - lo[i]) / 2 + 1;
        }
        count = c;
    }

    /** The work for the starts [first, last], 1 <= first <= last. */
    public static CollatzWork of(long first, long last) {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("window [" + first + ", " + last + "]");
        }
        List<long[]> odd = new ArrayList<>();
        for (int j = 0; j < 63 && (last >>> j) >= 1; j++) {
            long a = ceilShift(first, j) | 1;   // smallest odd >= ceil(first / 2^j)
            long b = last >>> j;
            if ((b & 1) == 0) {
                b--;
            }
            if (a <= b) {
                odd.add(new long[] {a, b});
            }
        }
        odd.sort(Comparator.comparingLong(x -> x[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] iv : odd) {
            long[] top = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (top != null && iv[0] <= top[1] + 2) {
                top[1] = Math.max(top[1], iv[1]);
            } else {
                merged.add(iv.clone());
            }
        }
        return new CollatzWork(first, last, uniform(merged, first, last));
    }

    /**
     * The intervals cut where the starts m 2^j of their odd m change: m 2^j <= last holds for
     * m <= last / 2^j, m 2^j >= first for m >= ceil(first / 2^j). Within a piece every m has
     * the same j range, so the kernel never meets a change inside a call (a branch the JIT
     * would have compiled as never taken, and deoptimised at every such change).
     */
    private static List<long[]> uniform(List<long[]> intervals, long first, long last) {
        List<Long> cuts = new ArrayList<>(); // a piece ends at an odd m <= cut, the next starts above it
        for (int j = 0; j < 63; j++) {
            cuts.add(last >>> j);
            cuts.add(ceilShift(first, j) - 1);
        }
        cuts.sort(null);
        List<long[]> out = new ArrayList<>();
        for (long[] iv : intervals) {
            long a = iv[0];
            for (long cut : cuts) {
                if (cut >= a && cut < iv[1]) {
                    long end = (cut & 1) == 0 ? cut - 1 : cut; // the last odd <= cut
                    if (end >= a) {
                        out.add(new long[] {a, end});
                        a = end + 2;
                    }
                }
            }
            out.add(new long[] {a, iv[1]});
        }
        return out;
    }

    private static long ceilShift(long x, int j) {
        return j == 0 ? x : ((x - 1) >>> j) + 1;
    }

    public long first() {
        return first;
    }

    public long last() {
        return last;
    }

    /** The intervals of odd numbers, [lo, hi] each, ascending (for tests). */
    List<long[]> intervals() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < lo.length; i++) {
            out.add(new long[] {lo[i], hi[i]});
        }
        return out;
    }

    /** How many odd numbers to follow. */
    public long count() {
        return count;
    }

    /** Follows the odd numbers with indices [from, to] and adds their starts to stats. */
    public void run(long from, long to, CollatzStats stats) {
        run(from, to, stats, CollatzKernel.ROUNDS);
    }

    void run(long from, long to, CollatzStats stats, int rounds) {
        for (int i = 0; i < lo.length && from <= to; i++) {
            long n = (hi[i] - lo[i]) / 2 + 1;
            if (from >= before[i] + n) {
                continue;
            }
            long a = from - before[i];
            long b = Math.min(to - before[i], n - 1);
            CollatzKernel.runOdd(lo[i] + 2 * a, lo[i] + 2 * b, first, last, stats, rounds);
            from = before[i] + b + 1;
        }
    }
}
