package mpjnumerics.kernel;

import java.math.BigInteger;

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
            return new Split(p.multiply(next.q).add(next.p), q.multiply(next.q));
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
        if (b - a == 1) {
            return new Split(BigInteger.ONE, BigInteger.valueOf(b));
        }
        if (b - a <= 8) { // small ranges directly: fewer tiny BigIntegers
            BigInteger p = BigInteger.ZERO;
            BigInteger q = BigInteger.ONE;
            for (long k = b; k > a; k--) { // Horner from the top: p = (p + 1) k ...
                p = p.add(q);
                q = q.multiply(BigInteger.valueOf(k));
            }
            return new Split(p, q);
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
                next.add(i + 1 < level.size() ? level.get(i).then(level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.get(0);
    }

    /** "2.7182..." with {@code digits} digits after the point, from the (P, Q) of all terms. */
    public static String digits(Split all, int digits) {
        BigInteger scale = BigInteger.TEN.pow(digits + GUARD);
        // e - 1 = P/Q up to a tail far below the guard digits
        BigInteger scaled = all.p.multiply(scale).divide(all.q).add(scale);
        String s = scaled.toString(); // "2718..." with digits + GUARD + 1 characters
        String guard = s.substring(digits + 1);
        if (guard.chars().allMatch(c -> c == '9') || guard.chars().allMatch(c -> c == '0')) {
            throw new ArithmeticException("guard digits " + guard + " leave the last digit undecided");
        }
        return s.charAt(0) + "." + s.substring(1, digits + 1);
    }
}
