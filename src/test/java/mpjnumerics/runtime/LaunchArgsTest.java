package mpjnumerics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LaunchArgsTest {
    @Test
    void anMpjLaunchStartsWithRankConfAndDevice() {
        assertTrue(LaunchArgs.isMpjLaunch(new String[] {"0", "2", "smpdev", "Hello"}));
        assertTrue(LaunchArgs.isMpjLaunch(new String[] {"123456789", "conf", "niodev"}));
        assertFalse(LaunchArgs.isMpjLaunch(new String[] {"-np", "2", "Hello"}));
        assertFalse(LaunchArgs.isMpjLaunch(new String[] {"0", "2", "Hello"}));
        assertFalse(LaunchArgs.isMpjLaunch(new String[] {"0", "2"}));
    }

    @Test
    void rankNumbersAreOneToNineDigits() {
        assertTrue(LaunchArgs.isRankNumber("0"));
        assertTrue(LaunchArgs.isRankNumber("999999999"));
        assertFalse(LaunchArgs.isRankNumber(""));
        assertFalse(LaunchArgs.isRankNumber("1234567890"));
        assertFalse(LaunchArgs.isRankNumber("-1"));
        assertFalse(LaunchArgs.isRankNumber("1a"));
        assertFalse(LaunchArgs.isRankNumber("٣")); // a digit, but not an ASCII one
    }

    @Test
    void hybdevHandsRanksFiveMoreArguments() {
        assertEquals(3, LaunchArgs.userOffset("smpdev"));
        assertEquals(8, LaunchArgs.userOffset("hybdev"));
        assertEquals(-1, LaunchArgs.userOffset("Hello"));
    }

    @Test
    void aHybdevRankFindsItsHostsIndexAfterTheTotalsNotInItsThreadIndex() {
        // thread 3 of 4 on host 2: thread, threads here, device, total, hosts, host, conf, network device
        String[] args = {"3", "4", "hybdev", "12", "3", "2", "#conf;3", "niodev", "Stall", "1"};
        assertEquals("2", LaunchArgs.hybdevHost(args));
        assertEquals("?", LaunchArgs.hybdevHost(new String[] {"3", "4", "hybdev"}));
    }
}
