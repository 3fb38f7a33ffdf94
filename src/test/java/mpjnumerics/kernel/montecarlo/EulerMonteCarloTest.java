package mpjnumerics.kernel.montecarlo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mpjnumerics.kernel.VectorApi;
import org.junit.jupiter.api.Test;

/** Tests of the e and gamma Monte Carlo kernels against direct simulation and statistics. */
class EulerMonteCarloTest {
    /** {sum K, sum K^2}: the plain generator formula and a branchy loop, K = draws until the sum passes 1. */
    static long[] eOracle(long seed, long block, int count) {
        SplitMix64 sm = new SplitMix64(SplitMix64.derive(seed, block, 0));
        long[] s = {sm.next(), sm.next(), sm.next(), sm.next()};
        long[] sums = new long[2];
        for (int i = 0; i < count; i++) {
            double sum = 0;
            long k = 0;
            while (sum <= 1.0) {
                sum += (next(s) >>> 12) * 0x1p-52;
                k++;
            }
            assertTrue(k >= 2, "a sample takes at least two draws");
            sums[0] += k;
            sums[1] += k * k;
        }
        return sums;
    }

    /** {sum frac(1/U), sum frac(1/U)^2}, U the centre of one of 2^53 cells, each sum compensated as Neumaier's. */
    static double[] gammaOracle(long seed, long block, int count) {
        SplitMix64 sm = new SplitMix64(SplitMix64.derive(seed, block, 1));
        long[] s = {sm.next(), sm.next(), sm.next(), sm.next()};
        double[] sum = new double[2];
        double[] lost = new double[2];
        for (int i = 0; i < count; i++) {
            double inv = 1.0 / (((next(s) >>> 11) + 0.5) * 0x1p-53);
            double frac = inv - Math.floor(inv);
            double[] x = {frac, frac * frac};
            for (int j = 0; j < 2; j++) {
                double t = sum[j] + x[j];
                lost[j] += Math.abs(sum[j]) >= Math.abs(x[j]) ? (sum[j] - t) + x[j] : (x[j] - t) + sum[j];
                sum[j] = t;
            }
        }
        return new double[] {sum[0] + lost[0], sum[1] + lost[1]};
    }

    /** xoshiro256++ as its authors publish it. */
    private static long next(long[] s) {
        long r = Long.rotateLeft(s[0] + s[3], 23) + s[0];
        long t = s[1] << 17;
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = Long.rotateLeft(s[3], 45);
        return r;
    }

    @Test
    void eKernelCountsDrawsLikeADirectSimulation() {
        for (int count : new int[] {0, 1, 2, 1001}) {
            assertArrayEquals(eOracle(3, 4, count), EulerMonteCarlo.eBlock(3, 4, count), "count " + count);
        }
        for (int count : new int[] {0, 1, 1001}) {
            double[] g = gammaOracle(3, 4, count);
            assertArrayEquals(g, EulerMonteCarlo.gammaBlock(3, 4, count), "count " + count);
        }
    }

    /**
     * The vector kernels, one block a lane, and the plain ones give each block the oracle's
     * sums: ranges of blocks that fill the lanes or not, a short last block, blocks short enough
     * that the vector e kernel hands every lane's rest to the plain one.
     */
    @Test
    void blockRangesGiveTheOraclesSumsBlockByBlockOnBothKernels() {
        assertTrue(VectorApi.PRESENT, "tests run with --add-modules=jdk.incubator.vector");
        for (int blockSize : new int[] {1, 50, 3001}) {
            BlockPlan plan = new BlockPlan(19L * blockSize + blockSize / 3, blockSize);
            int blocks = (int) plan.blocks();
            for (boolean gamma : new boolean[] {false, true}) {
                long[] expected = new long[2 * blocks];
                for (int b = 0; b < blocks; b++) {
                    if (gamma) {
                        double[] g = gammaOracle(-9, b, plan.size(b));
                        expected[2 * b] = Double.doubleToRawLongBits(g[0]);
                        expected[2 * b + 1] = Double.doubleToRawLongBits(g[1]);
                    } else {
                        System.arraycopy(eOracle(-9, b, plan.size(b)), 0, expected, 2 * b, 2);
                    }
                }
                for (int first : new int[] {0, 1, 3}) {
                    for (boolean vector : new boolean[] {false, true}) {
                        long[] out = new long[2 * (blocks - first)];
                        EulerMonteCarlo.blocks(gamma, -9, plan, first, blocks - 1, vector, out, 0);
                        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 2 * first, 2 * blocks), out,
                                (gamma ? "gamma" : "e") + ", block size " + blockSize + " from block " + first
                                        + (vector ? ", vector" : ", plain"));
                    }
                }
            }
        }
    }

    @Test
    void theVectorKernelsWarmUp() {
        assertTrue(EulerMonteCarlo.warmUpVector(60_000_000_000L), "compiled within a minute");
        assertTrue(EulerMonteCarlo.vectorWarm());
    }

    @Test
    void monteCarloEstimatesLieWithinFourStandardErrors() {
        long n = 0, k = 0, k2 = 0;
        double g = 0, g2 = 0;
        for (long b = 0; b < 4; b++) {
            long[] e = EulerMonteCarlo.eBlock(5, b, 1 << 20);
            double[] y = EulerMonteCarlo.gammaBlock(5, b, 1 << 20);
            n += 1 << 20;
            k += e[0];
            k2 += e[1];
            g += y[0];
            g2 += y[1];
        }
        double me = (double) k / n;
        double se = Math.sqrt(((double) k2 / n - me * me) / n);
        assertTrue(Math.abs(me - Math.E) < 4 * se, me + " +- " + se);
        double mg = g / n;
        double sg = Math.sqrt((g2 / n - mg * mg) / n);
        assertTrue(Math.abs(1 - mg - 0.5772156649015329) < 4 * sg, (1 - mg) + " +- " + sg);
    }
}
