package mpjnumerics.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mpjnumerics.report.AtomicFile;

/**
 * Watches every rank JVM of a niodev or hybdev job from the launcher's side, whatever program
 * it runs: the {@link AbortChannel} needs the program to call into the project after
 * MPI.Init, which anyone's own MPJ program does not. The launcher's output collector
 * ({@link RankOutput#main}) listens on a free port and names it in a file of the job's MPJ
 * home; each rank JVM connects, proves the job's secret, says who it is, sends a heartbeat
 * each second and a last byte when it exits. A connection that closes without that byte (the
 * JVM was killed or crashed) or falls silent (its host was lost) becomes the job's failure:
 * its line in the status file, and the mark that makes every other rank JVM halt
 * ({@link Failure#HALTED_FILE}, read by {@link LauncherWatch}).
 */
public final class JobWatch {
    /** In the job's MPJ home: "ADDRESS PORT" of the launcher's watch. */
    static final String FILE = "watch";
    private static final String PURPOSE = "job watch";
    private static final byte HEARTBEAT = 'H';
    private static final byte EXITED = 'E';
    private static final long FIND_MILLIS = 10_000;
    private static final String JOINED = "mpjnumerics.jobWatch";
    /** Connections not yet proved: each has a thread, so strangers cannot start many at once. */
    private static final java.util.concurrent.Semaphore HANDSHAKES = new java.util.concurrent.Semaphore(64);
    private static final java.util.concurrent.atomic.AtomicInteger LIVE = new java.util.concurrent.atomic.AtomicInteger();

    private JobWatch() {}

    /**
     * The launcher's side, for the job whose MPJ home is {@code home} on the hosts of
     * {@code machines}: listens on the address by which this host reaches them (loopback when
     * they are all this one), answers only the job's ranks.
     */
    static void serve(Path home, List<String> machines) throws IOException {
        JobSecret secret = JobSecret.read(home.resolve("secret"));
        System.setProperty("mpjnumerics.statusFile", home.resolve("status").toString());
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(bindAddress(machines), 0));
        AtomicFile.write(home.resolve(FILE), server.getInetAddress().getHostAddress() + " " + server.getLocalPort() + "\n");
        AbortChannel.daemon(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    if (!HANDSHAKES.tryAcquire()) {
                        AbortChannel.closeQuietly(s); // a flood of strangers: the job's ranks come back in a moment
                        continue;
                    }
                    LIVE.incrementAndGet();
                    AbortChannel.daemon(() -> {
                        try {
                            watch(s, secret, home);
                        } finally {
                            LIVE.decrementAndGet();
                        }
                    }, "watch-rank");
                }
            } catch (IOException e) {
                // the collector is ending
            }
        }, "watch-accept");
    }

    /**
     * The launcher's side, as the job ends: waits up to {@code millis} for the watch of each
     * rank JVM to conclude, so that one killed as the job ends is still recorded.
     */
    static void settle(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (LIVE.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    /** The first address other than loopback by which this host reaches one of {@code machines}, else loopback. */
    static InetAddress bindAddress(List<String> machines) {
        for (String host : machines) {
            InetAddress a = AbortChannel.addressTowards(host);
            if (!a.isLoopbackAddress() && !a.isAnyLocalAddress()) {
                return a;
            }
        }
        return InetAddress.getLoopbackAddress();
    }

    private static void watch(Socket s, JobSecret secret, Path home) {
        String who;
        DataInputStream in;
        try {
            s.setTcpNoDelay(true);
            secret.prove(s, PURPOSE, AbortChannel.HANDSHAKE_MILLIS, true);
            s.setSoTimeout(AbortChannel.HANDSHAKE_MILLIS);
            in = new DataInputStream(s.getInputStream());
            who = in.readUTF();
        } catch (IOException e) {
            AbortChannel.closeQuietly(s); // not one of the job's ranks, or one that exited as it joined
            return;
        } finally {
            HANDSHAKES.release();
        }
        String line;
        try {
            s.setSoTimeout(AbortChannel.ROOT_SILENCE_MILLIS);
            int b;
            do {
                b = in.read();
            } while (b == HEARTBEAT);
            if (b == EXITED) {
                return;
            }
            line = who + " ended before the job finished: killed or crashed";
        } catch (SocketTimeoutException e) {
            line = who + " lost: not heard from for " + AbortChannel.ROOT_SILENCE_MILLIS / 1000
                    + " s (its host down or cut off)";
        } catch (IOException e) {
            line = who + " ended before the job finished: killed or crashed (" + e.getMessage() + ")";
        } finally {
            AbortChannel.closeQuietly(s);
        }
        // A rank that halted the job said why itself; a job whose home is gone has ended.
        if (Files.isDirectory(home) && !Files.exists(home.resolve(Failure.HALTED_FILE))) {
            Failure.recordStatus(Failure.EXIT_FAILURE, "error: " + line);
            Failure.markHalted();
        }
    }

    /**
     * A rank JVM's side, once per JVM, in the background: finds the launcher's watch in the
     * job's MPJ home, joins it as {@code who} (its rank, or its host's ranks under hybdev),
     * and keeps it told until the JVM exits. An exit before its rank finished (SIGTERM, say)
     * is told as none, so that it ends the job, unless {@code anyExitEnds} (hybdev, whose
     * JVM's ranks cannot be told apart here). Without a watch (a rank started by hand) nothing.
     */
    static void join(Path home, String who, boolean anyExitEnds) {
        if (System.getProperties().putIfAbsent(JOINED, "yes") != null) {
            return;
        }
        Object lock = new Object();
        Socket[] joined = {null};
        boolean[] exiting = {false};
        // Registered before joining: a JVM that exits while it joins must not look killed.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (lock) {
                exiting[0] = true;
                if (joined[0] != null && (anyExitEnds || Failure.ranksDone())) {
                    send(joined[0], EXITED);
                }
            }
        }, "watch-exit"));
        AbortChannel.daemon(() -> {
            Socket s = null;
            try {
                // named before it connects: a slow look-up of the host's name must not outlast the handshake
                String name = who + " (pid " + ProcessHandle.current().pid() + " on " + AbortChannel.localHostName() + ")";
                s = connect(home);
                if (s == null) {
                    return;
                }
                synchronized (lock) {
                    if (exiting[0]) {
                        AbortChannel.closeQuietly(s); // unnamed: the watch drops it as it would a stranger
                        return;
                    }
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    out.writeUTF(name);
                    out.flush();
                    joined[0] = s;
                }
                while (send(s, HEARTBEAT)) {
                    Thread.sleep(AbortChannel.HEARTBEAT_MILLIS);
                }
            } catch (IOException | RuntimeException e) {
                if (s != null && joined[0] == null) {
                    AbortChannel.closeQuietly(s);
                } // no watch for this JVM: the launcher-gone poll still ends it with the job
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watch-join");
    }

    private static Socket connect(Path home) throws IOException, InterruptedException {
        Path file = home.resolve(FILE);
        long end = System.nanoTime() + FIND_MILLIS * 1_000_000;
        while (!Files.exists(file)) {
            if (System.nanoTime() > end || !Files.isDirectory(home)) {
                return null;
            }
            Thread.sleep(50);
        }
        String[] where = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(where[0], Integer.parseInt(where[1])), AbortChannel.HANDSHAKE_MILLIS);
            s.setTcpNoDelay(true);
            JobSecret.fromLauncher().orElseThrow(() -> new IOException("no job secret")).prove(s, PURPOSE,
                    AbortChannel.HANDSHAKE_MILLIS, false);
            return s;
        } catch (IOException | RuntimeException e) {
            AbortChannel.closeQuietly(s);
            throw e;
        }
    }

    private static boolean send(Socket s, byte b) {
        synchronized (s) {
            try {
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
