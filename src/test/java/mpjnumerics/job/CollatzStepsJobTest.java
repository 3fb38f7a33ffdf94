package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollatzStepsJobTest {
    @Test
    void sameAnswersForEveryRankCountWithKnownRecord(@TempDir Path dir) throws Exception {
        ObjectNode first = null;
        for (int np : new int[] {1, 2, 3, 4, 7}) {
            Path hist = dir.resolve("h" + np + ".csv");
            Run r = Run.job(np, "CollatzSteps", "--to", "1e6", "--histogram", hist.toString(), "--json");
            assertEquals(0, r.exit(), r.toString());
            JsonNode res = r.json().get("result");
            assertEquals(131_434_424L, res.get("totalSteps").asLong());
            assertEquals(524, res.get("maxSteps").asInt());
            assertEquals(837_799L, res.get("argMax").asLong());
            assertEquals(1_000_000L, res.get("count").asLong());
            long n = 0;
            long w = 0;
            for (String line : Files.readAllLines(hist).subList(1, Files.readAllLines(hist).size())) {
                String[] f = line.split(",");
                n += Long.parseLong(f[1]);
                w += Long.parseLong(f[0]) * Long.parseLong(f[1]);
            }
            assertEquals(1_000_000L, n);
            assertEquals(131_434_424L, w);
            ObjectNode mine = ((ObjectNode) res).deepCopy();
            mine.remove("histogramFile");
            if (first != null) {
                assertEquals(first, mine, "np " + np);
            }
            first = mine;
        }
    }

    @Test
    void dealtChunksCoverTheWindowOnceWhateverTheRanks() {
        // One chunk for five ranks; a hundred-odd chunks for two and six (dealt on demand).
        String[][] windows = {{"--to", "100"}, {"--from", "3e6", "--to", "6e6"}};
        int[][] ranks = {{1, 5}, {1, 2, 6}};
        for (int w = 0; w < windows.length; w++) {
            JsonNode first = null;
            for (int np : ranks[w]) {
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("CollatzSteps", "--json"));
                args.addAll(java.util.List.of(windows[w]));
                Run r = Run.job(np, args.toArray(String[]::new));
                assertEquals(0, r.exit(), r.toString());
                JsonNode res = r.json().get("result");
                if (first != null) {
                    assertEquals(first, res, String.join(" ", windows[w]) + " on " + np + " ranks");
                }
                first = res;
            }
            assertEquals(w == 0 ? 100 : 3_000_001, first.get("count").asLong());
        }
    }

    @Test
    void peakBeyondLongIsADecimalString() {
        Run r = Run.job(3, "CollatzSteps", "--from", "2^63-200", "--to", "2^63-1", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode peak = r.json().get("result").get("peak");
        assertTrue(peak.isTextual(), peak.toString());
        assertTrue(new java.math.BigInteger(peak.asText()).bitLength() > 64);
    }

    @Test
    void badWindowsAreUsageErrors() {
        CommandLineContractTest.assertUsageError(Run.job(2, "CollatzSteps", "--from", "0"), "from 0");
        CommandLineContractTest.assertUsageError(Run.job(2, "CollatzSteps", "--from", "9", "--to", "8"), "from > to");
        CommandLineContractTest.assertUsageError(Run.job(2, "CollatzSteps", "--to", "2^64"), "too big");
    }
}
