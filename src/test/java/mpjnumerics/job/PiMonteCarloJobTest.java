package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import mpjnumerics.testing.Oracles;
import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;

class PiMonteCarloJobTest {
    static final long SAMPLES = 5_000_123; // not a whole number of blocks

    @Test
    void everyNumberOfRanksCountsTheHitsOfTheReference() {
        long expected = Oracles.piHitsOfJob(77, SAMPLES);
        double p = (double) expected / SAMPLES;
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
            assertEquals(4 * p, res.get("estimate").asDouble());
            assertEquals(4 * Math.sqrt(p * (1 - p) / SAMPLES), res.get("stdError").asDouble(), 1e-15);
            assertEquals(Math.abs(4 * p - Math.PI), res.get("absError").asDouble(), 1e-15);
            assertTrue(j.get("computeSeconds").get("min").asDouble() <= j.get("computeSeconds").get("max").asDouble());
            assertTrue(j.get("wallSeconds").asDouble() > 0);
            assertTrue(j.get("javaVersion").asText().startsWith(Integer.toString(Runtime.version().feature())));
            assertEquals("", r.errLines(), "nothing on stderr for a successful --json run");
        }
    }

    @Test
    void moreRanksThanBlocksStillCountsEverySample() {
        for (int np : new int[] {1, 5}) {
            Run r = Run.job(np, "PiMonteCarlo", "--samples", "1000", "--seed", "5", "--json");
            assertEquals(0, r.exit(), r.toString());
            assertEquals(Oracles.piHits(5, 0, 1000), r.json().get("result").get("hits").asLong(), "np " + np);
            assertEquals(1000, r.json().get("result").get("samples").asLong());
        }
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
        assertTrue(lines[0].startsWith("schemaVersion,job,ranks,device,samples,seed,hits"), lines[0]);
    }
}
