package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import mpjnumerics.kernel.montecarlo.BlockPlan;
import mpjnumerics.kernel.montecarlo.PiKernel;
import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;

class PiMonteCarloJobTest {
    static final long SAMPLES = 5_000_123; // not a whole number of blocks

    @Test
    void sameHitsForEveryNumberOfRanksAndEqualToTheKernelSum() {
        long expected = 0;
        BlockPlan plan = BlockPlan.of(SAMPLES);
        for (long b = 0; b < plan.blocks(); b++) {
            expected += PiKernel.hits(77, b, plan.size(b), false);
        }
        for (int np : new int[] {1, 2, 3, 4, 7}) {
            Run r = Run.job(np, "PiMonteCarlo", "--samples", "5_000_123", "--seed", "77", "--json");
            assertEquals(0, r.exit(), r.toString());
            JsonNode j = r.json();
            assertEquals("PiMonteCarlo", j.get("job").asText());
            assertEquals(np, j.get("ranks").asInt());
            assertEquals("multicore", j.get("device").asText());
            assertEquals(SAMPLES, j.get("params").get("samples").asLong());
            assertEquals(expected, j.get("result").get("hits").asLong(), "np " + np);
            JsonNode res = j.get("result");
            assertEquals(4.0 * expected / SAMPLES, res.get("estimate").asDouble());
            assertTrue(res.get("absError").asDouble() < 4 * res.get("stdError").asDouble(), res.toString());
            assertTrue(j.get("computeSeconds").get("min").asDouble() <= j.get("computeSeconds").get("max").asDouble());
            assertTrue(j.get("wallSeconds").asDouble() > 0);
            assertTrue(j.get("javaVersion").asText().startsWith(Integer.toString(Runtime.version().feature())));
            assertEquals("", r.errLines(), "nothing on stderr for a successful --json run");
        }
    }

    @Test
    void moreRanksThanBlocksStillCountsEverySample() {
        Run one = Run.job(1, "PiMonteCarlo", "--samples", "1000", "--json");
        Run many = Run.job(5, "PiMonteCarlo", "--samples", "1000", "--json");
        assertEquals(one.json().get("result"), many.json().get("result"));
        assertEquals(1000, many.json().get("result").get("samples").asLong());
    }

    @Test
    void humanSummaryAndCsv() {
        Run h = Run.job(2, "PiMonteCarlo", "--samples", "1e5");
        assertEquals(0, h.exit(), h.toString());
        assertTrue(h.out().startsWith("PiMonteCarlo on 2 ranks (multicore)"), h.out());
        assertTrue(h.out().contains("pi ~ 3.1"), h.out());
        Run c = Run.job(2, "PiMonteCarlo", "--samples", "1e5", "--csv");
        String[] lines = c.out().split("\n");
        assertEquals(2, lines.length, c.out());
        assertEquals(lines[0].split(",").length, lines[1].split(",").length);
        assertTrue(lines[0].startsWith("job,ranks,device,samples,seed,hits"), lines[0]);
    }
}
