package mpjnumerics.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * The meeting point of a daemon-free niodev job (ranks started by {@code srun}, not by MPJ's
 * daemons): does the exchange MPJ's starter would, for connections that prove they belong to
 * the job ({@link JobSecret}). Each rank sends its two niodev ports and its rank; once all N
 * have come, each gets {@code "#Peer Information;ip@rport@wport@rank@0;..."} listing every
 * rank in rank order.
 *
 * <p>niodev itself cannot prove anything, so a rank does not let its niodev talk to the
 * rendezvous: {@link #proxy} stands in for it on the rank's loopback address, does the proven
 * exchange, and hands niodev the list. The ranks keep their connection to the rendezvous, which
 * lives as long as the launcher (mpjrun.sh, its parent): when it goes, the ranks see the
 * connection close and stop.
 *
 * <pre>MPJ_NUMERICS_SECRET=HEX java -cp mpj-numerics.jar mpjnumerics.runtime.Rendezvous --ranks N [--bind HOST] [--port P] [--timeout S]</pre>
 * Prints the port it listens on (first line of stdout); exits 0 when its parent has gone after
 * every rank got its list, 1 when ranks fail to arrive in time (default 120 s), 2 on a usage
 * error.
 */
public final class Rendezvous {
    /** niodev's threshold between eager and rendezvous messages, as MPJ's starter sets it. */
    static final int PROTOCOL_SWITCH_LIMIT = 131072;
    static final String PURPOSE = "rendezvous";
    /** A connection that has not proved itself and registered by then is dropped. */
    static final int REGISTER_MILLIS = 2_000;
    private static final String GREETING = "Sending Info";

    private Rendezvous() {}

    /** The configuration string a rank's niodev reads in place of a conf file: meet at host:port. */
    public static String niodevConf(int ranks, String host, int port) {
        return "#Number of Processes;" + ranks + ";#Protocol Switch Limit;" + PROTOCOL_SWITCH_LIMIT
            + ";#Server Name;" + host + ";#Server Port;" + port;
    }

    /** One rank's registration. */
    record Peer(String address, int writePort, int readPort, int rank) {
        String entry() {
            return address + "@" + readPort + "@" + writePort + "@" + rank + "@0";
        }
    }

    public static void main(String[] args) {
        int ranks = 0;
        int port = 0;
        int timeoutSeconds = 120;
        String bind = null;
        JobSecret secret = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--ranks" -> ranks = Integer.parseInt(value);
                    case "--port" -> port = Integer.parseInt(value);
                    case "--timeout" -> timeoutSeconds = Integer.parseInt(value);
                    case "--bind" -> bind = value;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
                i++;
            }
            if (ranks < 1 || port < 0 || port > 65535 || timeoutSeconds < 1) {
                throw new IllegalArgumentException("need --ranks N >= 1, --port 0..65535, --timeout S >= 1");
            }
            secret = JobSecret.fromLauncher().orElseThrow(() ->
                new IllegalArgumentException("no job secret in " + JobSecret.ENV));
        } catch (RuntimeException e) { // NumberFormatException, a missing value, a bad option
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: " + JobSecret.ENV + "=HEX Rendezvous --ranks N [--bind HOST] [--port P] [--timeout SECONDS]");
            System.exit(2);
        }
        ProcessHandle launcher = ProcessHandle.current().parent().orElse(null);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(bind == null ? null : InetAddress.getByName(bind), port));
            System.out.println(server.getLocalPort());
            System.out.flush();
            List<Socket> ranksIn = serve(server, ranks, timeoutSeconds * 1000L, secret, launcher);
            // The ranks watch these connections: they stay open while the launcher lives.
            while (launcher == null || launcher.isAlive()) {
                Thread.sleep(500);
            }
            for (Socket s : ranksIn) {
                s.close();
            }
        } catch (IOException | IllegalStateException e) {
            System.err.println("error: rendezvous: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    /**
     * Collects {@code ranks} proven registrations and sends every rank the full list; returns
     * the ranks' connections, still open, and closes {@code server}. Each connection is read on
     * its own thread: one that does not prove itself is dropped and delays nobody. Throws when
     * the ranks are not all in within {@code timeoutMillis}, a rank comes twice, or
     * {@code launcher} (when given) ends first.
     */
    static List<Socket> serve(ServerSocket server, int ranks, long timeoutMillis, JobSecret secret,
            ProcessHandle launcher) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Peer[] peers = new Peer[ranks];
        Socket[] sockets = new Socket[ranks];
        String[] problem = new String[1];
        int[] arrived = new int[1];
        Object lock = new Object();
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return; // closed: every rank is in, or the rendezvous gave up
                }
                Thread t = new Thread(() -> register(s, secret, ranks, peers, sockets, problem, arrived, lock), "rendezvous-peer");
                t.setDaemon(true);
                t.start();
            }
        }, "rendezvous-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        try {
            synchronized (lock) {
                while (arrived[0] < ranks && problem[0] == null) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new IllegalStateException(arrived[0] + " of " + ranks + " ranks arrived in "
                            + timeoutMillis / 1000 + " s");
                    }
                    if (launcher != null && !launcher.isAlive()) {
                        throw new IllegalStateException("the launcher ended before the ranks arrived");
                    }
                    lock.wait(Math.min(left, 500));
                }
                if (problem[0] != null) {
                    throw new IllegalStateException(problem[0]);
                }
            }
            server.close();
            String info = peerInformation(peers);
            for (Socket s : sockets) {
                s.setSoTimeout(0);
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeUTF(info);
                out.flush();
            }
            return List.of(sockets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (IOException | RuntimeException e) {
            server.close();
            for (Socket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
            throw e;
        }
    }

    private static void register(Socket s, JobSecret secret, int ranks, Peer[] peers, Socket[] sockets,
            String[] problem, int[] arrived, Object lock) {
        try {
            secret.prove(s, PURPOSE, REGISTER_MILLIS, true);
            s.setSoTimeout(REGISTER_MILLIS);
            DataInputStream in = new DataInputStream(s.getInputStream());
            int writePort = in.readInt();
            int readPort = in.readInt();
            int rank = in.readInt();
            synchronized (lock) {
                if (rank < 0 || rank >= ranks || peers[rank] != null) {
                    // A proven peer is one of the job's: this is a launch gone wrong, not a stranger.
                    problem[0] = "rank " + rank + " is out of range or came twice (job of " + ranks + ")";
                } else {
                    peers[rank] = new Peer(s.getInetAddress().getHostAddress(), writePort, readPort, rank);
                    sockets[rank] = s;
                    arrived[0]++;
                }
                lock.notifyAll();
            }
        } catch (IOException e) {
            try {
                s.close(); // a stranger, or silent too long: dropped, the job goes on
            } catch (IOException ignored) {
                // closed anyway
            }
        }
    }

    static String peerInformation(Peer[] peers) {
        StringBuilder sb = new StringBuilder("#Peer Information");
        for (Peer p : peers) {
            sb.append(';').append(p.entry());
        }
        return sb.toString();
    }

    /**
     * A rank's stand-in for the rendezvous: listens on loopback for this JVM's niodev, does the
     * proven exchange with the rendezvous at {@code host:port} on its behalf and hands it the
     * list; then keeps the connection and calls {@code launcherGone} if the rendezvous goes.
     * Returns the loopback port for niodev's configuration.
     */
    public static int proxy(String host, int port, int rank, JobSecret secret, int timeoutSeconds, Runnable launcherGone)
            throws IOException {
        ServerSocket local = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                relay(local, host, port, rank, secret, timeoutSeconds, launcherGone);
            } catch (IOException | RuntimeException e) {
                Failure.halt(Failure.EXIT_FAILURE, "error: rank " + rank + " cannot join the job at the rendezvous "
                    + host + ":" + port + ": " + Failure.describe(e));
            }
        }, "rendezvous-proxy");
        t.setDaemon(true);
        t.start();
        return local.getLocalPort();
    }

    private static void relay(ServerSocket local, String host, int port, int rank, JobSecret secret, int timeoutSeconds,
            Runnable launcherGone) throws IOException {
        Socket niodev;
        int writePort;
        int readPort;
        try (local) {
            while (true) {
                niodev = local.accept();
                try {
                    niodev.setSoTimeout(REGISTER_MILLIS);
                    DataInputStream in = new DataInputStream(niodev.getInputStream());
                    if (in.readUTF().startsWith(GREETING)) {
                        writePort = in.readInt();
                        readPort = in.readInt();
                        if (in.readInt() == rank) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    // not this rank's niodev: wait for it
                }
                niodev.close();
            }
        }
        Socket remote = new Socket();
        remote.connect(new InetSocketAddress(host, port), 10_000);
        secret.prove(remote, PURPOSE, 10_000, false);
        DataOutputStream out = new DataOutputStream(remote.getOutputStream());
        out.writeInt(writePort);
        out.writeInt(readPort);
        out.writeInt(rank);
        out.flush();
        remote.setSoTimeout(timeoutSeconds * 1000);
        String info;
        try {
            info = new DataInputStream(remote.getInputStream()).readUTF();
        } catch (SocketTimeoutException e) {
            throw new IOException("no list of ranks within " + timeoutSeconds + " s");
        }
        try (Socket toClose = niodev) {
            DataOutputStream toNiodev = new DataOutputStream(toClose.getOutputStream());
            toNiodev.writeUTF(info);
            toNiodev.flush();
        }
        remote.setSoTimeout(0);
        try {
            while (remote.getInputStream().read() >= 0) {
                // nothing is sent: the connection only says the launcher is there
            }
        } catch (IOException e) {
            // gone all the same
        }
        launcherGone.run();
    }

    /** For tests and tools: the proven registration of one rank, returning its list. */
    static String registerAs(String host, int port, JobSecret secret, int rank, int writePort, int readPort)
            throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 10_000);
            secret.prove(s, PURPOSE, 10_000, false);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(writePort);
            out.writeInt(readPort);
            out.writeInt(rank);
            out.flush();
            return new DataInputStream(s.getInputStream()).readUTF();
        }
    }
}
