package mpjnumerics.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mpjnumerics.testing.LoopbackDaemon;
import mpjnumerics.testing.RankJvms;
import mpjnumerics.testing.Run;
import mpjnumerics.testing.Started;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * niodev and hybdev through MPJ's starter and a daemon on this host (loopback only): same
 * results as multicore, and a failing rank ends the job with status 1, no rank left behind.
 */
class ClusterDevicesIT {
    static final Path ROOT = LaunchersIT.ROOT;
    static final RankJvms RANKS = new RankJvms();
    static String port;
    static Path machines;
    static LoopbackDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = LoopbackDaemon.start(ROOT);
        port = daemon.port();
        machines = daemon.machines();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.stop();
    }

    static Run mpjrun(String... args) {
        return Run.command(command(args), new File(System.getProperty("java.io.tmpdir")), environment());
    }

    static Started started(String... args) {
        return Started.command(command(args), new File(System.getProperty("java.io.tmpdir")), environment());
    }

    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LaunchersIT.MPJRUN, RANKS.marker(),
            "-machinesfile", machines.toString(), "-dport", port));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("MPJ_HOME", null);
        env.put("MPJ_NUMERICS_VECTOR", "0");
        return env;
    }

    static long jobHomes() throws Exception {
        try (var left = Files.list(ROOT.resolve("mpj/run"))) {
            return left.count();
        }
    }

    @Test
    void clusterDevicesGiveTheMulticoreResults() {
        Run multicore = LaunchersIT.mpjrun("-np", "3", "CollatzSteps", "--to", "3e5", "--json");
        for (String dev : List.of("niodev", "hybdev")) {
            Run r = mpjrun("-np", "3", "-dev", dev, "CollatzSteps", "--to", "3e5", "--json");
            assertEquals(0, r.exit(), r.toString());
            assertEquals(dev, r.json().get("device").asText());
            assertEquals(multicore.json().get("result"), r.json().get("result"), dev);
        }
    }

    /** Twins across cuts and gaps across pieces, joined on rank 0, whatever carries the messages. */
    @Test
    void tupletsAndGapsGiveTheMulticoreResults() {
        String[][] jobs = {{"PrimeCount", "--from", "1e9", "--to", "1e9+3e6", "--tuplets", "2", "--json"},
            {"PrimeGaps", "--from", "1e9", "--to", "1e9+3e6", "--json"}};
        for (String[] job : jobs) {
            List<String> args = new ArrayList<>(List.of("-np", "3"));
            args.addAll(Arrays.asList(job));
            Run multicore = LaunchersIT.mpjrun(args.toArray(String[]::new));
            assertEquals(0, multicore.exit(), multicore.toString());
            for (String dev : List.of("niodev", "hybdev")) {
                List<String> devArgs = new ArrayList<>(List.of("-np", "3", "-dev", dev));
                devArgs.addAll(Arrays.asList(job));
                Run r = mpjrun(devArgs.toArray(String[]::new));
                assertEquals(0, r.exit(), r.toString());
                assertEquals(multicore.json().get("result"), r.json().get("result"), dev + " " + job[0]);
            }
        }
    }

    @Test
    void twoJobsAtOnceOnOneHostEachKeepTheirOwnRanks() throws Exception {
        // Same host, same daemon: each job's starter listens on a port of its own, so neither
        // job's ranks can join the other.
        CompletableFuture<Run> a = CompletableFuture.supplyAsync(() ->
            mpjrun("-np", "2", "-dev", "niodev", "PiMonteCarlo", "--samples", "2e8", "--json"));
        CompletableFuture<Run> b = CompletableFuture.supplyAsync(() ->
            mpjrun("-np", "3", "-dev", "niodev", "PiMonteCarlo", "--samples", "15e7", "--json"));
        // Each run ends within its own timeout, which stops a hung job and says so.
        Run ra = a.get(Run.TIMEOUT_SECONDS + 10, TimeUnit.SECONDS);
        Run rb = b.get(Run.TIMEOUT_SECONDS + 10, TimeUnit.SECONDS);
        assertEquals(0, ra.exit(), ra.toString());
        assertEquals(0, rb.exit(), rb.toString());
        assertEquals(2, ra.json().get("ranks").asInt());
        assertEquals(3, rb.json().get("ranks").asInt());
        assertEquals(LaunchersIT.mpjrun("-np", "2", "PiMonteCarlo", "--samples", "2e8", "--json").json().get("result"),
            ra.json().get("result"));
        assertEquals(LaunchersIT.mpjrun("-np", "2", "PiMonteCarlo", "--samples", "15e7", "--json").json().get("result"),
            rb.json().get("result"));
        try (var left = Files.list(ROOT.resolve("mpj/run"))) {
            assertEquals(0, left.count(), "each job's MPJ home is removed when it ends");
        }
    }

    @Test
    void aFailingRankEndsTheClusterJob() {
        for (String[] c : new String[][] {{"niodev", "throw", "error: rank 1 failed"},
            {"niodev", "exit", "error: rank 1 called System.exit"}, {"hybdev", "throw", "error: rank 1 failed"},
            {"hybdev", "exit", "error: rank 1 called System.exit"}}) {
            Run r = mpjrun("-np", "3", "-dev", c[0], "Hello", "--fail-rank", "1", "--fail-mode", c[1]);
            assertEquals(1, r.exit(), String.join(" ", c) + ": " + r);
            assertTrue(r.err().contains(c[2]), String.join(" ", c) + ": " + r);
        }
        // The job stops its other ranks as it fails: they exit within moments, a leaked one stays.
        RANKS.awaitNone(Duration.ofSeconds(10));
    }

    @Test
    void usageErrorsKeepTheirStatus() {
        Run r = mpjrun("-np", "2", "-dev", "niodev", "PiMonteCarlo", "--samples", "0");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("", r.out());
    }

    /**
     * SIGTERM to mpjrun.sh stops the job at once (143), starter and ranks included, its MPJ home
     * removed; after SIGKILL (no trap runs) the ranks see their launcher go.
     */
    @Test
    void aSignalToTheLauncherStopsTheWholeJob() throws Exception {
        for (boolean kill : new boolean[] {false, true}) {
            String marker = "1e11+" + (kill ? 2 : 1) + ProcessHandle.current().pid();
            Started s = started("-np", "3", "-dev", "niodev", "CollatzSteps", "--to", marker);
            // three ranks and MPJ's starter
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
            assertEquals(0, jobHomes(), "the job's MPJ home is removed");
        }
    }

    /**
     * A job with --checkpoint: SIGTERM to mpjrun.sh reaches the ranks (through the job's home,
     * as MPJ's daemons pass no signal on), rank 0 writes the checkpoint and the job ends with
     * 75; the same command resumes and gives pi(1e11) (OEIS A006880).
     */
    @Test
    void aSignalToTheLauncherCheckpointsAJobThatKeepsOne() throws Exception {
        Path ckpt = Files.createTempDirectory("ckpt").resolve("pc-" + ProcessHandle.current().pid() + ".ckpt");
        String[] cmd = {"-np", "2", "-dev", "niodev", "PrimeCount", "--to", "1e11", "--method", "sieve",
            "--checkpoint", ckpt.toString(), "--checkpoint-every", "3600", "--json"};
        Started s = started(cmd);
        assertTrue(Started.awaitRunning(ckpt.toString(), "RankEntry", 3, 30), "the ranks start");
        Thread.sleep(5000); // past MPI.Init, some units done
        Run stopped = s.await(s.signal(false));
        assertEquals(75, stopped.exit(), stopped.toString());
        assertTrue(stopped.seconds() < 5, stopped.toString());
        assertTrue(stopped.err().contains("checkpoint written to " + ckpt), stopped.toString());
        assertTrue(Files.size(ckpt) > 0, "the checkpoint is there");
        assertTrue(Started.awaitGone(ckpt.toString(), 10) >= 0, "no rank left");
        Run resumed = mpjrun(cmd);
        assertEquals(4_118_054_813L, resumed.json().path("result").path("count").asLong(), resumed.toString());
        assertTrue(!Files.exists(ckpt), "the checkpoint is removed after the run");
        assertEquals(0, jobHomes(), "the job's MPJ home is removed");
    }

    @Test
    void aKilledRankZeroIsNamed() throws Exception {
        String marker = "1e11+3" + ProcessHandle.current().pid();
        Started s = started("-np", "3", "-dev", "niodev", "CollatzSteps", "--to", marker);
        assertTrue(Started.awaitRunning(marker, "RankEntry", 4, 30), "the ranks start");
        Thread.sleep(4000); // past MPI.Init and the abort channel's set-up
        ProcessHandle rank0 = ProcessHandle.allProcesses().filter(p -> {
            String c = p.info().commandLine().orElse("");
            return c.contains(marker) && c.matches(".* niodev \\S+ \\d+ 0 mpjnumerics\\.launch\\.RankEntry .*");
        }).findFirst().orElseThrow();
        long at = System.nanoTime();
        rank0.destroyForcibly();
        Run r = s.await(at);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.seconds() < 10, r.toString());
        assertEquals(1, r.errLines().lines().filter(l -> l.startsWith("error:")).count(), r.toString());
        assertTrue(r.errLines().contains("error: rank 0 (pid " + rank0.pid()) && r.errLines().contains("ended before the job finished"),
            r.toString());
        assertTrue(Started.awaitGone(marker, 10) >= 0, "no rank left");
    }

    @Test
    void anUnknownHostInTheMachinesFileIsAUsageError() throws Exception {
        Path bad = Files.createTempFile("machines", "");
        try {
            Files.writeString(bad, "localhost\nno-such-host.invalid\n");
            Run r = Run.command(List.of(LaunchersIT.MPJRUN, "-machinesfile", bad.toString(), "-np", "2", "Hello"),
                new File(System.getProperty("java.io.tmpdir")), environment());
            assertEquals(2, r.exit(), r.toString());
            assertEquals("", r.out(), r.toString());
            assertEquals(1, r.errLines().lines().count(), r.toString());
            assertTrue(r.err().contains("'no-such-host.invalid'") && r.err().contains(bad.toString()), r.toString());
        } finally {
            Files.delete(bad);
        }
    }

    @Test
    void aSecondDaemonOnTheHostRunsBesideTheFirst() throws Exception {
        // Each daemon opens MPJ's port manager too (40052 as shipped): the second daemon on a
        // host must not fail on it, and jobs through either give the result.
        LoopbackDaemon second = LoopbackDaemon.start(ROOT);
        try {
            List<String> cmd = new ArrayList<>(List.of(LaunchersIT.MPJRUN, RANKS.marker(), "-machinesfile",
                second.machines().toString(), "-dport", second.port(), "-np", "2", "-dev", "niodev",
                "PrimeCount", "--to", "1e6", "--json"));
            Run r = Run.command(cmd, new File(System.getProperty("java.io.tmpdir")), environment());
            assertEquals(78498, r.json().path("result").path("count").asLong(), r.toString());
            assertEquals(78498, mpjrun("-np", "2", "-dev", "niodev", "PrimeCount", "--to", "1e6", "--json")
                .json().path("result").path("count").asLong());
        } finally {
            second.stop();
        }
    }

    @Test
    void noDaemonAtThePortIsOneLineAndExitOne() throws Exception {
        String nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = Integer.toString(s.getLocalPort());
        }
        List<String> cmd = new ArrayList<>(List.of(LaunchersIT.MPJRUN, "-machinesfile", machines.toString(),
            "-dport", nobody, "-np", "2", "-dev", "niodev", "Hello"));
        Run r = Run.command(cmd, new File(System.getProperty("java.io.tmpdir")), environment());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().startsWith("error: MPJ's starter failed") && r.err().contains("<localhost> and port <" + nobody + ">"),
            r.toString());
    }
}
