package mpjnumerics.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {
    @ParameterizedTest
    @CsvSource({
        "1000000, 1000000", "1_000_000, 1000000", "1e6, 1000000", "10^6, 1000000", "1E6, 1000000",
        "2.5e9, 2500000000", "0, 0", "1e18+1e9, 1000000001000000000", "2^63-1, 9223372036854775807",
        "9223372036854775807, 9223372036854775807", "-5, -5", "4*10^9, 4000000000", "1e0, 1",
        "-2^63, -9223372036854775808", "10^18 - 1, 999999999999999999"
    })
    void acceptsTheWaysPeopleWriteIntegers(String text, long expected) throws UsageException {
        assertEquals(expected, Numbers.parseLong("--n", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2^63", "9223372036854775808", "1e19", "1e99", "-2^63-1", "10^1000"})
    void rejectsValuesBeyondSigned64BitsInsteadOfWrapping(String text) {
        UsageException e = assertThrows(UsageException.class, () -> Numbers.parseLong("--to", text));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        assertTrue(e.getMessage().startsWith("--to"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.5", "1e-3", "1e", "^6", "10^", "1..2", "1e6x", "0x10", "1e99999999999", "2^-1", "NaN"})
    void rejectsWhatIsNotAnInteger(String text) {
        UsageException e = assertThrows(UsageException.class, () -> Numbers.parseLong("--n", text));
        assertTrue(e.getMessage().contains("--n"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void hugeOrEndlessInputIsRefusedNotComputed() {
        String[] bad = {"-".repeat(10_000) + "1", "9".repeat(101), "999^1000*999^1000*999^1000*999^1000*999^1000",
            "10^1000*10^1000*10^1000*10^1000*10^1000*10^1000*10^1000*10^1000*10^1000*10^1000*10^1000*10^1000"};
        for (String text : bad) {
            assertThrows(UsageException.class, () -> Numbers.parseLong("--n", text),
                    text.substring(0, Math.min(20, text.length())));
        }
        String longest = "1" + "0".repeat(17) + "+" + "0".repeat(Numbers.MAX_LENGTH - 19);
        assertEquals(100_000_000_000_000_000L, assertDoesNotThrow(() -> Numbers.parseLong("--n", longest)));
    }
}
