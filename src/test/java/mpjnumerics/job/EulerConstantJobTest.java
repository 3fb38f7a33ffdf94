package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import mpjnumerics.testing.Oracles;
import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EulerConstantJobTest {
    static JsonNode result(int np, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "EulerConstant";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = "--json";
        Run r = Run.job(np, all);
        assertEquals(0, r.exit(), r.toString());
        return r.json().get("result");
    }

    @Test
    void everyModeGivesTheSameResultForEveryRankCount() {
        String[][] modes = {
            {"--constant", "e", "--method", "montecarlo", "--samples", "3_000_001"},
            {"--constant", "gamma", "--method", "montecarlo", "--samples", "3_000_001"},
            {"--constant", "gamma", "--method", "series", "--terms", "5e6+1"},
            {"--constant", "e", "--digits", "3000"},
        };
        for (String[] mode : modes) {
            JsonNode first = null;
            for (int np : new int[] {1, 2, 3, 4, 7}) {
                JsonNode res = result(np, mode);
                if (first == null) {
                    first = res;
                }
                assertEquals(first, res, String.join(" ", mode) + ", np " + np);
            }
            if (first.has("stdError")) {
                assertTrue(first.get("absError").asDouble() < 4 * first.get("stdError").asDouble(), first.toString());
            }
            if (first.has("errorBound")) {
                assertTrue(first.get("absError").asDouble() <= first.get("errorBound").asDouble(), first.toString());
            }
        }
    }

    @Test
    void digitsToFileWithHashAndKnownDigits(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.txt");
        JsonNode e = result(3, "--constant", "e", "--digits", "10000", "--out", f.toString());
        String oracle = Oracles.spigotE(10_000);
        assertEquals(oracle + "\n", Files.readString(f));
        // The hash of the oracle's digits, taken here: the job's text through the job's own
        // hashing code would agree with itself whatever either did.
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(oracle.getBytes(StandardCharsets.US_ASCII));
        assertEquals(String.format("%064x", new BigInteger(1, hash)), e.get("sha256").asText());
        assertEquals(oracle.substring(oracle.length() - 50), e.get("last50").asText());
        assertEquals("71828182845904523536028747135266249775724709369995", e.get("first50").asText());
        JsonNode g = result(2, "--constant", "gamma", "--digits", "200");
        assertEquals("57721566490153286060651209008240243104215933593992", g.get("first50").asText());
    }

    @Test
    void badCombinationsAreUsageErrors() {
        CommandLineContractTest.assertUsageError(Run.job(2, "EulerConstant", "--constant", "e", "--method", "series"), "e series");
        CommandLineContractTest.assertUsageError(Run.job(2, "EulerConstant", "--constant", "pi"), "pi");
        CommandLineContractTest.assertUsageError(Run.job(2, "EulerConstant", "--out", "x.txt"), "out without digits");
        CommandLineContractTest.assertUsageError(Run.job(2, "EulerConstant", "--digits", "0"), "zero digits");
    }
}
