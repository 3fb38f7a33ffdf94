package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;

/** PrimeCount --method combinatorial and NthPrime on several rank counts: the same exact results. */
class CombinatorialJobsTest {
    @Test
    void combinatorialCountIsTheSameForEveryRankCount() {
        for (int np : new int[] {1, 2, 3, 7}) {
            Run r = Run.job(np, "PrimeCount", "--to", "1e12", "--method", "combinatorial", "--json");
            assertEquals(0, r.exit(), r.toString());
            JsonNode res = r.json().get("result");
            assertEquals(37_607_912_018L, res.get("count").asLong(), "np " + np);
            assertEquals("combinatorial", res.get("method").asText());
            JsonNode pi = res.get("pi").get(0);
            assertEquals(1_000_000_000_000L, pi.get("x").asLong());
            for (String part : CombinatorialPi.PARTS) {
                assertTrue(pi.get("partSeconds").get(part).asDouble() >= 0, part);
            }
        }
    }

    @Test
    void rangesAgreeWithTheSieveAndAutoPicksByCost() {
        Run comb = Run.job(3, "PrimeCount", "--from", "1e10+7", "--to", "2e10", "--method", "combinatorial", "--json");
        Run sieve = Run.job(3, "PrimeCount", "--from", "1e10+7", "--to", "2e10", "--method", "sieve", "--json");
        assertEquals(0, comb.exit(), comb.toString());
        assertEquals(sieve.json().get("result").get("count").asLong(), comb.json().get("result").get("count").asLong());
        assertEquals("sieve", PrimeCount.choose(1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L + 1_000_000_000L));
        assertEquals("combinatorial", PrimeCount.choose(0, 10_000_000_000_000L));
        assertEquals("sieve", PrimeCount.choose(0, 1000));
        Run tiny = Run.job(7, "PrimeCount", "--from", "2", "--to", "4", "--method", "combinatorial", "--json");
        assertEquals(2, tiny.json().get("result").get("count").asLong());
    }

    @Test
    void nthPrimeIsTheSameForEveryRankCount() {
        for (int np : new int[] {1, 2, 3, 7}) {
            Run r = Run.job(np, "NthPrime", "--n", "1e10", "--json");
            assertEquals(0, r.exit(), r.toString());
            assertEquals(252_097_800_623L, r.json().get("result").get("prime").asLong(), "np " + np);
        }
        Run one = Run.job(2, "NthPrime", "--n", "1", "--json");
        assertEquals(2, one.json().get("result").get("prime").asLong());
        Run small = Run.job(3, "NthPrime", "--n", "1000");
        assertEquals(0, small.exit(), small.toString());
        assertTrue(small.out().contains("prime number 1000 is 7919"), small.out());
    }

    @Test
    void badInputIsAUsageError() {
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeCount", "--method", "magic"), "must be one of");
        CommandLineContractTest.assertUsageError(Run.job(2, "NthPrime", "--n", "0"), "n");
        CommandLineContractTest.assertUsageError(Run.job(2, "NthPrime", "--n", "216289611853439385"), "n");
    }
}
