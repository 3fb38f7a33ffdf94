package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Test
    void badInputIsAUsageError() {
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeCount", "--from", "10", "--to", "9"), "from > to");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeCount", "--from", "-1"), "negative");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeCount", "--to", "2^63"), "too big");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeCount", "--to", "many"), "not a number");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeList", "--to", "100", "--json"), "json without out");
    }
}
