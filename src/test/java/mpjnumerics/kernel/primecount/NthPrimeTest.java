package mpjnumerics.kernel.primecount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import mpjnumerics.kernel.primes.PrimeSieve;
import org.junit.jupiter.api.Test;

class NthPrimeTest {
    /** OEIS A006988: the (10^k)-th prime, k = 0 .. 12. */
    static final long[] P_10 = {2, 29, 541, 7919, 104729, 1299709, 15485863, 179424673, 2038074743L,
        22801763489L, 252097800623L, 2760727302517L, 29996224275833L};

    @Test
    void tenToTheKthPrimes() {
        long n = 1;
        for (int k = 0; k <= 11; k++) {
            assertEquals(P_10[k], NthPrime.nth(n, DelegliseRivat::pi), "prime number 10^" + k);
            n *= 10;
        }
    }

    @Test
    void smallNAgainstTheSieve() {
        long[] primes = new long[20001];
        int[] k = {0};
        PrimeSieve.forEach(0, 250_000, p -> {
            if (k[0] < 20000) {
                primes[++k[0]] = p;
            }
        });
        for (int n = 1; n <= 300; n++) {
            assertEquals(primes[n], NthPrime.nth(n, DelegliseRivat::pi), "n = " + n);
        }
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 40; i++) {
            int n = r.nextInt(1, 20001);
            assertEquals(primes[n], NthPrime.nth(n, DelegliseRivat::pi), "n = " + n);
        }
    }

    /** From a guess on either side, too low or too high by far, the gap is walked to the same prime. */
    @Test
    void finishFromAnyGuess() {
        long n = 1_000_000;
        for (long g : new long[] {2, 1_000_000, 15_485_862, 15_485_863, 15_485_864, 40_000_000}) {
            assertEquals(15_485_863L, NthPrime.finish(n, g, PrimeSieve.count(0, g)), "guess " + g);
        }
    }

    @Test
    void guessIsCloseAndLogarithmIsAccurate() {
        assertTrue(Math.abs(NthPrime.guess(1_000_000_000L) - 22_801_763_489L) < 200_000);
        long top = NthPrime.guess(NthPrime.MAX_N);
        assertTrue(top > 9.2e18 && top <= Long.MAX_VALUE, "guess at the top: " + top);
        for (double v : new double[] {1e-3, 0.5, 1, 2, 3, Math.E, 10, 1e10, 9.2e18}) {
            double expected = lnSeries(v);
            assertEquals(expected, NthPrime.ln(v), 1e-13 * Math.max(1, Math.abs(expected)), "ln " + v);
        }
    }

    private static double lnSeries(double v) {
        // Independent of NthPrime.ln: bisection on an exponential series in BigDecimal.
        java.math.MathContext mc = new java.math.MathContext(40);
        java.math.BigDecimal target = new java.math.BigDecimal(v);
        double lo = -20;
        double hi = 50;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (exp(mid, mc).compareTo(target) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static java.math.BigDecimal exp(double t, java.math.MathContext mc) {
        java.math.BigDecimal x = new java.math.BigDecimal(t);
        java.math.BigDecimal sum = java.math.BigDecimal.ONE;
        java.math.BigDecimal term = java.math.BigDecimal.ONE;
        for (int k = 1; k < 400; k++) {
            term = term.multiply(x, mc).divide(java.math.BigDecimal.valueOf(k), mc);
            sum = sum.add(term, mc);
        }
        return sum;
    }
}
