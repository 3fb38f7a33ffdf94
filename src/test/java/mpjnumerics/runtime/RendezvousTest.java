package mpjnumerics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rendezvous answers niodev's start-up exchange as MPJ's starter does. */
class RendezvousTest {

    /** What a niodev rank does: send its ports and rank, read the peer list. */
    private static String register(int port, int rank, int writePort, int readPort) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeUTF("Sending Info");
            out.writeInt(writePort);
            out.writeInt(readPort);
            out.writeInt(rank);
            out.flush();
            return new DataInputStream(s.getInputStream()).readUTF();
        }
    }

    @Test
    void everyRankGetsThePeersInRankOrder() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try {
                    Rendezvous.serve(server, 3, 10_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // ranks arrive out of order
            CompletableFuture<String> r2 = CompletableFuture.supplyAsync(() -> call(port, 2, 5002, 6002));
            CompletableFuture<String> r0 = CompletableFuture.supplyAsync(() -> call(port, 0, 5000, 6000));
            CompletableFuture<String> r1 = CompletableFuture.supplyAsync(() -> call(port, 1, 5001, 6001));
            String expected = "#Peer Information;127.0.0.1@6000@5000@0@0;127.0.0.1@6001@5001@1@0;127.0.0.1@6002@5002@2@0";
            assertEquals(expected, r0.get(10, TimeUnit.SECONDS));
            assertEquals(expected, r1.get(10, TimeUnit.SECONDS));
            assertEquals(expected, r2.get(10, TimeUnit.SECONDS));
            serving.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void missingRanksEndItWithAnError() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Rendezvous.serve(server, 2, 300));
            assertTrue(e.getMessage().contains("0 of 2 ranks arrived"), e.getMessage());
        }
    }

    @Test
    void confPointsNiodevAtTheRendezvous() {
        assertEquals("#Number of Processes;4;#Protocol Switch Limit;131072;#Server Name;node1;#Server Port;41234",
            Rendezvous.niodevConf(4, "node1", 41234));
    }

    private static String call(int port, int rank, int writePort, int readPort) {
        try {
            return register(port, rank, writePort, readPort);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
