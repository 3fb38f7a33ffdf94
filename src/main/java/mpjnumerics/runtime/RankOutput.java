package mpjnumerics.runtime;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import mpjnumerics.report.Stdout;

/**
 * A cluster job's output, kept apart from MPJ Express's. MPJ's daemons merge a rank JVM's
 * stdout and stderr and its starter adds lines of its own, so nothing in that stream says
 * which line was which. Instead each rank JVM writes its stdout and stderr to two files of its
 * own in the job's folder ({@link #redirect}), and the launcher runs {@link #main}, which
 * copies every whole line of those files, as it comes, to its own stdout or stderr, and reads
 * MPJ's stream on its stdin: MPJ's banner lines go, anything else there (what a JVM says
 * before the program starts: an unknown option, a missing class, a warning) goes to stderr.
 */
public final class RankOutput {
    /** A line longer than this is passed on in pieces. */
    private static final int MAX_LINE = 64 * 1024;
    private static final long POLL_MILLIS = 50;

    private static final String REDIRECTED = "mpjnumerics.outputRedirected";
    private static PrintStream originalOut;
    private static PrintStream originalErr;

    private RankOutput() {}

    /**
     * In a rank JVM of a niodev or hybdev job: System.out, System.err and the job's stdout go to
     * files {@code out/HOST-PID.1} and {@code .2} in the job's folder (beside the status file).
     * False, and nothing changed, where there is no such folder (a rank started by hand).
     */
    public static boolean redirect() {
        Path dir = Failure.jobHome();
        if (dir == null || !Files.isDirectory(dir.resolve("out"))
                || System.getProperties().putIfAbsent(REDIRECTED, "yes") != null) {
            return false; // none, or done once for this JVM (hybdev: a rank entry per rank thread)
        }
        String id = host() + "-" + ProcessHandle.current().pid();
        try {
            FileOutputStream out = new FileOutputStream(dir.resolve("out").resolve(id + ".1").toFile(), true);
            FileOutputStream err = new FileOutputStream(dir.resolve("out").resolve(id + ".2").toFile(), true);
            originalOut = System.out;
            originalErr = System.err;
            System.setOut(new PrintStream(new java.io.BufferedOutputStream(out, 8192), true));
            System.setErr(new PrintStream(new java.io.BufferedOutputStream(err, 8192), true));
            System.setProperty(Stdout.FILE, dir.resolve("out").resolve(id + ".1").toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.flush();
                System.err.flush();
            }, "output-flush"));
        } catch (IOException e) {
            return false;
        }
        System.setProperty(Failure.LAUNCHER_REPORTS, "yes");
        return true;
    }

    /**
     * The program has returned: what is printed from now on is MPJ's (its wrapper's "Stopping
     * Process" line), back on the stream MPJ's starter reads and drops.
     */
    public static void restore() {
        if (originalOut != null) {
            System.out.flush();
            System.err.flush();
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "_");
        } catch (IOException e) {
            return "host";
        }
    }

    /**
     * {@code RankOutput DIR MACHINES}: copies the ranks' files in DIR to this process's stdout
     * and stderr, whole lines at a time, until MPJ's stream on stdin ends (the starter is gone),
     * then what is left; meanwhile watches the rank JVMs on the hosts of the machines file
     * ({@link JobWatch}). Exits 141 when stdout's reader has gone, 1 when stdout fails otherwise.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: RankOutput DIR MACHINES <mpj-output");
            System.exit(Failure.EXIT_USAGE);
        }
        Path dir = Path.of(args[0]);
        try {
            JobWatch.serve(dir.toAbsolutePath().getParent(), hosts(Path.of(args[1])));
        } catch (IOException | RuntimeException e) {
            // the output still matters more: the job runs on as it would have before the watch
            System.err.println("warning: the job's rank JVMs are not watched (" + e.getMessage()
                    + "): a rank killed or lost may leave the others waiting");
        }
        Sink out = new Sink(new FileOutputStream(FileDescriptor.out));
        Sink err = new Sink(new FileOutputStream(FileDescriptor.err));
        Thread mpj = new Thread(() -> mpjStream(err), "mpj-output");
        mpj.setDaemon(true);
        mpj.start();
        Map<Path, Source> sources = new TreeMap<>();
        try {
            while (mpj.isAlive()) {
                copy(dir, sources, out, err);
                mpj.join(POLL_MILLIS);
            }
            copy(dir, sources, out, err);
            for (Source s : sources.values()) {
                s.rest();
            }
            JobWatch.settle(1_000);
        } catch (IOException e) {
            boolean gone = e.getMessage() != null && e.getMessage().contains("Broken pipe");
            if (!gone) {
                err.quietly("error: cannot write the job's output: " + e.getMessage() + "\n");
            }
            System.exit(gone ? Failure.EXIT_BROKEN_PIPE : Failure.EXIT_FAILURE);
        }
        System.exit(0);
    }

    /** The machines file's hosts: each line's first word, comments and blank lines left out. */
    static java.util.List<String> hosts(Path machines) throws IOException {
        java.util.List<String> hosts = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(machines)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                hosts.add(t.split("\\s+")[0]);
            }
        }
        return hosts;
    }

    private static void copy(Path dir, Map<Path, Source> sources, Sink out, Sink err) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (!sources.containsKey(f) && (n.endsWith(".1") || n.endsWith(".2"))) {
                    sources.put(f, new Source(f, n.endsWith(".1") ? out : err));
                }
            }
        } catch (IOException e) {
            return; // the folder went with the job: what was read is all there is
        }
        for (Source s : sources.values()) {
            s.read();
        }
    }

    /** MPJ's own lines on stdin: its banner dropped, the rest to stderr. */
    private static void mpjStream(Sink err) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!isBanner(line)) {
                    err.quietly(line + "\n");
                }
            }
        } catch (IOException e) {
            // the starter's stream ended
        }
    }

    /**
     * The lines MPJ's starter and daemons add to every run, and the header its failure
     * prints (the launcher reports that failure in one line of its own).
     */
    static boolean isBanner(String line) {
        return line.startsWith("MPJ Express (") && line.contains(") is started in the ")
                || line.equals(" rest of the exceptions ")
                || line.startsWith("Starting process <") || line.startsWith("Stopping Process <")
                || line.equals("EXIT@Ping#") || line.isEmpty();
    }

    /** One of the process's own streams: whole writes, one at a time. */
    private static final class Sink {
        private final OutputStream fd;

        Sink(OutputStream fd) {
            this.fd = fd;
        }

        synchronized void write(byte[] b, int off, int len) throws IOException {
            fd.write(b, off, len);
        }

        void quietly(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            try {
                write(b, 0, b.length);
            } catch (IOException e) {
                // stderr is gone: nothing to tell anyone
            }
        }
    }

    /** One rank JVM's stdout or stderr file, read as it grows; passes on whole lines. */
    private static final class Source {
        private final Path file;
        private final Sink sink;
        private long offset;
        private byte[] pending = new byte[0];

        Source(Path file, Sink sink) {
            this.file = file;
            this.sink = sink;
        }

        void read() throws IOException {
            byte[] fresh;
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long size = f.length();
                if (size <= offset) {
                    return;
                }
                fresh = new byte[(int) Math.min(size - offset, 1 << 20)];
                f.seek(offset);
                f.readFully(fresh);
            } catch (IOException e) {
                return; // removed with the job's folder
            }
            offset += fresh.length;
            byte[] all = pending.length == 0 ? fresh : concat(pending, fresh);
            int end = all.length;
            while (end > 0 && all[end - 1] != '\n') {
                end--;
            }
            if (end == 0 && all.length >= MAX_LINE) {
                end = all.length;
            }
            if (end > 0) {
                sink.write(all, 0, end);
            }
            pending = Arrays.copyOfRange(all, end, all.length);
        }

        /** The last bytes, a line without its newline, as they are. */
        void rest() throws IOException {
            if (pending.length > 0) {
                sink.write(pending, 0, pending.length);
                pending = new byte[0];
            }
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }
    }
}
