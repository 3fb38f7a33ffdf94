package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrimeJobsTest {
    static List<String> bruteList(long a, long b) {
        List<String> out = new ArrayList<>();
        for (long n = a; n <= b; n++) {
            boolean prime = n >= 2;
            for (long d = 2; d * d <= n && prime; d++) {
                prime = n % d != 0;
            }
            if (prime) {
                out.add(Long.toString(n));
            }
        }
        return out;
    }

    @Test
    void countIsTheSameForEveryRankCount() {
        for (int np : new int[] {1, 2, 3, 4, 7}) {
            Run r = Run.job(np, "PrimeCount", "--to", "1e8", "--json");
            assertEquals(0, r.exit(), r.toString());
            assertEquals(5_761_455L, r.json().get("result").get("count").asLong(), "np " + np);
        }
        Run tiny = Run.job(7, "PrimeCount", "--from", "2", "--to", "4", "--json"); // fewer numbers than ranks
        assertEquals(2, tiny.json().get("result").get("count").asLong());
    }

    @Test
    void listFileEqualsBruteForceAndLinesEqualTheCount(@TempDir Path dir) throws Exception {
        for (int np : new int[] {1, 3, 4}) {
            Path f = dir.resolve("p" + np + ".txt");
            Run r = Run.job(np, "PrimeList", "--from", "999000", "--to", "1000100", "--out", f.toString(), "--json");
            assertEquals(0, r.exit(), r.toString());
            List<String> expected = bruteList(999_000, 1_000_100);
            assertEquals(expected, Files.readAllLines(f));
            JsonNode res = r.json().get("result");
            assertEquals(expected.size(), res.get("count").asInt());
            assertEquals(expected.get(0), res.get("first").asText());
            assertEquals(expected.get(expected.size() - 1), res.get("last").asText());
        }
        Path big = dir.resolve("big.txt");
        Run r = Run.job(3, "PrimeList", "--to", "2e7", "--out", big.toString(), "--json");
        assertEquals(0, r.exit(), r.toString());
        long lines;
        try (var s = Files.lines(big)) {
            lines = s.count();
        }
        Run count = Run.job(2, "PrimeCount", "--to", "2e7", "--json");
        assertEquals(count.json().get("result").get("count").asLong(), lines);
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".partial")), "no temporary file left");
        }
    }

    @Test
    void listToStdoutIsInOrderAcrossRanks() {
        Run r = Run.job(4, "PrimeList", "--from", "0", "--to", "3000");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(String.join("\n", bruteList(0, 3000)) + "\n", r.out());
        assertTrue(r.errLines().contains("430 primes in [0, 3000]"), r.err());
    }

    /** primesieve's -c1 .. -c6 for [0, 1e8] (twins: OEIS A007508; quadruplets: A050258). */
    static final long[] TUPLETS_TO_1E8 = {5_761_455, 440_312, 111_156, 4_768, 1_383, 82};

    @Test
    void tupletCountsAreTheSameForEveryRankCount() {
        for (int np : new int[] {1, 2, 3, 7}) {
            for (int k = 2; k <= 6; k++) {
                if (np != 2 && k != 2 && k != 6) {
                    continue; // every k on 2 ranks; twins, which cross cuts, and sextuplets on all
                }
                Run r = Run.job(np, "PrimeCount", "--to", "1e8", "--tuplets", Integer.toString(k), "--json");
                assertEquals(0, r.exit(), r.toString());
                assertEquals(TUPLETS_TO_1E8[k - 1], r.json().get("result").get("count").asLong(), "np " + np + " k " + k);
                assertEquals(k, r.json().get("params").get("tuplets").asInt());
            }
        }
    }

    /**
     * Ranges long enough to be dealt in blocks (DealtSieve): pi(1e10) (OEIS A006880) and the
     * twins below 1e10 (A007508), whose pairs may straddle any two blocks.
     */
    @Test
    void dealtCountsEqualPublishedValues() {
        assertTrue(DealtSieve.worthDealing(new mpjnumerics.spmd.Range(0, 10_000_000_000L), 7));
        Run primes = Run.job(2, "PrimeCount", "--to", "1e10", "--method", "sieve", "--json");
        assertEquals(455_052_511L, primes.json().get("result").get("count").asLong(), primes.toString());
        for (int np : new int[] {3, 7}) {
            Run r = Run.job(np, "PrimeCount", "--to", "1e10", "--tuplets", "2", "--json");
            assertEquals(27_412_679L, r.json().get("result").get("count").asLong(), "np " + np + ": " + r);
        }
    }

    /** Short ranges on 7 ranks: pieces of a few bytes, twins (30 m + 29, 30 m + 31) across cuts. */
    @Test
    void tupletsOfShortRangesOnManyRanksAgainstBruteForce() {
        long[][] ranges = {{0, 100}, {3, 7}, {29, 31}, {0, 1000}, {1_000_000, 1_002_000}};
        for (int i = 0; i < ranges.length; i++) {
            long[] range = ranges[i];
            String from = Long.toString(range[0]);
            String to = Long.toString(range[1]);
            for (int k : new int[] {2, 3 + i % 4}) { // twins, and one more k per range
                List<String> expected = bruteTuplets(k, range[0], range[1]);
                Run count = Run.job(7, "PrimeCount", "--from", from, "--to", to, "--tuplets", Integer.toString(k), "--json");
                assertEquals(expected.size(), count.json().get("result").get("count").asLong(),
                        "k " + k + " " + Arrays.toString(range));
            }
            Run list = Run.job(7, "PrimeList", "--from", from, "--to", to, "--tuplets", "2");
            assertEquals(0, list.exit(), list.toString());
            assertEquals(bruteTuplets(2, range[0], range[1]).stream().map(t -> t + "\n").reduce("", String::concat),
                    list.out(), Arrays.toString(range));
        }
    }

    @Test
    void tupletListFileEqualsTheStdoutListAndTheCount(@TempDir Path dir) throws Exception {
        for (int np : new int[] {1, 3}) {
            Path f = dir.resolve("t" + np + ".txt");
            Run r = Run.job(np, "PrimeList", "--from", "1e7", "--to", "1e7+3e5", "--tuplets", "2", "--out", f.toString(),
                    "--json");
            assertEquals(0, r.exit(), r.toString());
            List<String> expected = bruteTuplets(2, 10_000_000, 10_300_000);
            assertEquals(expected, Files.readAllLines(f), "np " + np);
            JsonNode res = r.json().get("result");
            assertEquals(expected.size(), res.get("count").asInt());
            assertEquals(expected.get(0).substring(1, expected.get(0).indexOf(',')), res.get("first").asText());
        }
    }

    /** The k-tuplets in [a, b] (primesieve's patterns) by trial division, as PrimeList prints them. */
    static List<String> bruteTuplets(int k, long a, long b) {
        int[][][] patterns = {{}, {{0}}, {{0, 2}}, {{0, 2, 6}, {0, 4, 6}}, {{0, 2, 6, 8}},
            {{0, 2, 6, 8, 12}, {0, 4, 6, 10, 12}}, {{0, 4, 6, 10, 12, 16}}};
        java.util.Set<Long> primes = new java.util.HashSet<>();
        for (String p : bruteList(a, b)) {
            primes.add(Long.parseLong(p));
        }
        List<String> out = new ArrayList<>();
        for (long p = a; p <= b; p++) {
            for (int[] pattern : patterns[k]) {
                boolean all = true;
                for (int o : pattern) {
                    all &= primes.contains(p + o);
                }
                if (all) {
                    StringBuilder s = new StringBuilder("(");
                    for (int i = 0; i < pattern.length; i++) {
                        s.append(i == 0 ? "" : ", ").append(p + pattern[i]);
                    }
                    out.add(s.append(')').toString());
                }
            }
        }
        return out;
    }

    @Test
    void badInputIsAUsageError() {
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeCount", "--tuplets", "0"), "k = 0");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeCount", "--tuplets", "7"), "k = 7");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeList", "--tuplets", "-2"), "k = -2");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeCount", "--from", "10", "--to", "9"), "from > to");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeCount", "--from", "-1"), "negative");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeCount", "--to", "2^63"), "too big");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeCount", "--to", "many"), "not a number");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeList", "--to", "100", "--json"), "json without out");
    }
}
