package mpjnumerics.kernel.montecarlo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tests of the e and gamma Monte Carlo kernels against direct simulation and statistics. */
class EulerMonteCarloTest {
    @Test
    void eKernelCountsDrawsLikeADirectSimulation() {
        // The plain generator formula and a branchy loop: K = draws until the sum passes 1.
        for (int count : new int[] {0, 1, 2, 1001}) {
            SplitMix64 sm = new SplitMix64(SplitMix64.derive(3, 4, 0));
            long[] s = {sm.next(), sm.next(), sm.next(), sm.next()};
            long[] expected = new long[2];
            for (int i = 0; i < count; i++) {
                double sum = 0;
                long k = 0;
                while (sum <= 1.0) {
                    long r = Long.rotateLeft(s[0] + s[3], 23) + s[0];
                    long t = s[1] << 17;
                    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = Long.rotateLeft(s[3], 45);
                    sum += (r >>> 12) * 0x1p-52;
                    k++;
                }
                assertTrue(k >= 2, "a sample takes at least two draws");
                expected[0] += k;
                expected[1] += k * k;
            }
            assertArrayEquals(expected, EulerMonteCarlo.eBlock(3, 4, count), "count " + count);
        }
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
