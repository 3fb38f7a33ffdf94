package mpjnumerics.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Row ours(String scaling, int np, long size, int rep, double wall) {
        return new Row("pi", scaling, Sweep.OURS, "17", "multicore", np, size, rep, wall, 0.1, 0.2, 50, "estimate=3.14");
    }

    private static Row ref(int np, long size, int rep, double wall) {
        return new Row("pi", "strong", "c-openmpi", "-", "-", np, size, rep, wall, Double.NaN, Double.NaN, 10, "pi ~ 3.14");
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertEquals(2.0, Stats.of(List.of(3.0, 1.0, 2.0)).median());
        assertEquals(2.5, Stats.of(List.of(4.0, 1.0, 2.0, 3.0)).median());
        assertEquals(1.0, Stats.of(List.of(3.0, 1.0, Double.NaN)).min());
        assertEquals(0, Stats.of(List.of()).n());
    }

    @Test
    void ratiosArePairedRunByRunThenTheMedian() {
        // Drift: the machine slows down over the reps, both programs alike; pairing cancels it.
        List<Row> rows = new ArrayList<>();
        double[] drift = {1.0, 2.0, 4.0};
        for (int rep = 1; rep <= 3; rep++) {
            rows.add(ours("strong", 2, 1000, rep, 0.5 * drift[rep - 1]));
            rows.add(ref(2, 1000, rep, 1.0 * drift[rep - 1]));
        }
        Report report = new Report(rows, "test");
        Stats ratio = report.ratio("pi", 1000, 2);
        assertEquals(0.5, ratio.median(), 1e-12);
        assertEquals(0.5, ratio.max(), 1e-12);
        assertEquals(3, ratio.n());
    }

    @Test
    void speedupAndWeakEfficiencyFromMedians() {
        List<Row> rows = List.of(ours("strong", 1, 100, 1, 4.0), ours("strong", 1, 100, 2, 6.0),
            ours("strong", 1, 100, 3, 5.0), ours("strong", 2, 100, 1, 2.5), ours("weak", 1, 10, 1, 1.0),
            ours("weak", 2, 20, 1, 1.25));
        Report report = new Report(rows, "test");
        assertEquals(2.0, report.speedup("pi", 100, 2), 1e-12);
        assertEquals(0.8, report.weakEfficiency("pi", 2), 1e-12);
        assertEquals(List.of(1, 2), report.nps("pi", "strong"));
        assertEquals(List.of(100L), report.sizes("pi"));
    }

    @Test
    void sizesPrintAsPowersOfTenWhereExact() {
        assertEquals("1e9", Report.size(1_000_000_000L));
        assertEquals("25x1e7", Report.size(250_000_000L));
        assertEquals("1e3", Report.size(1_000L));
        assertEquals("123456", Report.size(123_456L));
    }

    @Test
    void rankCountsDoubleUpToTheCores() {
        assertEquals(List.of(1, 2, 4), Sweep.rankCounts(2, false));
        assertEquals(List.of(1, 2, 4, 8, 16), Sweep.rankCounts(16, false));
        assertEquals(List.of(1, 2), Sweep.rankCounts(64, true));
    }

    @Test
    void resultFieldsFlattenAndReadBack() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"count\":25,\"first\":2,\"nested\":{\"x\":1}}");
        String flat = Sweep.flatten(json);
        assertEquals("count=25 first=2", flat);
        assertEquals("25", Sweep.resultField(flat, "count"));
    }
}
