package mpjnumerics.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The handshake: both sides prove the secret; a peer without it is refused, a silent one in time. */
class JobSecretTest {
    static final JobSecret SECRET = JobSecret.random();

    /** Runs the accepting side on one connection; returns its outcome (null: proven). */
    private static CompletableFuture<IOException> accepting(ServerSocket server, JobSecret secret, int millis) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                secret.prove(s, "test", millis, true);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
    }

    @Test
    void theSameSecretOnBothSidesPasses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            var result = accepting(server, SECRET, 2000);
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                assertDoesNotThrow(() -> SECRET.prove(c, "test", 2000, false));
            }
            assertTrue(result.get(5, TimeUnit.SECONDS) == null);
        }
    }

    @Test
    void anotherSecretOrAnotherPurposeIsRefusedOnBothSides() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            var result = accepting(server, SECRET, 2000);
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                assertThrows(IOException.class, () -> JobSecret.random().prove(c, "test", 2000, false));
            }
            assertTrue(result.get(5, TimeUnit.SECONDS) instanceof JobSecret.AuthenticationException);

            var other = accepting(server, SECRET, 2000);
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                assertThrows(IOException.class, () -> SECRET.prove(c, "another server", 2000, false));
            }
            assertTrue(other.get(5, TimeUnit.SECONDS) instanceof JobSecret.AuthenticationException);
        }
    }

    @Test
    void aSilentPeerIsRefusedAtTheDeadline() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long t0 = System.nanoTime();
            var result = accepting(server, SECRET, 300);
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                assertTrue(result.get(5, TimeUnit.SECONDS) != null);
            }
            assertTrue((System.nanoTime() - t0) / 1e9 < 2);
        }
    }

    @Test
    void secretsShorterThan128BitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> JobSecret.of(new byte[15]));
    }
}
