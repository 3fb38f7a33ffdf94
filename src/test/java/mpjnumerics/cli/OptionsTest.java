package mpjnumerics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private final Options options = new Options("Demo", "a demo job")
            .integer("samples", "1e3", 1, 1_000_000, "how many")
            .real("tolerance", "0.5", "how close")
            .choice("mode", "fast", List.of("fast", "slow"), "how")
            .text("out", null, "where")
            .example("Demo --samples 10");

    @Test
    void defaultsApplyAndValuesParse() throws UsageException {
        Parsed p = options.parse(new String[] {"--samples", "10^4", "--mode=slow", "--json"});
        assertEquals(10_000, p.integer("samples"));
        assertEquals(0.5, p.real("tolerance"));
        assertEquals("slow", p.text("mode"));
        assertTrue(p.flag("json"));
        assertFalse(p.has("out"));
        assertFalse(p.params().containsKey("json"));
        assertEquals(List.of("samples", "tolerance", "mode"), List.copyOf(p.params().keySet()));
    }

    @Test
    void everyProblemIsAUsageErrorNamingTheOption() {
        String[][] bad = {
            {"--samples"}, {"--samples", "0"}, {"--samples", "2e6"}, {"--samples", "x"}, {"--bogus", "1"},
            {"--mode", "medium"}, {"--tolerance", "NaN"}, {"--tolerance", "abc"}, {"positional"},
            {"--samples", "1", "--samples", "2"}, {"--json", "--csv"}, {"--json=yes"}, {"--"},
        };
        for (String[] args : bad) {
            UsageException e = assertThrows(UsageException.class, () -> options.parse(args), String.join(" ", args));
            assertFalse(e.getMessage().isBlank());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void helpIsRecognisedAnywhereAndListsEveryOption() {
        assertTrue(Options.wantsHelp(new String[] {"--samples", "3", "--help"}));
        assertFalse(Options.wantsHelp(new String[] {"--samples", "3"}));
        String usage = options.usage();
        for (String s : List.of("--samples", "--tolerance", "--mode", "--out", "--json", "--csv", "--help", "Demo --samples 10")) {
            assertTrue(usage.contains(s), s);
        }
    }
}
