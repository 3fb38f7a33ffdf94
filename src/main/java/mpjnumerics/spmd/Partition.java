package mpjnumerics.spmd;

import java.util.function.DoubleUnaryOperator;

/**
 * Block partition of an inclusive range over p parts: part r gets the contiguous piece
 * [first + off(r), first + off(r+1) - 1] with off(r) = floor(n r / p), so sizes differ by at
 * most one and pieces may be empty when n < p. Computed without overflow for any range
 * within the longs (n up to 2^64 - 1 treated as unsigned).
 */
public final class Partition {
    private Partition() {}

    /** The piece of part {@code r} of {@code p}. */
    public static Range block(Range all, int p, int r) {
        if (p <= 0 || r < 0 || r >= p) {
            throw new IllegalArgumentException("part " + r + " of " + p);
        }
        if (all.isEmpty()) {
            return Range.EMPTY;
        }
        long n = all.last() - all.first() + 1; // unsigned; 0 means 2^64 (impossible for non-negative ranges)
        long lo = offset(n, p, r);
        long hi = offset(n, p, r + 1);
        if (lo == hi) {
            return Range.EMPTY;
        }
        return new Range(all.first() + lo, all.first() + hi - 1);
    }

    /** Below this many elements a weighted split is not worth its arithmetic: equal blocks. */
    static final long MIN_WEIGHTED = 1L << 20;
    /** Steps of the numerical integral of the cost density. */
    private static final int STEPS = 4096;

    /**
     * The piece of part {@code r} of {@code p} when the work per element varies: contiguous
     * pieces of about equal total cost, cost(x) being the work per element near x (positive).
     * Every rank computes the same split from the same numbers (strict IEEE arithmetic), so no
     * message is needed.
     */
    public static Range weighted(Range all, int p, int r, DoubleUnaryOperator cost) {
        if (p <= 0 || r < 0 || r >= p) {
            throw new IllegalArgumentException("part " + r + " of " + p);
        }
        if (all.isEmpty() || p == 1 || Long.compareUnsigned(all.last() - all.first(), MIN_WEIGHTED) < 0) {
            return block(all, p, r);
        }
        double first = all.first();
        double span = (double) (all.last() - all.first()); // < 2^63, as a double
        double[] cum = new double[STEPS + 1];
        for (int k = 0; k < STEPS; k++) {
            double mid = first + span * (k + 0.5) / STEPS;
            cum[k + 1] = cum[k] + cost.applyAsDouble(mid);
        }
        long first0 = all.first() + (r == 0 ? 0 : cut(cum, span, r, p, all));
        // The last piece ends at all.last() itself: last - first + 1 may not fit a long.
        long last0 = r == p - 1 ? all.last() : all.first() + cut(cum, span, r + 1, p, all) - 1;
        return last0 < first0 ? Range.EMPTY : new Range(first0, last0);
    }

    /** Offset from all.first() where the cost reaches j/p of the total (0 < j < p), monotone in j. */
    private static long cut(double[] cum, double span, int j, int p, Range all) {
        double target = cum[STEPS] * j / p;
        int k = 0;
        while (k < STEPS - 1 && cum[k + 1] < target) {
            k++;
        }
        double within = cum[k + 1] > cum[k] ? (target - cum[k]) / (cum[k + 1] - cum[k]) : 0;
        double at = span * (k + Math.min(1, Math.max(0, within))) / STEPS;
        return Math.min((long) at, all.last() - all.first());
    }

    /** floor(n * r / p) for unsigned n and 0 <= r <= p, without 128-bit arithmetic. */
    static long offset(long n, int p, int r) {
        long q = Long.divideUnsigned(n, p);
        long rem = Long.remainderUnsigned(n, p);
        return q * r + (rem * r) / p; // rem * r < p^2 < 2^62
    }
}
