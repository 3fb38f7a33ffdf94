package mpjnumerics.kernel.montecarlo;

import mpjnumerics.kernel.series.Neumaier;

/**
 * Monte Carlo estimators of Euler's two constants, block by block (see {@link BlockPlan}):
 * <ul>
 * <li>e: the number K of uniform draws until their sum exceeds 1 has mean e;
 * <li>gamma: 1 - E[frac(1/U)] for U uniform on (0, 1).
 * </ul>
 * A block returns its sums (of K and K^2 as exact integers; of frac(1/U) and its square with
 * compensated summation), so totals do not depend on how blocks are shared among ranks.
 */
public final class EulerMonteCarlo {
    private EulerMonteCarlo() {}

    static final long ONE_BITS = 0x3FF0000000000000L; // 1.0

    /**
     * {sum of K, sum of K^2} over the block's samples, from the block's own xoshiro256++
     * stream. A uniform is 52 random bits: the mantissa of a double in [1, 2), minus 1.
     */
    public static long[] eBlock(long seed, long block, int count) {
        SplitMix64 sm = new SplitMix64(SplitMix64.derive(seed, block, 0));
        long s0 = sm.next(), s1 = sm.next(), s2 = sm.next(), s3 = sm.next();
        long sum = 0; // bits of the running sum, a non-negative double: compares as a long
        long k = 0;
        long sumK = 0;
        long sumK2 = 0;
        long left = count;
        // Branch-free: whether the sum passed 1 is a coin toss the CPU cannot predict, so the
        // bookkeeping uses a mask (all ones when a sample ends) instead of a branch.
        while (left > 0) {
            long r = Long.rotateLeft(s0 + s3, 23) + s0;
            long t = s1 << 17;
            s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = Long.rotateLeft(s3, 45);
            sum = Double.doubleToRawLongBits(
                    Double.longBitsToDouble(sum) + (Double.longBitsToDouble(ONE_BITS | (r >>> 12)) - 1.0));
            k++;
            long end = (sum - ONE_BITS - 1) >> 63 ^ -1L; // sum > 1.0: all ones
            sumK += k & end;
            sumK2 += k * k & end;
            left += end;
            sum &= ~end;
            k &= ~end;
        }
        return new long[] {sumK, sumK2};
    }

    /** {sum of frac(1/U), sum of frac(1/U)^2} over the block's samples, compensated. */
    public static double[] gammaBlock(long seed, long block, int count) {
        Xoshiro rng = new Xoshiro(seed, block, 1);
        Neumaier sum = new Neumaier();
        Neumaier sq = new Neumaier();
        for (int i = 0; i < count; i++) {
            double inv = 1.0 / rng.nextOpenDouble();
            double frac = inv - Math.floor(inv);
            sum.add(frac);
            sq.add(frac * frac);
        }
        return new double[] {sum.value(), sq.value()};
    }
}
