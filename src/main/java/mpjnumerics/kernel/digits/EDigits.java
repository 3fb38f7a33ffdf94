package mpjnumerics.kernel.digits;

import java.math.BigInteger;
import java.util.concurrent.FutureTask;

/**
 * e to many decimal digits from e = 1 + sum of 1/k! by binary splitting: for a range of
 * terms (a, b], Q = (a+1)(a+2)...b and P = sum over k in (a, b] of (k+1)...b, so that
 * P/Q = sum of 1/((a+1)...k). Ranges combine as P = P1 Q2 + P2, Q = Q1 Q2, which lets ranks
 * split the terms and merge their (P, Q) in a tree.
 */
public final class EDigits {
    /** Extra digits computed and checked, so that truncation cannot round a digit wrongly. */
    static final int GUARD = 20;
    /** log2(10) rounded up: bits needed per decimal digit. */
    private static final double BITS_PER_DIGIT = 3.3219280948873626;

    private EDigits() {}

    /** (P, Q) of a range of terms. */
    public record Split(BigInteger p, BigInteger q) {
        public Split then(Split next) {
            return new Split(FftMultiply.multiply(p, next.q).add(next.p), FftMultiply.multiply(q, next.q));
        }

        /** {@link #then}, the two products on two threads (for rank 0's merge, others idle). */
        Split thenInParallel(Split next) {
            FutureTask<BigInteger> pq = new FutureTask<>(() -> FftMultiply.multiply(p, next.q));
            new Thread(pq, "e-merge").start();
            BigInteger qq = FftMultiply.multiply(q, next.q);
            return new Split(HugeDecimal.join(pq).add(next.p), qq);
        }
    }

    /** Number of terms n with n! > 10^(digits + GUARD + 1), found by adding bit lengths (no log). */
    public static long termsFor(long digits) {
        double need = (digits + GUARD + 1) * BITS_PER_DIGIT;
        double bits = 0;
        long n = 1;
        while (bits < need) {
            n++;
            bits += 63 - Long.numberOfLeadingZeros(n); // floor(log2 n) <= log2 n
        }
        return n;
    }

    /** (P, Q) for the terms (a, b]. */
    public static Split split(long a, long b) {
        // Ranges whose Q stays below 2^61 run in longs: most of the recursion's calls, and the
        // ones that would otherwise make millions of tiny BigIntegers.
        if ((b - a) * (64 - Long.numberOfLeadingZeros(b)) <= 61) {
            long p = 0;
            long q = 1;
            for (long k = b; k > a; k--) { // Horner from the top: p = (p + 1) k ...
                p += q;
                q *= k;
            }
            return new Split(BigInteger.valueOf(p), BigInteger.valueOf(q));
        }
        long m = a + (b - a) / 2;
        return split(a, m).then(split(m, b));
    }

    /** Combines consecutive splits pairwise, as a balanced tree. */
    public static Split combine(java.util.List<Split> parts) {
        java.util.List<Split> level = new java.util.ArrayList<>(parts);
        while (level.size() > 1) {
            java.util.List<Split> next = new java.util.ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? level.get(i).thenInParallel(level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.get(0);
    }

    /** "2.7182..." with {@code digits} digits after the point, from the (P, Q) of all terms. */
    public static String digits(Split all, int digits) {
        int total = digits + GUARD;
        int bits = HugeDecimal.bitsFor(total);
        // rank 0 has the machine to itself now: products on the common fork-join pool.
        // y = P/Q - 1, the fraction of e - 2 up to the series' tail, to within 4 / 2^bits
        BigInteger y = HugeDecimal.approximateQuotient(all.p.subtract(all.q).shiftLeft(bits), all.q, true);
        int forkDepth = Math.min(3, 31 - Integer.numberOfLeadingZeros(Runtime.getRuntime().availableProcessors()));
        String s = HugeDecimal.fractionDigits(y, bits, 4, total, forkDepth);
        // The digits of P/Q - 1 are exact; e - 1 exceeds P/Q by the tail, below 2 units of the
        // last guard digit: unless the guard digits are (nearly) all nines, the digits kept are e's.
        String guard = s.substring(digits);
        String leading = guard.substring(0, GUARD - 2);
        if (leading.chars().allMatch(c -> c == '9') || leading.chars().allMatch(c -> c == '0')) {
            throw new ArithmeticException("guard digits " + guard + " leave the last digit undecided");
        }
        return "2." + s.substring(0, digits);
    }
}
