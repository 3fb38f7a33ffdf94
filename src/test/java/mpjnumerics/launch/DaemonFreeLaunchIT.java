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
import org.junit.jupiter.api.Test;

/**
 * mpjrun.sh's daemon-free launch (-dev srun, the default inside a SLURM allocation), with a
 * stand-in srun (src/test/sh/srun) that starts the ranks on this host: rendezvous, niodev
 * between rank JVMs, results equal to multicore, failures that end the job.
 */
class DaemonFreeLaunchIT {

    static final RankJvms RANKS = new RankJvms();

    static Run mpjrunUnderSlurm(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LaunchersIT.MPJRUN, RANKS.marker()));
        cmd.addAll(Arrays.asList(args));
        Map<String, String> env = new HashMap<>();
        env.put("MPJ_HOME", null);
        env.put("MPJ_NUMERICS_VECTOR", "0");
        env.put("SLURM_JOB_ID", "4242");
        env.put("SLURM_NTASKS", "3");
        env.put("MPJ_NUMERICS_RENDEZVOUS_HOST", "localhost");
        env.put("PATH", LaunchersIT.ROOT.resolve("src/test/sh") + File.pathSeparator + System.getenv("PATH"));
        return Run.command(cmd, new File(System.getProperty("java.io.tmpdir")), env);
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
}
