package mpjnumerics.kernel;

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

    /** {sum of K, sum of K^2} over the block's samples. */
    public static long[] eBlock(long seed, long block, int count) {
        Xoshiro rng = new Xoshiro(seed, block, 0);
        long sumK = 0;
        long sumK2 = 0;
        for (int i = 0; i < count; i++) {
            double sum = 0;
            long k = 0;
            while (sum <= 1.0) {
                sum += rng.nextDouble();
                k++;
            }
            sumK += k;
            sumK2 += k * k;
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
