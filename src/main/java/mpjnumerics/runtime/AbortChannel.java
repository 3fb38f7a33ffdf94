package mpjnumerics.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a cluster job (niodev, hybdev: one JVM per rank) when any rank fails. MPJ Express
 * cannot: its Abort does nothing, and the other ranks wait forever in the next collective.
 *
 * <p>Rank 0 listens on a free TCP port and every other rank keeps a connection to it. A rank
 * that fails tells rank 0 ('F') and halts; a connection that closes before its rank said it
 * was done ('D') means the rank died. Either way rank 0 tells every rank to stop ('A') and
 * halts with status 1; a rank whose connection to rank 0 breaks halts too. So the whole job
 * ends within moments of a failure, whatever the MPJ runtime does.
 */
public final class AbortChannel {
    /** The two broadcasts from rank 0 the channel needs to meet: given by the MPI facade. */
    public interface Exchange {
        long broadcast(long value);

        void broadcastBytes(byte[] buf);
    }

    private static final byte DONE = 'D';
    private static final byte FAIL = 'F';
    private static final byte ABORT = 'A';
    private static final int CONNECT_MILLIS = 10_000;
    private static final int HOST_BYTES = 256;

    private final int rank;
    private final int size;
    private ServerSocket server;
    private Socket toRoot;
    private final ConcurrentHashMap<Integer, Socket> peers = new ConcurrentHashMap<>();
    private final CountDownLatch othersDone;
    private volatile boolean finished;

    private AbortChannel(int rank, int size) {
        this.rank = rank;
        this.size = size;
        this.othersDone = new CountDownLatch(rank == 0 ? size - 1 : 0);
    }

    /**
     * Collective: every rank calls it right after MPI.Init. Installs the channel as the way
     * this JVM's failures reach the other ranks.
     */
    public static AbortChannel open(int rank, int size, Exchange exchange) {
        AbortChannel ch = new AbortChannel(rank, size);
        boolean root = rank == 0;
        try {
            byte[] host = new byte[HOST_BYTES];
            long port = 0;
            if (root) {
                ch.server = new ServerSocket();
                ch.server.bind(new InetSocketAddress(0));
                port = ch.server.getLocalPort();
                System.setProperty("mpjnumerics.abortPort", Long.toString(port)); // ranks in this JVM
                byte[] name = InetAddress.getLocalHost().getHostName().getBytes(StandardCharsets.UTF_8);
                System.arraycopy(name, 0, host, 0, Math.min(name.length, HOST_BYTES));
                daemon(ch::accept, "abort-accept");
            }
            port = exchange.broadcast(port);
            exchange.broadcastBytes(host);
            if (!root) {
                String name = new String(host, StandardCharsets.UTF_8).trim();
                ch.toRoot = new Socket();
                ch.toRoot.connect(new InetSocketAddress(name, (int) port), CONNECT_MILLIS);
                ch.toRoot.setTcpNoDelay(true);
                new DataOutputStream(ch.toRoot.getOutputStream()).writeInt(rank);
                daemon(ch::watchRoot, "abort-watch");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open the abort channel to rank 0", e);
        }
        Failure.onAbort(ch::fail);
        if (root) {
            Failure.beforeHalt(ch::abortOthers);
        }
        return ch;
    }

    /**
     * This rank failed: make sure every rank stops. Another rank's line is relayed to rank 0,
     * which prints it (a halting rank's own last output may not reach the launcher); returns
     * whether it was.
     */
    boolean fail(String line) {
        try {
            if (rank == 0) {
                return false; // its halt stops the others (Failure.beforeHalt), after its line
            }
            if (Integer.toString(toRoot.getPort()).equals(System.getProperty("mpjnumerics.abortPort"))) {
                return false; // rank 0 shares this JVM (hybdev): halting here ends it too
            }
            DataOutputStream out = new DataOutputStream(toRoot.getOutputStream());
            out.writeByte(FAIL);
            out.writeUTF(line == null ? "" : line);
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // rank 0 sees the connection close when this rank halts
        }
    }

    /** This rank finished normally. Rank 0 waits (briefly) until every rank has. */
    public void finish() {
        finished = true;
        try {
            if (rank == 0) {
                othersDone.await(10, TimeUnit.SECONDS);
                server.close();
            } else {
                toRoot.getOutputStream().write(DONE);
                toRoot.getOutputStream().flush();
            }
        } catch (IOException e) {
            // finished anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        for (int n = 0; n < size - 1; n++) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                daemon(() -> watchPeer(s), "abort-peer");
            } catch (IOException e) {
                return; // closed at the end of the job
            }
        }
    }

    /** On rank 0: one connection from another rank. */
    private void watchPeer(Socket s) {
        int peer = -1;
        try {
            DataInputStream in = new DataInputStream(s.getInputStream());
            peer = in.readInt();
            peers.put(peer, s);
            int b = in.read();
            if (b == DONE) {
                othersDone.countDown();
                return;
            }
            if (b == FAIL) {
                String line = in.readUTF();
                Failure.halt(Failure.EXIT_FAILURE, line.isEmpty() ? null : line); // then stops the others
            }
        } catch (IOException e) {
            // fall through: the rank is gone
        }
        if (!finished) {
            Failure.halt(Failure.EXIT_FAILURE, "error: rank " + (peer < 0 ? "?" : peer) + " ended before the job finished");
        }
    }

    /** On other ranks: rank 0 says stop, or its connection breaks. */
    private void watchRoot() {
        try {
            int b = toRoot.getInputStream().read();
            if (b == ABORT || b < 0) {
                if (!finished) {
                    Failure.halt(Failure.EXIT_FAILURE, null);
                }
            }
        } catch (IOException e) {
            if (!finished) {
                Failure.halt(Failure.EXIT_FAILURE, null);
            }
        }
    }

    void abortOthers() {
        for (Socket s : peers.values()) {
            try {
                s.getOutputStream().write(ABORT);
                s.getOutputStream().flush();
            } catch (IOException e) {
                // that rank is gone already
            }
        }
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
