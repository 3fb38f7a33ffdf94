package mpjnumerics.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mpjnumerics.report.Checkpoint;
import mpjnumerics.testing.Run;
import mpjnumerics.testing.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar and the mpjrun.sh wrapper, run as a user would, from another folder. */
class LaunchersIT {
    static final Path ROOT = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();
    static final String JAR = ROOT.resolve("target/mpj-numerics.jar").toString();
    static final String MPJRUN = ROOT.resolve("mpj/bin/mpjrun.sh").toString();
    static final File ELSEWHERE = new File(System.getProperty("java.io.tmpdir"));

    static Run mpjrun(String... args) {
        List<String> cmd = new ArrayList<>(List.of(MPJRUN));
        cmd.addAll(Arrays.asList(args));
        Map<String, String> env = new HashMap<>();
        env.put("MPJ_HOME", null); // the wrapper finds its own home
        return Run.command(cmd, ELSEWHERE, env);
    }

    static Run javaJar(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Run.java(), "-jar", JAR));
        cmd.addAll(Arrays.asList(args));
        Map<String, String> env = new HashMap<>();
        env.put("MPJ_HOME", null); // the jar finds mpj/ beside target/
        return Run.command(cmd, ELSEWHERE, env);
    }

    @Test
    void wrapperJarAndClassNameGiveTheSameResult() {
        Run a = mpjrun("-np", "3", "PiMonteCarlo", "--samples", "3e6", "--json");
        Run b = javaJar("-np", "2", "PiMonteCarlo", "--samples", "3e6", "--json");
        Run c = mpjrun("-np", "4", "-dev", "multicore", "mpjnumerics.job.PiMonteCarlo", "--samples", "3e6", "--json");
        for (Run r : List.of(a, b, c)) {
            assertEquals(0, r.exit(), r.toString());
        }
        assertEquals(a.json().get("result"), b.json().get("result"));
        assertEquals(a.json().get("result"), c.json().get("result"));
        assertEquals(3, a.json().get("ranks").asInt());
        assertEquals(2, b.json().get("ranks").asInt());
    }

    @Test
    void jobsStartFromTheClassDataSharingArchiveWhileItIsCurrent() throws Exception {
        Path archive = ROOT.resolve("target/mpj-numerics.jsa");
        Run made = Run.command(List.of(ROOT.resolve("scripts/cds-archive.sh").toString()), ELSEWHERE, new HashMap<>());
        assertEquals(0, made.exit(), made.toString());
        String fromArchive = "mpjnumerics.launch.Main source: shared objects file";

        Run used = mpjrun("-Xlog:class+load", "-np", "2", "Hello");
        assertEquals(0, used.exit(), used.toString());
        assertTrue(used.out().contains(fromArchive), "launcher classes come from the archive");
        assertEquals("", used.errLines());

        // Older than the jar (a rebuild since): not used, and nothing said about it.
        FileTime built = Files.getLastModifiedTime(Path.of(JAR));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(built.toMillis() - 60_000));
        try {
            Run stale = mpjrun("-Xlog:class+load", "-np", "2", "Hello");
            assertEquals(0, stale.exit(), stale.toString());
            assertTrue(!stale.out().contains(fromArchive), "a stale archive is left alone");
            assertEquals("", stale.errLines());
        } finally {
            Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis()));
        }
        // Current, but made for another jar: the JVM's own check fails, quietly.
        Path otherJar = Files.createTempFile("other", ".jar");
        try {
            Files.copy(Path.of(JAR), otherJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(otherJar, FileTime.fromMillis(built.toMillis() - 60_000));
            Map<String, String> env = new HashMap<>();
            env.put("MPJ_HOME", null);
            env.put("MPJ_NUMERICS_JAR", otherJar.toString());
            Run other = Run.command(List.of(MPJRUN, "-Xlog:class+load", "-np", "2", "Hello"), ELSEWHERE, env);
            assertEquals(0, other.exit(), other.toString());
            assertTrue(!other.out().contains(fromArchive), "an archive for another jar is not used");
            assertEquals("", other.errLines());
        } finally {
            Files.delete(otherJar);
        }
    }

    @Test
    void javaJarStartsASecondJvmOnlyWhenTheJobNeedsJvmOptions() {
        Run hello = javaJar("-np", "2", "Hello", "--json");
        assertEquals(0, hello.exit(), hello.toString());
        assertEquals(hello.pid(), hello.json().get("result").get("ranks").get(0).get("pid").asLong(),
                "Hello's ranks run in the JVM java -jar started");

        Run pi = javaJar("-np", "2", "PiMonteCarlo", "--samples", "1e6", "--json");
        assertEquals(0, pi.exit(), pi.toString());
        Run piWrapper = mpjrun("-np", "2", "PiMonteCarlo", "--samples", "1e6", "--json");
        assertEquals(piWrapper.json().get("result"), pi.json().get("result"));
    }

    /**
     * The Vector API's module makes the JVM print a warning at start: it comes only with runs
     * whose kernels use the API, whether mpjrun.sh sees that from the command line or the
     * launcher does in Java (here a number the script does not read).
     */
    @Test
    void theVectorModuleAndItsWarningComeOnlyWithRunsThatUseIt() {
        String warning = "WARNING: Using incubator modules: jdk.incubator.vector\n";
        Run small = mpjrun("-np", "2", "PiMonteCarlo", "--samples", "1000", "--json");
        assertEquals(0, small.exit(), small.toString());
        assertEquals("", small.err());
        Run usage = mpjrun("-np", "2", "PrimeGaps", "--to", "x");
        assertEquals(2, usage.exit(), usage.toString());
        assertEquals("error: --to: 'x' is not an integer (unexpected 'x')\n", usage.err());
        for (String samples : new String[] {"2^30", " 2^30"}) {
            Run big = mpjrun("-np", "1", "PiMonteCarlo", "--samples", samples, "--json");
            assertEquals(0, big.exit(), big.toString());
            assertEquals(warning, big.err(), "--samples '" + samples + "'");
        }
    }

    @Test
    void defaultRankCountIsTheNumberOfProcessors() {
        Run r = javaJar("Hello", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Runtime.getRuntime().availableProcessors(), r.json().get("ranks").asInt());
    }

    @Test
    void failuresAndUsageErrorsGiveTheirExitStatusThroughTheWrapper() {
        Run failed = mpjrun("-np", "3", "Hello", "--fail-rank", "1");
        assertEquals(1, failed.exit(), failed.toString()); // a hang fails at Run's timeout
        assertTrue(failed.errLines().startsWith("error: rank 1 failed"), failed.toString());

        Run usage = mpjrun("-np", "2", "PiMonteCarlo", "--samples", "-3");
        assertEquals(2, usage.exit(), usage.toString());
        assertEquals("", usage.out());

        Run jarFailed = javaJar("-np", "2", "Hello", "--fail-rank", "1", "--fail-mode", "exit");
        assertEquals(1, jarFailed.exit(), jarFailed.toString());

        assertEquals(2, mpjrun("-np", "two", "Hello").exit());
        assertEquals(2, mpjrun("-dev", "carrier-pigeon", "Hello").exit());
        assertEquals(0, mpjrun("--help").exit());
    }

    @Test
    void anyMpjProgramRunsByClassNameWithExtraClassPath() {
        String testClasses = ROOT.resolve("target/test-classes").toString();
        Run ok = mpjrun("-np", "3", "-cp", testClasses, "mpjnumerics.launch.ForeignProgram", "a", "b");
        assertEquals(0, ok.exit(), ok.toString());
        assertEquals("sum of ranks+1 = 6 args a,b\n", ok.out());
        Run bad = mpjrun("-np", "2", "-cp", testClasses, "mpjnumerics.launch.ForeignProgram", "throw");
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.errLines().contains("rank 1 failed: IllegalArgumentException: foreign failure"), bad.toString());
        Run missing = mpjrun("-np", "2", "org.example.Missing");
        assertEquals(2, missing.exit(), missing.toString());
    }

    @Test
    void theWrappersOwnOptionsAreCheckedAsTheJobsCheckTheirs() {
        for (String[] c : new String[][] {{"--bogus", "Hello"}, {"-np", "", "Hello"}, {"-n", "2", "Hello"},
            {"--np", "2", "Hello"}, {"-np"}, {}}) {
            Run r = mpjrun(c);
            String what = "mpjrun.sh " + String.join(" ", c);
            assertEquals(2, r.exit(), what + ": " + r);
            assertEquals("", r.out(), what + ": " + r);
            assertEquals(1, r.errLines().lines().count(), what + ": one line: " + r);
            assertTrue(r.errLines().startsWith("error: "), what + ": " + r);
        }
        assertTrue(mpjrun("--bogus", "Hello").err().contains("(see mpjrun.sh --help)"));
        assertTrue(mpjrun().err().contains("(see mpjrun.sh --help)"));
        // JVM options still go to the JVM
        Run jvm = mpjrun("-Xmx256m", "-Dsome.key=value", "-XX:+UseSerialGC", "-ea", "--add-opens",
            "java.base/java.lang=ALL-UNNAMED", "-np", "2", "Hello");
        assertEquals(0, jvm.exit(), jvm.toString());
        assertEquals(0, mpjrun("--version").exit());
    }

    @Test
    void aCheckpointOfAnotherBuildIsRefused(@TempDir Path dir) throws Exception {
        String here = mpjrun("--version").out().lines().findFirst().orElseThrow().substring("mpj-numerics ".length());
        assertTrue(here.matches(".+ \\(built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)"), here);
        // Every development build has the same version: the jar's build time tells them apart.
        String other = here.replaceFirst("\\(built .*\\)", "(built 2000-01-01T00:00:00Z)");
        Path ckpt = dir.resolve("c.ckpt");
        Files.write(ckpt, new Checkpoint("PiMonteCarlo", other, "--samples 1000000").toBytes());
        Run r = mpjrun("-np", "2", "PiMonteCarlo", "--samples", "1e6", "--checkpoint", ckpt.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.errLines().contains("error: checkpoint " + ckpt + " was written by mpj-numerics " + other
                + ", this is " + here), r.err());
        assertTrue(Files.exists(ckpt), "a refused checkpoint is left alone");
    }

    @Test
    void javaJarsSecondJvmEndsWhenItsLauncherIsKilled() throws Exception {
        String marker = "1e13+" + ProcessHandle.current().pid();
        Started s = Started.command(List.of(Run.java(), "-jar", JAR, "-np", "2", "PiMonteCarlo", "--samples", marker),
            ELSEWHERE, new HashMap<>());
        assertTrue(Started.awaitRunning(marker, "mpjnumerics.launchedBy", 1, 30), "the second JVM starts");
        s.signal(true);
        s.await();
        double gone = Started.awaitGone(marker, 10);
        assertTrue(gone >= 0 && gone < 5, "the second JVM ends within 5 s of its launcher's SIGKILL: " + gone);
    }
}
