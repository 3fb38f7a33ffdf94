package mpjnumerics.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a cluster job (niodev, hybdev, srun: ranks in JVMs of their own) when any rank fails,
 * dies or is cut off. MPJ Express cannot: its Abort does nothing, and the other ranks wait
 * forever in the next collective.
 *
 * <p>Rank 0 listens on a free TCP port of the address by which it reaches the launcher's host,
 * and every other rank keeps a connection to it, opened with the job's secret
 * ({@link JobSecret}). A rank that fails tells rank 0 ('F') and halts; a connection that closes
 * before its rank said it was done ('D') means the rank died. Both sides send a heartbeat ('H')
 * every second: rank 0 takes a rank it has not heard from for {@value #ROOT_SILENCE_MILLIS} ms
 * as lost (its host down or cut off), the others give rank 0 twice as long, so that the line
 * comes from rank 0 when it can. Either way rank 0 tells every rank to stop ('A') and halts
 * with status 1; a rank whose connection to rank 0 breaks or falls silent halts too.
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
    private static final byte HEARTBEAT = 'H';
    private static final int CONNECT_MILLIS = 10_000;
    /** A connection that has not proved itself by then is dropped. */
    static final int HANDSHAKE_MILLIS = 2_000;
    static final long HEARTBEAT_MILLIS = 1_000;
    static final int ROOT_SILENCE_MILLIS = Integer.getInteger("mpjnumerics.silenceMillis", 10_000);
    static final int RANK_SILENCE_MILLIS = 2 * ROOT_SILENCE_MILLIS;
    private static final int HOST_BYTES = 256;
    private static final String PURPOSE = "abort channel";
    /** Set by a rank whose niodev configuration names a stand-in, not the launcher's host. */
    public static final String LAUNCHER_HOST = "mpjnumerics.launcherHost";

    private final int rank;
    private final int size;
    private final JobSecret secret;
    private ServerSocket server;
    private Socket toRoot;
    private String rootWho;
    private final ConcurrentHashMap<Integer, Socket> peers = new ConcurrentHashMap<>();
    private final Set<Integer> joined = ConcurrentHashMap.newKeySet();
    private final CountDownLatch othersDone;
    private volatile boolean finished;

    private AbortChannel(int rank, int size, JobSecret secret) {
        this.rank = rank;
        this.size = size;
        this.secret = secret;
        this.othersDone = new CountDownLatch(rank == 0 ? size - 1 : 0);
    }

    /**
     * Collective: every rank calls it right after MPI.Init. Installs the channel as the way
     * this JVM's failures reach the other ranks. {@code launcherHost} is the host the ranks
     * registered with (MPJ's starter or the rendezvous): rank 0 listens on the address it
     * reaches that host by, which is the one the other ranks can reach it by too.
     */
    public static AbortChannel open(int rank, int size, String launcherHost, Exchange exchange) {
        boolean root = rank == 0;
        try {
            // The launcher's secret when it gave one; else rank 0 makes one and sends it over MPI.
            JobSecret given = JobSecret.fromLauncher().orElse(null);
            JobSecret secret = given;
            if (exchange.broadcast(given != null ? 1 : 0) == 1) {
                if (given == null) {
                    throw new IllegalStateException("rank 0 was given the job's secret, rank " + rank + " was not");
                }
            } else {
                byte[] key = root ? JobSecret.random().bytes() : new byte[32];
                exchange.broadcastBytes(key);
                secret = JobSecret.of(key);
            }
            AbortChannel ch = new AbortChannel(rank, size, secret);
            byte[] host = new byte[HOST_BYTES];
            long port = 0;
            if (root) {
                InetAddress bind = addressTowards(launcherHost);
                ch.server = new ServerSocket();
                ch.server.bind(new InetSocketAddress(bind, 0));
                port = ch.server.getLocalPort();
                System.setProperty("mpjnumerics.abortPort", Long.toString(port)); // ranks in this JVM
                byte[] name = bind.getHostAddress().getBytes(StandardCharsets.UTF_8);
                System.arraycopy(name, 0, host, 0, Math.min(name.length, HOST_BYTES));
                daemon(ch::accept, "abort-accept");
            }
            port = exchange.broadcast(port);
            exchange.broadcastBytes(host);
            if (!root) {
                String address = new String(host, StandardCharsets.UTF_8).trim();
                ch.toRoot = new Socket();
                ch.toRoot.connect(new InetSocketAddress(address, (int) port), CONNECT_MILLIS);
                ch.toRoot.setTcpNoDelay(true);
                secret.prove(ch.toRoot, PURPOSE, CONNECT_MILLIS, false);
                DataOutputStream out = new DataOutputStream(ch.toRoot.getOutputStream());
                out.writeInt(rank);
                out.writeUTF(localHostName());
                out.writeLong(ProcessHandle.current().pid());
                out.flush();
                DataInputStream in = new DataInputStream(ch.toRoot.getInputStream());
                ch.rootWho = "rank 0 (pid " + in.readLong() + " on " + in.readUTF() + ")";
                daemon(ch::watchRoot, "abort-watch");
                daemon(() -> ch.beat(ch.toRoot), "abort-heartbeat");
            }
            Failure.onAbort(ch::fail);
            if (root) {
                Failure.beforeHalt(ch::abortOthers);
            }
            return ch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the abort channel to rank 0", e);
        }
    }

    /**
     * The local address the kernel would use to reach {@code host} (no packet is sent): on a
     * cluster, this host's address on the network the job runs on; loopback for a job on one
     * host. All addresses when {@code host} is unknown.
     */
    static InetAddress addressTowards(String host) {
        if (host != null && !host.isBlank()) {
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(new InetSocketAddress(InetAddress.getByName(host), 9));
                InetAddress local = probe.getLocalAddress();
                if (local != null && !local.isAnyLocalAddress()) {
                    return local;
                }
            } catch (IOException | RuntimeException e) {
                // fall through
            }
        }
        return new InetSocketAddress(0).getAddress();
    }

    /**
     * The host MPJ's launcher (starter or rendezvous) listens on, from niodev's configuration
     * among a rank's launch arguments; null if there is none.
     */
    public static String launcherHost(String[] mpjArgs) {
        String given = System.getProperty(LAUNCHER_HOST); // under srun niodev meets a proxy on loopback
        if (given != null) {
            return given;
        }
        for (String a : mpjArgs) {
            String[] parts = a.split(";");
            for (int i = 0; i + 1 < parts.length; i++) {
                if (parts[i].equals("#Server Name")) {
                    return parts[i + 1];
                }
            }
        }
        return null;
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
            synchronized (toRoot) {
                DataOutputStream out = new DataOutputStream(toRoot.getOutputStream());
                out.writeByte(FAIL);
                out.writeUTF(line == null ? "" : line);
                out.flush();
            }
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
                synchronized (toRoot) {
                    toRoot.getOutputStream().write(DONE);
                    toRoot.getOutputStream().flush();
                }
            }
        } catch (IOException e) {
            // finished anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * On rank 0: takes connections until every other rank has joined. Each is handled on its
     * own, so one that never proves itself delays nobody; only the job's ranks count.
     */
    private void accept() {
        try {
            while (joined.size() < size - 1) {
                Socket s = server.accept();
                daemon(() -> admit(s), "abort-peer");
            }
        } catch (IOException e) {
            // closed: at the end of the job, or every rank has joined
        }
    }

    private void admit(Socket s) {
        int peer;
        String who;
        DataInputStream in;
        try {
            s.setTcpNoDelay(true);
            secret.prove(s, PURPOSE, HANDSHAKE_MILLIS, true);
            s.setSoTimeout(HANDSHAKE_MILLIS);
            in = new DataInputStream(s.getInputStream());
            peer = in.readInt();
            String host = in.readUTF();
            long pid = in.readLong();
            if (peer <= 0 || peer >= size || !joined.add(peer)) {
                throw new IOException("rank " + peer + " is out of range or came twice");
            }
            who = "rank " + peer + " (pid " + pid + " on " + host + ")";
            synchronized (s) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeLong(ProcessHandle.current().pid());
                out.writeUTF(localHostName());
                out.flush();
            }
            peers.put(peer, s);
            if (joined.size() == size - 1) {
                closeQuietly(server); // every rank is in: nothing more to accept
            }
        } catch (IOException e) {
            closeQuietly(s); // not one of the job's ranks: dropped, the job goes on
            return;
        }
        daemon(() -> beat(s), "abort-heartbeat");
        watchPeer(s, in, peer, who);
    }

    /** On rank 0: one rank's connection, until it is done, fails, dies or falls silent. */
    private void watchPeer(Socket s, DataInputStream in, int peer, String who) {
        String line;
        try {
            s.setSoTimeout(ROOT_SILENCE_MILLIS);
            while (true) {
                int b = in.read();
                if (b == HEARTBEAT) {
                    continue;
                }
                if (b == DONE) {
                    othersDone.countDown();
                    return;
                }
                if (b == FAIL) {
                    String relayed = in.readUTF();
                    Failure.halt(Failure.EXIT_FAILURE, relayed.isEmpty() ? null : relayed); // then stops the others
                }
                line = "error: " + who + " ended before the job finished: killed or crashed"
                        + " (its connection closed without a word)";
                break;
            }
        } catch (SocketTimeoutException e) {
            line = "error: " + who + " lost: not heard from for " + ROOT_SILENCE_MILLIS / 1000
                    + " s (its host down or cut off)";
        } catch (IOException e) {
            line = "error: " + who + " ended before the job finished: killed or crashed (" + e.getMessage() + ")";
        }
        if (!finished) {
            Failure.halt(Failure.EXIT_FAILURE, line);
        }
    }

    /** On other ranks: rank 0 says stop, or its connection breaks or falls silent. */
    private void watchRoot() {
        String line;
        try {
            toRoot.setSoTimeout(RANK_SILENCE_MILLIS);
            reading:
            while (true) {
                int b = toRoot.getInputStream().read();
                switch (b) {
                    case HEARTBEAT:
                        continue;
                    case ABORT:
                        line = null; // rank 0 reported
                        break reading;
                    default:
                        line = "error: " + rootWho + " ended before the job finished: killed or crashed"
                                + " (its connection closed without a word)";
                        break reading;
                }
            }
        } catch (SocketTimeoutException e) {
            line = "error: " + rootWho + " lost: not heard from for " + RANK_SILENCE_MILLIS / 1000
                    + " s (its host down or cut off)";
        } catch (IOException e) {
            line = "error: " + rootWho + " ended before the job finished: killed or crashed (" + e.getMessage() + ")";
        }
        if (!finished) {
            Failure.halt(Failure.EXIT_FAILURE, line);
        }
    }

    /** Tells the other end this JVM is alive, every second until the job is done. */
    private void beat(Socket s) {
        try {
            while (!finished && !s.isClosed()) {
                synchronized (s) {
                    s.getOutputStream().write(HEARTBEAT);
                    s.getOutputStream().flush();
                }
                Thread.sleep(HEARTBEAT_MILLIS);
            }
        } catch (IOException e) {
            // the watcher of this connection reports it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void abortOthers() {
        for (Socket s : peers.values()) {
            // From a thread of its own: a write to a lost rank may block, and must not delay the halt.
            Thread t = new Thread(() -> {
                try {
                    synchronized (s) {
                        s.getOutputStream().write(ABORT);
                        s.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    // that rank is gone already
                }
            }, "abort-send");
            t.setDaemon(true);
            t.start();
            try {
                t.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "?";
        }
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closed
        }
    }

    static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
