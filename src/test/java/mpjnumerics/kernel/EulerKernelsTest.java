package mpjnumerics.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class EulerKernelsTest {
    static final String E50 = "2.71828182845904523536028747135266249775724709369995";
    static final String GAMMA50 = "0.57721566490153286060651209008240243104215933593992";

    /** Independent oracle: Sale's spigot for e, digit by digit with small integers. */
    static String spigotE(int digits) {
        int n = digits + 10;
        int[] a = new int[n];
        java.util.Arrays.fill(a, 1);
        StringBuilder s = new StringBuilder("2.");
        for (int d = 0; d < digits; d++) {
            int carry = 0;
            for (int i = n - 1; i >= 0; i--) {
                int x = a[i] * 10 + carry;
                a[i] = x % (i + 2);
                carry = x / (i + 2);
            }
            s.append(carry);
        }
        return s.toString();
    }

    @Test
    void eByBinarySplittingMatchesTheSpigot() {
        int d = 10_000;
        String bs = EDigits.digits(EDigits.split(0, EDigits.termsFor(d)), d);
        assertEquals(spigotE(d), bs);
        assertTrue(bs.startsWith(E50));
    }

    @Test
    void eTo100kDigitsThroughFftProductsMatchesATermByTermSum() {
        // Large enough for the FFT products, the Newton division and the split decimal
        // conversion; the oracle adds floor(10^(d+30) / k!) term by term with small divisors.
        int d = 100_000;
        BigInteger term = BigInteger.TEN.pow(d + 30);
        BigInteger sum = term;
        for (int k = 1; term.signum() > 0; k++) {
            term = term.divide(BigInteger.valueOf(k));
            sum = sum.add(term);
        }
        String oracle = sum.toString(); // below the true value by at most one unit per term
        String fast = EDigits.digits(EDigits.combine(java.util.List.of(
            EDigits.split(0, 1000), EDigits.split(1000, EDigits.termsFor(d)))), d);
        assertEquals("2." + oracle.substring(1, d + 1), fast);
    }

    @Test
    void eSplitsCombineInAnyTree() {
        long n = EDigits.termsFor(2000);
        String whole = EDigits.digits(EDigits.split(0, n), 2000);
        java.util.List<EDigits.Split> parts = new java.util.ArrayList<>();
        long[] cuts = {0, 1, 7, 100, n / 2, n - 3, n};
        for (int i = 0; i + 1 < cuts.length; i++) {
            parts.add(EDigits.split(cuts[i], cuts[i + 1]));
        }
        assertEquals(whole, EDigits.digits(EDigits.combine(parts), 2000));
    }

    @Test
    void gammaAgreesForTwoParameterChoicesAndKnownDigits() {
        int d = 1500;
        int p = GammaDigits.defaultPower(d);
        String a = GammaDigits.digits(d, p);
        String b = GammaDigits.digits(d, p + 1);
        assertEquals(a, b);
        assertTrue(a.startsWith(GAMMA50), a.substring(0, 60));
    }

    @Test
    void ln2FromItsOwnSeries() {
        BigInteger l = GammaDigits.ln2(200);
        BigDecimal v = new BigDecimal(l).divide(new BigDecimal(BigInteger.ONE.shiftLeft(200)), new MathContext(50));
        assertTrue(v.toPlainString().startsWith("0.69314718055994530941723212145817656807550013436"), v.toPlainString());
    }

    @Test
    void vaccaPairsEqualTheAlternatingSeriesAndTheBoundHolds() {
        for (long terms : new long[] {2, 3, 10, 11, 1000, 1001, 123_457}) {
            // The series term by term, exactly in BigDecimal.
            BigDecimal direct = BigDecimal.ZERO;
            MathContext mc = new MathContext(40);
            for (long k = 2; k <= terms + 1; k++) {
                BigDecimal t = BigDecimal.valueOf(63 - Long.numberOfLeadingZeros(k)).divide(BigDecimal.valueOf(k), mc);
                direct = k % 2 == 0 ? direct.add(t) : direct.subtract(t);
            }
            double viaPairs = Vacca.pairs(1, Vacca.pairsIn(terms)) + Vacca.loneTerm(terms);
            assertEquals(direct.doubleValue(), viaPairs, 1e-15 * terms, "terms " + terms);
            double gamma = 0.5772156649015329;
            assertTrue(Math.abs(viaPairs - gamma) <= Vacca.errorBound(terms), "bound, terms " + terms);
        }
    }

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
