package mpjnumerics.kernel;

import java.math.BigInteger;

/**
 * Collatz step counts (n even: n/2, n odd: 3n+1, until 1) for windows of starts.
 *
 * <p>Only odd numbers are followed ({@link CollatzWork}): an odd m stands for every start
 * m 2^j of the window. Each trajectory is followed until it falls into the memo of all
 * starts below 2^20, 16 steps of T(n) = n/2 or (3n+1)/2 at a time through the residue jump
 * table ({@link CollatzTables}). A jump skips the values in between, so it is taken only when
 * they provably stay below the highest value found so far: within 16 steps the standard
 * peak 3m+1 is at most 1314 (n + 1). Near the peak, and whenever 3n+1 would not fit 63 bits,
 * the kernel steps one at a time, in BigInteger while the value is too large for a long.
 * Every result is exact.
 */
public final class CollatzKernel {
    /** 3 * 1.5^15 rounded up: bound on 3m+1 within one jump, per unit of (n + 1). */
    private static final long JUMP_GROWTH = 1314;
    private static final long TRIPLE_SAFE = (Long.MAX_VALUE - 1) / 3;
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private CollatzKernel() {}

    /** Adds every start of [first, last] (1 <= first <= last) to stats. */
    public static void run(long first, long last, CollatzStats stats) {
        CollatzWork w = CollatzWork.of(first, last);
        w.run(0, w.count() - 1, stats);
    }

    /** For odd m in [mFirst, mLast]: adds every start m 2^j within [first, last] to stats. */
    static void runOdd(long mFirst, long mLast, long first, long last, CollatzStats stats) {
        CollatzTables t = CollatzTables.get();
        long bound = -1;
        long safe = 0;
        // Counters live in locals during the loop; the histogram is updated in place.
        long count = 0;
        long total = 0;
        int maxSteps = stats.maxSteps;
        long argMax = stats.argMax;
        long[] hist = stats.histogram;
        int lzFirst = Long.numberOfLeadingZeros(first);
        int lzLast = Long.numberOfLeadingZeros(last);
        for (long m = mFirst; m <= mLast && m >= mFirst; m += 2) { // m >= mFirst: no wrap past 2^63
            int lz = Long.numberOfLeadingZeros(m);
            int jhi = lz - lzLast;
            if ((m << jhi) > last || (m << jhi) < 0) {
                jhi--;
            }
            int jlo = Math.max(0, lz - lzFirst);
            if ((m << jlo) < first) {
                jlo++;
            }
            long lowest = m << jlo;
            long highest = m << jhi;
            // The starts' own values: the largest one is met only by itself.
            if (highest >= stats.peakBound()) {
                stats.offerPeak(highest, highest);
            }
            if (stats.peakBound() != bound) { // the peak moved: jumps may go higher now
                bound = stats.peakBound();
                safe = Math.min(t.jumpSafe, bound / JUMP_GROWTH - 1);
            }
            int s = (m < CollatzTables.MEMO ? small(m, lowest, stats, t) : large(m, lowest, stats, t, safe)) + jlo;
            // The starts m 2^j, j = jlo .. jhi, take s + (j - jlo) steps.
            int runs = jhi - jlo + 1;
            count += runs;
            total = Math.addExact(total, (long) s * runs + (long) runs * (runs - 1) / 2);
            int top = s + runs - 1;
            if (top > maxSteps || (top == maxSteps && highest < argMax)) {
                maxSteps = top;
                argMax = highest;
            }
            if (top >= hist.length) {
                hist = java.util.Arrays.copyOf(hist, Math.max(top + 1, 2 * hist.length));
            }
            for (int i = s; i <= top; i++) {
                hist[i]++;
            }
        }
        stats.count += count;
        stats.totalSteps = Math.addExact(stats.totalSteps, total);
        stats.maxSteps = maxSteps;
        stats.argMax = argMax;
        stats.histogram = hist;
    }

    private static int small(long m, long start, CollatzStats stats, CollatzTables t) {
        int i = (int) m;
        if (t.peak[i] >= stats.peakBound()) {
            stats.offerPeak(t.peak[i], start);
        }
        return t.steps[i];
    }

    /** Steps of odd m >= MEMO; values that may reach the peak are offered with {@code start}. */
    private static int large(long m, long start, CollatzStats stats, CollatzTables t, long safeBelow) {
        final int[] jump = t.jump;
        final long[] pow3 = t.pow3;
        long n = m;
        int s = 0;
        long safe = safeBelow;
        while (true) {
            // Jump while the skipped values cannot reach the peak (nor overflow).
            while (n >= CollatzTables.MEMO && n < safe) {
                int e = jump[(int) (n & CollatzTables.JUMP_MASK)];
                int c = e & 31;
                n = pow3[c] * (n >>> CollatzTables.JUMP_BITS) + (e >>> 5);
                s += CollatzTables.JUMP_BITS + c; // each odd T step is two standard steps
            }
            if (n < CollatzTables.MEMO) {
                break;
            }
            // Near the peak or the top of the long range: one exact step.
            if ((n & 1) == 0) {
                n >>>= 1;
            } else if (n <= TRIPLE_SAFE) {
                n = 3 * n + 1;
                if (n >= stats.peakBound()) {
                    stats.offerPeak(n, start);
                }
            } else {
                long[] ns = bigSteps(n, start, stats);
                n = ns[0];
                s += (int) ns[1] - 1;
            }
            s++;
            safe = Math.min(t.jumpSafe, stats.peakBound() / JUMP_GROWTH - 1);
        }
        int i = (int) n;
        if (stats.peakBound() <= t.maxMemoPeak && t.peak[i] >= stats.peakBound()) {
            stats.offerPeak(t.peak[i], start);
        }
        return s + t.steps[i];
    }

    /** Steps in BigInteger while the value needs more than 61 bits: {value after, steps}. */
    private static long[] bigSteps(long n, long start, CollatzStats stats) {
        BigInteger b = BigInteger.valueOf(n);
        long s = 0;
        while (b.bitLength() > 61) { // then 3n+1 fits a long again
            if (b.testBit(0)) {
                b = b.multiply(THREE).add(BigInteger.ONE);
                stats.offerPeak(b, start);
            } else {
                b = b.shiftRight(1);
            }
            s++;
        }
        return new long[] {b.longValueExact(), s};
    }
}
