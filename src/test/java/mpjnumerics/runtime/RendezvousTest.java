package mpjnumerics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rendezvous does the exchange MPJ's starter would, for the job's ranks only: strangers
 * (no secret, the wrong one, niodev's own unproven greeting, silence) are dropped and change
 * nothing.
 */
class RendezvousTest {
    static final JobSecret SECRET = JobSecret.random();
    static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

    private static CompletableFuture<List<Socket>> serving(ServerSocket server, int ranks, long millis) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Rendezvous.serve(server, ranks, millis, SECRET, null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static CompletableFuture<String> rank(int port, int rank, int writePort, int readPort) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Rendezvous.registerAs(LOOPBACK, port, SECRET, rank, writePort, readPort);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void everyRankGetsThePeersInRankOrder() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            var serving = serving(server, 3, 10_000);
            // ranks arrive out of order
            var r2 = rank(port, 2, 5002, 6002);
            var r0 = rank(port, 0, 5000, 6000);
            var r1 = rank(port, 1, 5001, 6001);
            String expected = "#Peer Information;127.0.0.1@6000@5000@0@0;127.0.0.1@6001@5001@1@0;127.0.0.1@6002@5002@2@0";
            assertEquals(expected, r0.get(10, TimeUnit.SECONDS));
            assertEquals(expected, r1.get(10, TimeUnit.SECONDS));
            assertEquals(expected, r2.get(10, TimeUnit.SECONDS));
            assertEquals(3, serving.get(10, TimeUnit.SECONDS).size());
        }
    }

    @Test
    void strangersAreDroppedWithoutDisturbingTheJob() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            var serving = serving(server, 2, 10_000);
            long t0 = System.nanoTime();
            try (Socket silent = new Socket(LOOPBACK, port);
                    Socket niodevGreeting = new Socket(LOOPBACK, port);
                    Socket garbage = new Socket(LOOPBACK, port)) {
                // What niodev (or anyone who read MPJ's sources) would send: no proof.
                DataOutputStream out = new DataOutputStream(niodevGreeting.getOutputStream());
                out.writeUTF("Sending Info");
                out.writeInt(1);
                out.writeInt(2);
                out.writeInt(0);
                out.flush();
                garbage.getOutputStream().write(new byte[64]);
                CompletableFuture<String> wrongSecret = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Rendezvous.registerAs(LOOPBACK, port, JobSecret.random(), 1, 1, 1);
                    } catch (IOException e) {
                        return "refused";
                    }
                });
                var r0 = rank(port, 0, 5000, 6000);
                var r1 = rank(port, 1, 5001, 6001);
                String expected = "#Peer Information;127.0.0.1@6000@5000@0@0;127.0.0.1@6001@5001@1@0";
                assertEquals(expected, r0.get(10, TimeUnit.SECONDS));
                assertEquals(expected, r1.get(10, TimeUnit.SECONDS));
                assertEquals("refused", wrongSecret.get(10, TimeUnit.SECONDS));
                assertTrue((System.nanoTime() - t0) / 1e9 < 1.5, "a silent stranger delays nobody");
                assertEquals(2, serving.get(10, TimeUnit.SECONDS).size());
                // the silent one is dropped at its deadline, having read nothing but a challenge
                silent.setSoTimeout(5_000);
                byte[] challenge = silent.getInputStream().readNBytes(16);
                assertEquals(16, challenge.length);
                assertEquals(-1, silent.getInputStream().read());
            }
        }
    }

    @Test
    void missingRanksEndItWithAnError() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Rendezvous.serve(server, 2, 300, SECRET, null));
            assertTrue(e.getMessage().contains("0 of 2 ranks arrived"), e.getMessage());
        }
    }

    @Test
    void confPointsNiodevAtTheRendezvous() {
        assertEquals("#Number of Processes;4;#Protocol Switch Limit;131072;#Server Name;node1;#Server Port;41234",
            Rendezvous.niodevConf(4, "node1", 41234));
    }
}
