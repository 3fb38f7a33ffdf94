package mpjnumerics.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import mpjnumerics.testing.LoopbackDaemon;
import mpjnumerics.testing.RankJvms;
import mpjnumerics.testing.Run;
import mpjnumerics.testing.Started;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MPJ programs of the kind users write (src/test/mpj, compiled here against mpj/lib/mpj.jar,
 * most in the default package) through mpjrun.sh -cp, in the multicore device and in niodev
 * through a daemon on loopback: each defect of issue 23 and a compatibility set whose programs
 * check their own results.
 */
class UserProgramsIT {
    static final Path ROOT = LaunchersIT.ROOT;
    static final RankJvms RANKS = new RankJvms();
    static Path classes;
    static LoopbackDaemon daemon;

    @BeforeAll
    static void compileAndStartDaemon() throws Exception {
        classes = Files.createTempDirectory("userprogs");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", ROOT.resolve("mpj/lib/mpj.jar").toString()));
        try (Stream<Path> sources = Files.list(ROOT.resolve("src/test/mpj"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)), "javac");

        daemon = LoopbackDaemon.start(ROOT);
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.stop();
        try (var files = Files.walk(classes)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** mpjrun.sh -np N -dev DEV [-cp classes] ARGS, from another folder. */
    static Run run(String dev, int np, boolean userClasses, String... args) {
        List<String> cmd = new ArrayList<>(List.of(LaunchersIT.MPJRUN, RANKS.marker(), "-np", Integer.toString(np), "-dev", dev));
        if (!dev.equals("multicore")) {
            cmd.addAll(List.of("-machinesfile", daemon.machines().toString(), "-dport", daemon.port()));
        }
        if (userClasses) {
            cmd.addAll(List.of("-cp", classes.toString()));
        }
        cmd.addAll(Arrays.asList(args));
        Map<String, String> env = new HashMap<>();
        env.put("MPJ_HOME", null);
        return Run.command(cmd, new File(System.getProperty("java.io.tmpdir")), env);
    }

    static Run run(String dev, int np, String... args) {
        return run(dev, np, true, args);
    }

    static List<String> sortedLines(String s) {
        return s.lines().sorted().collect(Collectors.toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multicore", "niodev"})
    void defaultPackageClassesRunAndAreNeverShadowedByAJob(String dev) {
        Run greeting = run(dev, 2, "Greeting");
        assertEquals(0, greeting.exit(), greeting.toString());
        assertEquals(List.of("greeting from rank 0 of 2", "greeting from rank 1 of 2"), sortedLines(greeting.out()));
        assertEquals("", greeting.errLines(), greeting.toString());

        Run users = run(dev, 2, "Hello");
        assertEquals(0, users.exit(), users.toString());
        assertEquals(List.of("the user's Hello, rank 0", "the user's Hello, rank 1"), sortedLines(users.out()));
        Run job = run(dev, 2, false, "Hello");
        assertEquals(0, job.exit(), job.toString());
        assertTrue(job.out().startsWith("Hello on 2 ranks (" + dev + ")"), job.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multicore", "niodev"})
    void exitAfterFinalizeGivesTheHighestRankStatus(String dev) {
        Run ok = run(dev, 3, "FinalizeThenExit");
        assertEquals(0, ok.exit(), ok.toString());
        assertEquals(List.of("rank 0 done", "rank 1 done", "rank 2 done"), sortedLines(ok.out()));
        assertEquals("", ok.errLines(), ok.toString());

        Run three = run(dev, 3, "FinalizeThenExit", "1", "3");
        assertEquals(3, three.exit(), three.toString());
        assertEquals("error: rank 1 exited with status 3\n", three.errLines(), three.toString());
        assertEquals(3, three.out().lines().count(), three.toString());

        Run highest = run(dev, 3, "FinalizeThenExit", "1", "3", "2", "5");
        assertEquals(5, highest.exit(), highest.toString());
        assertEquals("error: rank 2 exited with status 5\n", highest.errLines(), highest.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multicore", "niodev"})
    void aRankThatThrowsOrExitsInsideMpiEndsTheJobWithinTenSeconds(String dev) {
        String[][] cases = {
            {"1", "throw", "finalize", "1", "error: rank 1 failed: IllegalStateException: student bug on rank 1"},
            {"1", "throw", "barrier", "1", "error: rank 1 failed: IllegalStateException: student bug on rank 1"},
            {"0", "throw", "barrier", "1", "error: rank 0 failed: IllegalStateException: student bug on rank 0"},
            {"2", "exit", "barrier", "4", "error: rank 2 called System.exit(4) before MPI.Finalize"},
            {"1", "exit0", "barrier", "1", "error: rank 1 called System.exit(0) before MPI.Finalize"}};
        for (String[] c : cases) {
            Run r = run(dev, 3, "FailOnRank", c[0], c[1], c[2]);
            String what = dev + " " + String.join(" ", c) + ": " + r;
            assertEquals(Integer.parseInt(c[3]), r.exit(), what);
            assertEquals(c[4] + "\n", r.errLines(), what);
            assertEquals("", r.out(), what);
            assertTrue(r.seconds() < 10, what); // the whole run, 3 JVMs starting included
        }
        RANKS.awaitNone(Duration.ofSeconds(10));
    }

    /** MPJ's starter waits for every rank's MPI.Init: a program that returns before it ends all the same. */
    @ParameterizedTest
    @ValueSource(strings = {"multicore", "niodev"})
    void aProgramWhoseRanksReturnBeforeMpiInitEnds(String dev) {
        Run r = run(dev, 3, "UsageCheck");
        assertEquals(0, r.exit(), dev + ": " + r);
        assertEquals("usage: UsageCheck N\n".repeat(3), r.errLines(), dev + ": " + r);
        assertEquals("", r.out(), dev + ": " + r);
        assertTrue(r.seconds() < 10, dev + ": " + r);
        Run ok = run(dev, 3, "UsageCheck", "x");
        assertEquals(0, ok.exit(), dev + ": " + ok);
        assertEquals(List.of("rank 0 of x", "rank 1 of x", "rank 2 of x"), sortedLines(ok.out()), dev + ": " + ok);
        RANKS.awaitNone(Duration.ofSeconds(10));
    }

    /** MPJ's Abort does nothing; through the rank wrapper it ends every rank with its code, as mpirun does. */
    @ParameterizedTest
    @ValueSource(strings = {"multicore", "niodev"})
    void mpiAbortEndsTheJobWithItsCode(String dev) {
        for (String[] c : new String[][] {{"1", "3", "3"}, {"0", "0", "1"}, {"2", "-1", "255"}}) {
            Run r = run(dev, 3, "Aborts", c[0], c[1]);
            String what = dev + " " + String.join(" ", c) + ": " + r;
            assertEquals(Integer.parseInt(c[2]), r.exit(), what);
            assertEquals("error: rank " + c[0] + " called MPI Abort(" + c[1] + ")\n", r.errLines(), what);
            assertEquals("", r.out(), what);
            assertTrue(r.seconds() < 10, what);
        }
        RANKS.awaitNone(Duration.ofSeconds(10));
    }

    /**
     * A rank JVM killed or terminated from outside while the others wait for it in MPI: the
     * launcher's watch of every rank JVM (runtime.JobWatch) ends the job, the program's code
     * being no part of it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"niodev KILL", "niodev TERM", "hybdev KILL"})
    void aKilledRankJvmEndsTheJobWithItsLine(String how) throws Exception {
        String dev = how.split(" ")[0];
        boolean kill = how.endsWith("KILL");
        String tag = java.util.UUID.randomUUID().toString();
        List<String> cmd = new ArrayList<>(List.of(LaunchersIT.MPJRUN, RANKS.marker(), "-np", "4", "-dev", dev,
            "-machinesfile", daemon.machines().toString(), "-dport", daemon.port(), "-cp", classes.toString(), "Stall", "1", tag));
        Map<String, String> env = new HashMap<>();
        env.put("MPJ_HOME", null);
        Started s = Started.command(cmd, new File(System.getProperty("java.io.tmpdir")), env);
        // niodev: one JVM per rank, rank 1's is killed; hybdev: one JVM for the machine's 4 ranks
        String rankJvm = dev.equals("niodev") ? ".* niodev \\S+ \\d+ 1 mpjnumerics\\.launch\\.RankEntry Stall .*"
            : ".*runtime\\.daemon\\.HybridStarter .*";
        ProcessHandle victim = null;
        for (int i = 0; i < 300 && victim == null && s.process().isAlive(); i++) {
            victim = ProcessHandle.allProcesses().filter(p -> {
                String c = p.info().commandLine().orElse("");
                return c.contains(tag) && !c.contains(" -jar ") && c.matches(rankJvm); // not the starter
            }).findFirst().orElse(null);
            Thread.sleep(100);
        }
        if (victim == null) {
            String seen = ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(tag)).collect(Collectors.joining("\n"));
            throw new AssertionError(how + ": no rank JVM started among\n" + seen + "\n" + s.await());
        }
        for (int i = 0; i < 300 && s.outSoFar().lines().count() < 4; i++) {
            Thread.sleep(100); // every rank past MPI.Init
        }
        long at = System.nanoTime();
        if (kill) {
            victim.destroyForcibly();
        } else {
            victim.destroy();
        }
        Run r = s.await(at);
        String who = dev.equals("niodev") ? "rank 1" : "the ranks of machine 0";
        assertEquals(1, r.exit(), how + ": " + r);
        assertEquals("error: " + who + " (pid " + victim.pid() + " on ", r.errLines().substring(0, Math.min(r.errLines().length(),
            ("error: " + who + " (pid " + victim.pid() + " on ").length())), how + ": " + r);
        assertTrue(r.errLines().endsWith(") ended before the job finished: killed or crashed\n"), how + ": " + r);
        assertEquals(1, r.errLines().lines().count(), how + ": " + r);
        assertTrue(r.seconds() < 10, how + ": " + r);
        RANKS.awaitNone(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"multicore", "niodev", "hybdev"})
    void stdoutAndStderrArriveUnchangedAndApart(String dev) {
        Run r = run(dev, 3, "Streams");
        assertEquals(0, r.exit(), r.toString());
        String pad = Stream.iterate('a', c -> (char) ('a' + (c - 'a' + 1) % 26)).limit(150).map(String::valueOf)
                .collect(Collectors.joining());
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        for (int rank = 0; rank < 3; rank++) {
            for (int i = 0; i < 300; i++) {
                out.add("out " + rank + " " + i + " " + pad);
                err.add("err " + rank + " " + i + " " + pad);
            }
        }
        out.addAll(List.of("error: this is data, not an error", "java.lang.IllegalStateException: data too", "WARNING: data",
            "\tat data", "[data-Wrapper.java]", "Stopping Process <0> on <data>", "last words without a newline"));
        err.add("a line on stderr");
        assertEquals(out.stream().sorted().collect(Collectors.toList()), sortedLines(r.out()), dev);
        assertTrue(r.out().endsWith("\nlast words without a newline"), dev + ": the last line as the program left it");
        assertEquals(err.stream().sorted().collect(Collectors.toList()), sortedLines(r.err()), dev);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multicore", "niodev"})
    void compatibilitySetChecksItsOwnResults(String dev) {
        for (String program : List.of("PointToPoint", "Collectives", "Datatypes", "Splits")) {
            for (int np : dev.equals("multicore") ? new int[] {2, 5} : new int[] {3}) {
                Run r = run(dev, np, program);
                assertEquals(0, r.exit(), dev + " np " + np + " " + r);
                assertEquals("ok " + program + "\n", r.out(), dev + " np " + np + " " + r);
                assertEquals("", r.errLines(), dev + " np " + np + " " + r);
            }
        }
    }

    /** Under srun (the stand-in of src/test/sh) the ranks' output is SLURM's; statuses are as on the other devices. */
    @org.junit.jupiter.api.Test
    void underSrunTheSameStatusesAndResults() {
        File elsewhere = new File(System.getProperty("java.io.tmpdir"));
        Run ok = Run.command(DaemonFreeLaunchIT.command("-cp", classes.toString(), "Collectives"), elsewhere,
            DaemonFreeLaunchIT.environment());
        assertEquals(0, ok.exit(), ok.toString());
        assertEquals("ok Collectives\n", ok.out(), ok.toString());
        Run three = Run.command(DaemonFreeLaunchIT.command("-cp", classes.toString(), "FinalizeThenExit", "1", "3"), elsewhere,
            DaemonFreeLaunchIT.environment());
        assertEquals(3, three.exit(), three.toString());
        assertTrue(three.errLines().contains("error: rank 1 exited with status 3\n"), three.toString());
        Run fails = Run.command(DaemonFreeLaunchIT.command("-cp", classes.toString(), "FailOnRank", "1", "throw", "barrier"),
            elsewhere, DaemonFreeLaunchIT.environment());
        assertEquals(1, fails.exit(), fails.toString());
        assertTrue(fails.errLines().contains("error: rank 1 failed: IllegalStateException: student bug on rank 1"), fails.toString());
        assertTrue(fails.seconds() < 10, fails.toString());
    }
}
