package mpjnumerics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReportTest {
    @Test
    void fixedDecimalsReadAsTheFormatterWritesThem() {
        SplittableRandom r = new SplittableRandom(3);
        double[] special = {0, -0.0, 0.5, 1.005, 2.675, 0.0005, 0.15, 179.23493583, 1e-9, 123456789.987654321, -3.14159};
        for (int decimals = 0; decimals <= 6; decimals++) {
            for (double v : special) {
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Report.fixed(v, decimals), v + " to " + decimals);
            }
            for (int k = 0; k < 2000; k++) {
                double v = (r.nextDouble() - 0.2) * Math.pow(10, r.nextInt(-3, 10));
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Report.fixed(v, decimals), v + " to " + decimals);
            }
        }
    }

    @Test
    void theSummaryEndsWithWallAndComputeTimes() {
        Report rep = new Report("X", 2, "multicore", java.util.Map.of(), java.util.Map.of("count", 5L), 0.7505, 1.2, 0.25, 0.5, null);
        String text = rep.text();
        assertEquals("X on 2 ranks (multicore)\n  count        5\n  wall " + String.format(Locale.ROOT, "%.3f", 0.7505)
                + " s, compute per rank 0.250 to 0.500 s\n", text);
    }
}
