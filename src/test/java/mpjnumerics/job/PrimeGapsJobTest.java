package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrimeGapsJobTest {
    /** OEIS A005250 (maximal gaps) and A002386 (the primes before them), up to 3e9. */
    static final long[] RECORD_GAPS = {1, 2, 4, 6, 8, 14, 18, 20, 22, 34, 36, 44, 52, 72, 86, 96, 112, 114, 118, 132,
        148, 154, 180, 210, 220, 222, 234, 248, 250, 282, 288, 292, 320};
    static final long[] RECORD_AFTER = {2, 3, 7, 23, 89, 113, 523, 887, 1129, 1327, 9551, 15683, 19609, 31397, 155921,
        360653, 370261, 492113, 1349533, 1357201, 2010733, 4652353, 17051707, 20831323, 47326693, 122164747,
        189695659, 191912783, 387096133, 436273009, 1294268491, 1453168141, 2300942549L};

    static JsonNode result(Run r) {
        assertEquals(0, r.exit(), r.toString());
        return r.json().get("result");
    }

    static void assertRecords(JsonNode res, int n) {
        JsonNode records = res.get("records");
        assertEquals(n, records.size(), records.toString());
        for (int i = 0; i < n; i++) {
            assertEquals(RECORD_GAPS[i], records.get(i).get("gap").asLong(), "record " + i);
            assertEquals(RECORD_AFTER[i], records.get(i).get("after").asLong(), "record " + i);
        }
        assertEquals(RECORD_GAPS[n - 1], res.get("maxGap").asLong());
        assertEquals(RECORD_AFTER[n - 1], res.get("maxGapAfter").asLong());
    }

    @Test
    void theSameResultForEveryRankCountAndTheMaximalGaps() {
        JsonNode first = null;
        for (int np : new int[] {1, 2, 3, 7}) {
            JsonNode res = result(Run.job(np, "PrimeGaps", "--to", "1e8", "--json"));
            if (first == null) {
                first = res;
                assertEquals(5_761_455, res.get("primes").asLong());
                assertEquals(5_761_454, res.get("gaps").asLong());
                assertRecords(res, 25); // the last below 1e8: 220 after 47326693
                assertEquals(220 / Math.log(47326693), res.get("merit").asDouble(), 1e-12);
                long gaps = 0;
                long span = 0;
                for (JsonNode h : res.get("histogram")) {
                    gaps += h.get("count").asLong();
                    span += h.get("gap").asLong() * h.get("count").asLong();
                }
                assertEquals(5_761_454, gaps);
                assertEquals(99_999_989 - 2, span, "the gaps add up to the last prime minus the first");
            } else {
                assertEquals(first, res, "np " + np);
            }
        }
    }

    @Test
    void maximalGapsToThreeBillionOnTwoRanks() {
        assertRecords(result(Run.job(2, "PrimeGaps", "--to", "3e9", "--json")), RECORD_GAPS.length);
    }

    /** Short ranges on 7 ranks (pieces with one prime or none) against trial division, and the CSV. */
    @Test
    void shortRangesAgainstBruteForce(@TempDir Path dir) throws Exception {
        long[][] ranges = {{0, 2}, {0, 3}, {2, 30}, {24, 28}, {23, 29}, {113, 127}, {1_000_000, 1_003_000}, {0, 5000}};
        for (long[] range : ranges) {
            Path csv = dir.resolve("h.csv");
            Files.deleteIfExists(csv);
            JsonNode res = result(Run.job(7, "PrimeGaps", "--from", Long.toString(range[0]), "--to",
                    Long.toString(range[1]), "--histogram", csv.toString(), "--json"));
            List<String> primes = PrimeJobsTest.bruteList(range[0], range[1]);
            String what = range[0] + ".." + range[1];
            assertEquals(primes.size(), res.get("primes").asLong(), what);
            TreeMap<Long, Long> hist = new TreeMap<>();
            List<String> records = new ArrayList<>();
            long max = 0;
            for (int i = 1; i < primes.size(); i++) {
                long before = Long.parseLong(primes.get(i - 1));
                long g = Long.parseLong(primes.get(i)) - before;
                hist.merge(g, 1L, Long::sum);
                if (g > max) {
                    max = g;
                    records.add(g + " after " + before);
                }
            }
            List<String> got = new ArrayList<>();
            res.get("records").forEach(r -> got.add(r.get("gap").asLong() + " after " + r.get("after").asLong()));
            assertEquals(records, got, what);
            List<String> lines = new ArrayList<>(List.of("gap,count"));
            hist.forEach((g, n) -> lines.add(g + "," + n));
            assertEquals(lines, Files.readAllLines(csv), what);
            assertEquals(hist.size(), res.get("histogram").size(), what);
            if (primes.size() < 2) {
                assertTrue(res.get("maxGap").isNull() && res.get("merit").isNull(), what);
            }
        }
    }

    @Test
    void badInputIsAUsageError() {
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeGaps", "--from", "10", "--to", "9"), "empty range");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeGaps", "--histogram"), "no file");
        CommandLineContractTest.assertUsageError(Run.job(2, "PrimeGaps", "--tuplets", "2"), "not an option here");
    }
}
