package mpjnumerics.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * The meeting point of a daemon-free niodev job (ranks started by {@code srun}, not by MPJ's
 * daemons): answers the exchange MPJ's starter would. Each rank's niodev connects, sends
 * {@code writeUTF("Sending Info")}, its two ports and its rank; once all N have come, each
 * gets {@code "#Peer Information;ip@rport@wport@rank@0;..."} listing every rank in rank order.
 *
 * <pre>java -cp mpj-numerics.jar mpjnumerics.runtime.Rendezvous --ranks N [--port P] [--timeout S]</pre>
 * Prints the port it listens on (first line of stdout), exits 0 when every rank has its list,
 * 1 when ranks fail to arrive in time (default 120 s), 2 on a usage error.
 */
public final class Rendezvous {
    /** niodev's threshold between eager and rendezvous messages, as MPJ's starter sets it. */
    static final int PROTOCOL_SWITCH_LIMIT = 131072;

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
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--ranks" -> ranks = Integer.parseInt(value);
                    case "--port" -> port = Integer.parseInt(value);
                    case "--timeout" -> timeoutSeconds = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
                i++;
            }
            if (ranks < 1 || port < 0 || port > 65535 || timeoutSeconds < 1) {
                throw new IllegalArgumentException("need --ranks N >= 1, --port 0..65535, --timeout S >= 1");
            }
        } catch (RuntimeException e) { // NumberFormatException, a missing value, a bad option
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: Rendezvous --ranks N [--port P] [--timeout SECONDS]");
            System.exit(2);
        }
        try (ServerSocket server = new ServerSocket(port)) {
            System.out.println(server.getLocalPort());
            System.out.flush();
            serve(server, ranks, timeoutSeconds * 1000L);
        } catch (IOException | IllegalStateException e) {
            System.err.println("error: rendezvous: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Collects {@code ranks} registrations and sends every rank the full list. */
    static void serve(ServerSocket server, int ranks, long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Peer[] peers = new Peer[ranks];
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int arrived = 0; arrived < ranks; ) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new IllegalStateException(arrived + " of " + ranks + " ranks arrived in "
                        + timeoutMillis / 1000 + " s");
                }
                server.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                Socket s;
                try {
                    s = server.accept();
                } catch (SocketTimeoutException e) {
                    continue; // the deadline check above reports it
                }
                sockets.add(s);
                s.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                if (!in.readUTF().startsWith("Sending Info")) {
                    throw new IllegalStateException("a connection from " + s.getInetAddress() + " is not a niodev rank");
                }
                int writePort = in.readInt();
                int readPort = in.readInt();
                int rank = in.readInt();
                if (rank < 0 || rank >= ranks || peers[rank] != null) {
                    throw new IllegalStateException("rank " + rank + " is out of range or came twice (job of " + ranks + ")");
                }
                peers[rank] = new Peer(s.getInetAddress().getHostAddress(), writePort, readPort, rank);
                arrived++;
            }
            String info = peerInformation(peers);
            for (Socket s : sockets) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeUTF(info);
                out.flush();
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
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
}
