package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;

/** Every job: --help, and bad input as one "error:" line with exit 2 and nothing on stdout. */
class CommandLineContractTest {
    @Test
    void helpPrintsUsageWithAnExampleForEveryJob() {
        for (String job : Jobs.names()) {
            Run r = Run.job(2, job, "--help");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("usage:"), r.out());
            assertTrue(r.out().contains("example:"), r.out());
            assertTrue(r.out().contains("--json"), r.out());
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        String[][] cases = {
            {"PiMonteCarlo", "--samples", "0"},
            {"PiMonteCarlo", "--samples", "2^63"},
            {"PiMonteCarlo", "--samples", "lots"},
            {"PiMonteCarlo", "--seed"},
            {"PiMonteCarlo", "--nope"},
            {"PingPong", "--max-bytes", "-1"},
            {"Hello", "--fail-mode", "melt"},
            {"NoSuchJob"},
            {"PrimeCount", "--from", "10", "--to", "5"},
            {"CollatzSteps", "--from", "10", "--to", "9"},
            {"PrimeList", "--to", "100", "--json"},
            {"EulerConstant", "--out", "e.txt"},
            {"EulerConstant", "--constant", "e", "--method", "series"},
        };
        for (String[] c : cases) {
            assertUsageError(Run.job(2, c), String.join(" ", c));
        }
        assertUsageError(Run.job(1, "PingPong", "--max-bytes", "8"), "PingPong on one rank");
    }

    @Test
    void thePlanForTheClusterDevicesIsMadeAndCheckedWithoutStartingARank() throws Exception {
        java.nio.file.Path plan = java.nio.file.Files.createTempFile("plan", ".txt");
        try {
            Run ok = plan(plan, "-np", "3", "primecount", "--to", "1e6");
            assertEquals(0, ok.exit(), ok.toString());
            assertEquals(java.util.List.of(PrimeCount.class.getName(), "-Xmn16m", "-Xms24m"), java.nio.file.Files.readAllLines(plan));
            assertEquals("", ok.out() + ok.err(), "nothing starts, nothing is said");

            Run vector = plan(plan, "-np", "2", "primegaps", "--to", "1e11");
            assertEquals(0, vector.exit(), vector.toString());
            assertEquals(java.util.List.of(PrimeGaps.class.getName(), "-Xmn16m", "--add-modules=jdk.incubator.vector"),
                    java.nio.file.Files.readAllLines(plan), "a run long enough for the sieve's Vector API pre-sieve");

            Run help = plan(plan, "-np", "3", "Hello", "--help");
            assertEquals(0, help.exit(), help.toString());
            assertTrue(help.out().startsWith("Hello: "), help.out());
            assertEquals(0, java.nio.file.Files.size(plan), "an empty plan: nothing to run");

            assertUsageError(plan(plan, "-np", "1", "PingPong"), "PingPong's plan on one rank");
            assertUsageError(plan(plan, "-np", "2", "PrimeList", "--from", "9", "--to", "2"), "a reversed range");
        } finally {
            java.nio.file.Files.deleteIfExists(plan);
        }
    }

    private static Run plan(java.nio.file.Path file, String... args) {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(Run.java(), "-cp",
                System.getProperty("java.class.path"), "mpjnumerics.launch.Main", "--plan", file.toString()));
        cmd.addAll(java.util.List.of(args));
        return Run.command(cmd, null, java.util.Map.of());
    }

    @Test
    void launcherOptionsAreCheckedToo() {
        for (String[] c : new String[][] {{"-np", "0", "Hello"}, {"-np", "x", "Hello"}, {"-bogus", "Hello"}, {"-np"}}) {
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(Run.java(), "-cp",
                    System.getProperty("java.class.path"), "mpjnumerics.launch.Main"));
            cmd.addAll(java.util.List.of(c));
            assertUsageError(Run.command(cmd, null, java.util.Map.of()), String.join(" ", c));
        }
    }

    @Test
    void longRunsShowProgressOnStderrOnlyWhenAskedFor() {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(Run.java(), "-Dmpjnumerics.progress=on",
                "-cp", System.getProperty("java.class.path"), "mpjnumerics.launch.Main", "-np", "2",
                "PrimeCount", "--to", "3e10", "--method", "sieve", "--json"));
        Run r = Run.command(cmd, null, java.util.Map.of());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("PrimeCount: ") && r.err().contains("%"), "progress on stderr: " + r.err());
        assertEquals(1_300_005_926L, r.json().get("result").get("count").asLong()); // stdout stays clean JSON
        Run quiet = Run.job(2, "PrimeCount", "--to", "1e9", "--json");
        assertEquals("", quiet.errLines(), "no progress when stderr is not a terminal");
    }

    static void assertUsageError(Run r, String what) {
        assertEquals(2, r.exit(), what + ": " + r);
        assertEquals("", r.out(), what + ": stdout must be empty");
        String first = r.errLines().lines().findFirst().orElse("");
        assertTrue(first.startsWith("error: "), what + ": " + r.err());
        assertTrue(!r.err().contains("\tat "), what + ": no stack trace: " + r.err());
    }
}
