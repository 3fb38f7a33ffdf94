package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;

/**
 * A failing rank ends the whole multicore job, with exit 1 and one line naming it. A job that
 * hangs instead fails at Run's timeout; how long the failure took is not judged.
 */
class FailureTest {
    @Test
    void anExceptionInOneRankEndsTheJob() {
        Run r = Run.job(4, "Hello", "--fail-rank", "2");
        assertFailed(r, "error: rank 2 failed: IllegalStateException: failure requested by --fail-rank 2");
    }

    @Test
    void systemExitInOneRankEndsTheJobAsAFailure() {
        Run r = Run.job(3, "Hello", "--fail-rank", "0", "--fail-mode", "exit");
        assertFailed(r, "error: rank 0 called System.exit before the job finished");
    }

    static void assertFailed(Run r, String line) {
        assertEquals(1, r.exit(), r.toString());
        assertEquals(line + "\n", r.errLines(), r.toString());
        assertEquals("", r.out());
    }
}
