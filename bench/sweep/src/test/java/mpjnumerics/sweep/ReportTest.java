package mpjnumerics.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static Row startup(String program, int rep, double wall, double rss) {
        boolean ours = program.startsWith(Sweep.OURS);
        return new Row(Sweep.STARTUP, Sweep.STARTUP, program, ours ? "17" : "-", ours ? "multicore" : "-", 2, 0, rep,
            wall, ours ? 0 : Double.NaN, ours ? 0 : Double.NaN, rss, "size=2");
    }

    @Test
    void startupComparesTheThreeLaunchesRoundByRound() {
        // Round 2 runs on a busier machine: all three slow down alike, the ratios stay.
        List<Row> rows = new ArrayList<>();
        double[] load = {1.0, 3.0, 1.0};
        for (int rep = 1; rep <= 3; rep++) {
            rows.add(startup(Sweep.OURS, rep, 0.2 * load[rep - 1], 60 + rep));
            rows.add(startup(Sweep.OURS_JAR, rep, 0.3 * load[rep - 1], 90));
            rows.add(startup("c-openmpi", rep, 0.4 * load[rep - 1], 12));
        }
        rows.add(ours("strong", 2, 1000, 1, 0.5));
        rows.add(ref(2, 1000, 1, 1.0));
        Report report = new Report(rows, "test");
        assertEquals(List.of(Sweep.OURS, Sweep.OURS_JAR, "c-openmpi"), report.startupPrograms());
        Stats ratio = report.startupRatio(Sweep.OURS, "c-openmpi");
        assertEquals(0.5, ratio.median(), 1e-12);
        assertEquals(0.5, ratio.max(), 1e-12);
        assertEquals(0.75, report.startupRatio(Sweep.OURS_JAR, "c-openmpi").median(), 1e-12);
        assertEquals(0.2, report.startupWall(Sweep.OURS).median(), 1e-12);
        assertEquals(63, report.startupRss(Sweep.OURS).max(), 1e-12);
        // The start-up rows stay out of the strong-scaling pairs and the reference column.
        assertEquals("c-openmpi", report.reference("pi"));
        assertEquals(null, report.reference(Sweep.STARTUP));
        assertEquals(0.5, report.ratio("pi", 1000, 2).median(), 1e-12);

        String md = report.markdown("t");
        assertTrue(md.contains("## Start-up (Hello, np 2)"), md);
        assertTrue(md.contains("| mpj-numerics | `mpj/bin/mpjrun.sh -np 2 Hello` | 3 | 0.200 (0.200 to 0.600) | "
            + "0.50x (0.50 to 0.50) | 62 (63) |"), md);
        assertTrue(md.contains("| mpj-numerics-jar | `java -jar target/mpj-numerics.jar -np 2 Hello` | 3 |"), md);
        assertTrue(md.contains("| c-openmpi | `mpirun -np 2 bench/work/hello_mpi` | 3 | 0.400 (0.400 to 1.200) | 1.00x | 12 (12) |"), md);
        assertTrue(md.indexOf("## Start-up") < md.indexOf("## Against the reference programs"), md);
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
        assertEquals("-", Report.size(0L));
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
