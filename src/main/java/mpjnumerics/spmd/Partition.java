package mpjnumerics.spmd;

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

    /** floor(n * r / p) for unsigned n and 0 <= r <= p, without 128-bit arithmetic. */
    static long offset(long n, int p, int r) {
        long q = Long.divideUnsigned(n, p);
        long rem = Long.remainderUnsigned(n, p);
        return q * r + (rem * r) / p; // rem * r < p^2 < 2^62
    }
}
