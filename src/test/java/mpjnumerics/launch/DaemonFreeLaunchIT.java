package mpjnumerics.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mpjnumerics.testing.RankJvms;
import mpjnumerics.testing.Run;
import mpjnumerics.testing.Started;
import org.junit.jupiter.api.Test;

/**
 * mpjrun.sh's daemon-free launch (-dev srun, the default inside a SLURM allocation), with a
 * stand-in srun (src/test/sh/srun) that starts the ranks on this host: rendezvous, niodev
 * between rank JVMs, results equal to multicore, failures that end the job.
 */
class DaemonFreeLaunchIT {

    static final RankJvms RANKS = new RankJvms();

    static Run mpjrunUnderSlurm(String... args) {
        return Run.command(command(args), new File(System.getProperty("java.io.tmpdir")), environment());
    }

    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LaunchersIT.MPJRUN, RANKS.marker()));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("MPJ_HOME", null);
        env.put("MPJ_NUMERICS_VECTOR", "0");
        env.put("SLURM_JOB_ID", "4242");
        env.put("SLURM_NTASKS", "3");
        env.put("MPJ_NUMERICS_RENDEZVOUS_HOST", "localhost");
        env.put("PATH", LaunchersIT.ROOT.resolve("src/test/sh") + File.pathSeparator + System.getenv("PATH"));
        return env;
    }

    @Test
    void srunLaunchGivesTheMulticoreResults() {
        Run multicore = LaunchersIT.mpjrun("-np", "3", "CollatzSteps", "--to", "3e5", "--json");
        Run r = mpjrunUnderSlurm("CollatzSteps", "--to", "3e5", "--json"); // np from SLURM_NTASKS
        assertEquals(0, r.exit(), r.toString());
        assertEquals("niodev", r.json().get("device").asText());
        assertEquals(3, r.json().get("ranks").asInt());
        assertEquals(multicore.json().get("result"), r.json().get("result"));
    }

    /** Twins across cuts and gaps across pieces joined on rank 0 with niodev's messages between JVMs. */
    @Test
    void tupletsAndGapsGiveTheMulticoreResults() {
        String[][] jobs = {{"PrimeCount", "--from", "1e9", "--to", "1e9+3e6", "--tuplets", "2", "--json"},
            {"PrimeGaps", "--from", "1e9", "--to", "1e9+3e6", "--json"}};
        for (String[] job : jobs) {
            List<String> args = new ArrayList<>(List.of("-np", "3"));
            args.addAll(Arrays.asList(job));
            Run multicore = LaunchersIT.mpjrun(args.toArray(String[]::new));
            Run r = mpjrunUnderSlurm(job);
            assertEquals(0, r.exit(), r.toString());
            assertEquals("niodev", r.json().get("device").asText());
            assertEquals(multicore.json().get("result"), r.json().get("result"), job[0]);
        }
    }

    @Test
    void aFailingRankEndsTheSrunJob() {
        for (String mode : List.of("throw", "exit")) {
            Run r = mpjrunUnderSlurm("-np", "3", "Hello", "--fail-rank", "2", "--fail-mode", mode);
            assertTrue(r.exit() != 0, mode + ": " + r);
            assertTrue(r.err().contains("error: rank 2"), mode + ": " + r);
        }
        // srun ends the other ranks as one fails: they exit within moments, a leaked one stays.
        RANKS.awaitNone(Duration.ofSeconds(10));
    }

    @Test
    void usageErrorsExitWithStatusTwo() {
        Run r = mpjrunUnderSlurm("-np", "2", "PiMonteCarlo", "--samples", "-5");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("error:"), r.toString());
        assertEquals("", r.out());
    }

    /**
     * SIGTERM to mpjrun.sh: at once (bash defers a trap while a foreground command runs), every
     * rank stopped, 143. SIGKILL (no trap runs): the ranks still see their launcher go.
     */
    @Test
    void aSignalToTheLauncherStopsTheWholeJob() throws Exception {
        for (boolean kill : new boolean[] {false, true}) {
            String marker = "1e11+" + (kill ? 2 : 1) + ProcessHandle.current().pid();
            Started s = Started.command(command("-np", "3", "CollatzSteps", "--to", marker),
                new File(System.getProperty("java.io.tmpdir")), environment());
            // three ranks and the srun that started them
            assertTrue(Started.awaitRunning(marker, "RankEntry", 4, 30), "the ranks start");
            Thread.sleep(1500);
            Run r = s.await(s.signal(kill));
            double gone = Started.awaitGone(marker, 30);
            if (kill) {
                assertTrue(gone >= 0, "no rank left 30 s after mpjrun.sh's SIGKILL");
            } else {
                assertEquals(143, r.exit(), r.toString());
                assertTrue(r.seconds() < 3, r.toString());
                assertTrue(gone >= 0 && gone < 5, "the ranks end with the job: " + gone);
            }
        }
    }
}
