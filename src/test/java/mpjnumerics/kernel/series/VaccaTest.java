package mpjnumerics.kernel.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** Tests of Vacca's series for gamma against the series summed term by term. */
class VaccaTest {
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
}
