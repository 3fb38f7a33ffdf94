package mpjnumerics.kernel.series;

/**
 * Vacca's series gamma = sum over k >= 2 of (-1)^k floor(log2 k) / k, where floor(log2 k) is
 * the index of k's highest bit. Terms come in pairs (2j, 2j+1), which share floor(log2) for
 * j >= 1, so a pair is m (1/(2j) - 1/(2j+1)) = m / (2j (2j+1)): one division, every pair
 * positive. Pairs are summed in blocks with compensated summation; blocks are fixed by the
 * pair index, so the total does not depend on the number of ranks.
 */
public final class Vacca {
    /** Pairs per block. */
    public static final long BLOCK = 1L << 20;
    /** ln 2, a constant: the error bound needs ln x only as an upper bound. */
    private static final double LN2 = 0.6931471805599453;

    private Vacca() {}

    /** Sum of pairs j = first .. last (j >= 1), compensated. */
    public static double pairs(long first, long last) {
        Neumaier total = new Neumaier();
        // floor(log2 2j) is constant while 2j stays within one power of two: factor it out.
        for (long a = first; a <= last; ) {
            int m = 63 - Long.numberOfLeadingZeros(2 * a);
            long b = Math.min(last, (1L << m) - 1); // 2j < 2^(m+1)
            total.add(m * reciprocalSum(a, b));
            a = b + 1;
        }
        return total.value();
    }

    /** Sum of 1 / (2j (2j + 1)) for j = a .. b, in four compensated lanes. */
    static double reciprocalSum(long a, long b) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        double c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        long j = a;
        for (; j + 3 <= b; j += 4) {
            double x0 = 2.0 * j, x1 = x0 + 2, x2 = x0 + 4, x3 = x0 + 6;
            double t0 = 1.0 / (x0 * (x0 + 1)), t1 = 1.0 / (x1 * (x1 + 1));
            double t2 = 1.0 / (x2 * (x2 + 1)), t3 = 1.0 / (x3 * (x3 + 1));
            // Terms are smaller than the running sums, so Kahan's correction is exact here.
            double y0 = s0 + t0; c0 += (s0 - y0) + t0; s0 = y0;
            double y1 = s1 + t1; c1 += (s1 - y1) + t1; s1 = y1;
            double y2 = s2 + t2; c2 += (s2 - y2) + t2; s2 = y2;
            double y3 = s3 + t3; c3 += (s3 - y3) + t3; s3 = y3;
        }
        Neumaier n = new Neumaier();
        for (; j <= b; j++) {
            double x = 2.0 * j;
            n.add(1.0 / (x * (x + 1)));
        }
        n.add(s0);
        n.add(s1);
        n.add(s2);
        n.add(s3);
        n.add(c0 + c1 + c2 + c3);
        return n.value();
    }

    /** Whole pairs among the first n terms (k = 2 .. n+1); for odd n, {@link #loneTerm} is left over. */
    public static long pairsIn(long terms) {
        return terms / 2;
    }

    /** The last term k = n+1 when n is odd (it has no partner): (-1)^k floor(log2 k)/k, k even. */
    public static double loneTerm(long terms) {
        if (terms % 2 == 0) {
            return 0;
        }
        long k = terms + 1;
        return (63 - Long.numberOfLeadingZeros(k)) / (double) k;
    }

    /**
     * A priori bound on |gamma - (sum of the first n terms)|: the pairs after J contribute at
     * most integral from J of log2(2x) / (4 x^2) = (ln(2J) + 1) / (4 J ln 2), bounded with ln
     * replaced by an upper bound from the bit length; a lone last term adds its partner.
     */
    public static double errorBound(long terms) {
        long pairs = pairsIn(terms);
        double lnUpper = (64 - Long.numberOfLeadingZeros(2 * pairs)) * LN2; // ln(2J) <= bits(2J) ln 2
        double tail = (lnUpper + 1) / (4 * (double) pairs * LN2);
        if (terms % 2 == 1) {
            long k = terms + 2; // the missing odd partner of the lone even term
            tail += (63 - Long.numberOfLeadingZeros(k)) / (double) k;
        }
        return tail;
    }
}
