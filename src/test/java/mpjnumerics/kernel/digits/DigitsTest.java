package mpjnumerics.kernel.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import mpjnumerics.testing.Oracles;
import org.junit.jupiter.api.Test;

/** Tests of e and gamma to many digits: binary splitting, Brent-McMillan, ln 2. */
class DigitsTest {
    static final String E50 = "2.71828182845904523536028747135266249775724709369995";
    static final String GAMMA50 = "0.57721566490153286060651209008240243104215933593992";

    @Test
    void eByBinarySplittingMatchesTheSpigot() {
        int d = 10_000;
        String bs = EDigits.digits(EDigits.split(0, EDigits.termsFor(d)), d);
        assertEquals(Oracles.spigotE(d), bs);
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
    void gammaMatchesThePublishedDigits() {
        int d = 1500;
        int p = GammaDigits.defaultPower(d);
        assertEquals(Oracles.GAMMA_1500, GammaDigits.digits(d, p));
        // a larger n: another truncation error, the same digits
        assertEquals(Oracles.GAMMA_1500, GammaDigits.digits(d, p + 1));
        // fewer digits: another n and number of guard bits
        assertEquals(Oracles.GAMMA_1500.substring(0, 2 + 300), GammaDigits.digits(300, GammaDigits.defaultPower(300)));
        assertTrue(Oracles.GAMMA_1500.startsWith(GAMMA50));
    }

    @Test
    void ln2FromItsOwnSeries() {
        BigInteger l = GammaDigits.ln2(200);
        BigDecimal v = new BigDecimal(l).divide(new BigDecimal(BigInteger.ONE.shiftLeft(200)), new MathContext(50));
        assertTrue(v.toPlainString().startsWith("0.69314718055994530941723212145817656807550013436"), v.toPlainString());
    }
}
