package mpjnumerics.runtime;

import mpjnumerics.report.Stdout;
import mpjnumerics.report.TempFiles;

/**
 * Ends the whole job when a rank fails. MPJ Express 0.44 cannot (Comm.Abort is empty, and
 * other ranks wait forever in a collective), so a failing rank prints one line and halts its
 * JVM with status 1. In the multicore device that JVM is the whole job; in the cluster
 * devices the launcher sees the rank's exit and stops the rest.
 */
public final class Failure {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    /** 128 + SIGPIPE, what `seq | head -1` reports for seq. */
    public static final int EXIT_BROKEN_PIPE = 141;
    /**
     * Ranks of the multicore device are threads with class loaders of their own, so a static
     * flag would not be shared; the system properties are.
     */
    private static final String FAILED = "mpjnumerics.failed";
    private static final long LAST_WORDS_MILLIS = 300;
    private static final String EXIT_WATCH = "mpjnumerics.exitWatch";
    /** A rank JVM's rank, where it has one rank (niodev, srun): set by the rank entry. */
    public static final String RANK_PROPERTY = "mpjnumerics.rank";
    /** Set where the launcher prints the failure line from the status file (niodev, hybdev). */
    public static final String LAUNCHER_REPORTS = "mpjnumerics.launcherReports";
    /** Prefix of the multicore ranks' exit statuses (a rank that called System.exit outside MPI). */
    public static final String RANK_EXIT = "mpjnumerics.rankExit.";
    /** Set in the one JVM of a multicore job: ranks are threads. */
    public static final String MULTICORE = "mpjnumerics.multicore";

    /**
     * Called with the failure line before this rank halts (cluster devices: tell rank 0);
     * true when rank 0 took the line over and will print it.
     */
    private static volatile java.util.function.Predicate<String> onAbort;

    /**
     * Run by the first halt of this JVM once its line is out (rank 0 of a cluster job: stop the
     * other ranks). Only then: a rank stopped earlier could take the halt, and the line, over.
     */
    private static volatile Runnable beforeHalt;

    private Failure() {}

    static void onAbort(java.util.function.Predicate<String> hook) {
        onAbort = hook;
    }

    static void beforeHalt(Runnable action) {
        beforeHalt = action;
    }

    /**
     * Reports rank's failure (first failing rank only) and halts with status 1; stdout's reader
     * gone ends the job quietly, with the status a shell gives a process SIGPIPE killed.
     */
    public static void abort(int rank, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Stdout.Failed f) {
                if (f.readerGone()) {
                    halt(EXIT_BROKEN_PIPE, null);
                }
                fail("error: rank " + rank + " " + f.getMessage());
            }
        }
        fail("error: rank " + rank + " failed: " + describe(t));
    }

    /** Reports a rank's failure line, tells the other ranks where they live apart, halts with 1. */
    static void fail(String line) {
        java.util.function.Predicate<String> hook = onAbort;
        boolean relayed = hook != null && !failed() && hook.test(line);
        if (relayed) {
            sleepQuietly(2_000); // rank 0 prints the line and ends the job, this JVM included
        }
        halt(EXIT_FAILURE, relayed ? null : line);
    }

    /**
     * Makes System.exit in a rank thread (named rank-N) a failure of the job, reported with the
     * rank's number: several ranks may share this JVM, and the exit ends all of them. Once per JVM.
     */
    public static void watchExits() {
        if (System.getProperties().putIfAbsent(EXIT_WATCH, "on") == null) {
            Runtime.getRuntime().addShutdownHook(new Thread(Failure::onExit, "exit-watch"));
        }
    }

    /**
     * Every rank of this JVM has finished: an exit from here on is the job's own, and the exit
     * watch need not look (its scan of every thread's stack cost up to 15 ms at each exit).
     */
    public static void ranksFinished() {
        System.setProperty(EXIT_WATCH, "done");
    }

    /** Whether every rank of this JVM has finished ({@link #ranksFinished}). */
    static boolean ranksDone() {
        return "done".equals(System.getProperty(EXIT_WATCH));
    }

    /**
     * The launcher that started this rank JVM is gone (killed, or it stopped the job): nobody
     * waits for this rank any more. Halts unless the rank has finished.
     */
    public static void launcherGone() {
        if (!ranksDone()) {
            halt(EXIT_FAILURE, null);
        }
    }

    private static void onExit() {
        if (failed() || "done".equals(System.getProperty(EXIT_WATCH))) {
            return;
        }
        for (var e : Thread.getAllStackTraces().entrySet()) {
            String name = e.getKey().getName();
            if (!name.matches("rank-\\d+")) {
                continue;
            }
            for (StackTraceElement f : e.getValue()) {
                if (f.getClassName().equals("java.lang.Runtime") && f.getMethodName().equals("exit")) {
                    fail("error: " + name.replace('-', ' ') + " called System.exit before the job finished");
                }
            }
        }
    }

    /**
     * A rank of a user's program called System.exit outside MPI (before Init or after
     * Finalize): that rank ends with {@code status}. In the multicore device the JVM is every
     * rank's, so the rank's thread records its status for the launcher and waits for the end
     * of the job; a rank in a JVM of its own records it for mpjrun.sh and exits. Never returns.
     */
    public static void rankExited(int rank, int status, String line) {
        System.out.flush();
        System.err.flush();
        if (System.getProperty(MULTICORE) != null && rank >= 0) {
            System.setProperty(RANK_EXIT + rank, status + "\t" + line);
            while (true) {
                sleepQuietly(60_000); // the launcher ends the JVM once every rank has ended
            }
        }
        if (status != 0) {
            recordStatus(status, line);
            if (System.getProperty(LAUNCHER_REPORTS) == null) {
                System.err.println(line);
                System.err.flush();
            }
        }
        ranksFinished();
        TempFiles.deleteAll();
        Runtime.getRuntime().exit(status);
    }

    /** A usage problem found after MPJ started: rank 0 reports it, every rank exits 2. */
    public static void usage(int rank, String message) {
        if (rank == 0) {
            halt(EXIT_USAGE, "error: " + message);
        }
        // Other ranks give rank 0 time to report (in multicore its halt ends them all).
        sleepQuietly(5_000);
        halt(EXIT_USAGE, null);
    }

    /** Prints {@code line} (unless another rank already failed) and halts. */
    public static void halt(int status, String line) {
        if (status == EXIT_FAILURE && System.getProperty(StopSignals.STOPPING) != null) {
            // A rank told to stop loses rank 0, which wrote the checkpoint and ended: the job's end, not a failure.
            status = StopSignals.EXIT_CHECKPOINTED;
            line = null;
        }
        boolean first = System.getProperties().putIfAbsent(FAILED, "yes") == null;
        System.out.flush();
        if (first) {
            recordStatus(status, line);
            markHalted();
        }
        if (first && line != null && System.getProperty(LAUNCHER_REPORTS) == null) {
            System.err.println(line);
            System.err.flush();
            if (onAbort != null) {
                // Under MPJ's daemons a process's last output is forwarded asynchronously: give
                // the line a moment to leave before the JVM ends.
                sleepQuietly(LAST_WORDS_MILLIS);
            }
        }
        System.err.flush();
        if (!first) {
            // Another rank is already halting this JVM with its own status: let it.
            sleepQuietly(10_000);
        }
        TempFiles.deleteAll();
        Runnable action = beforeHalt;
        if (action != null) {
            action.run();
        }
        Runtime.getRuntime().halt(status);
    }

    /**
     * Appends "status TAB line" to the file named by -Dmpjnumerics.statusFile (mpjrun.sh sets
     * one per cluster job, on the shared file system): MPJ's daemons forward a dying rank's
     * output asynchronously and may drop its last line, while the launcher must still exit
     * with the job's true status. Best effort: the line on stderr remains the first report.
     */
    static void recordStatus(int status, String line) {
        String file = System.getProperty("mpjnumerics.statusFile");
        if (file == null || status == 0) {
            return;
        }
        try (java.io.FileOutputStream out = new java.io.FileOutputStream(file, true)) {
            out.write((status + "\t" + (line == null ? "" : line) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.getFD().sync();
        } catch (java.io.IOException | SecurityException e) {
            // the stderr line and the exit status are still there
        }
    }

    /**
     * Beside the status file: made by the first rank JVM to halt (a failure, a stop, a usage
     * error). The other rank JVMs of the job look for it ({@link LauncherWatch}) and halt too,
     * so a program that opens no abort channel (anyone's own MPJ program) still ends at once.
     */
    static final String HALTED_FILE = "halted";

    static void markHalted() {
        mark(HALTED_FILE);
    }

    /** The job's MPJ home, the folder of -Dmpjnumerics.statusFile (mpjrun.sh's, cluster devices); null without one. */
    static java.nio.file.Path jobHome() {
        String file = System.getProperty("mpjnumerics.statusFile");
        return file == null ? null : java.nio.file.Path.of(file).toAbsolutePath().getParent();
    }

    /** Creates the empty file {@code name} in the job's MPJ home, if there is one and it is not there yet. */
    static void mark(String name) {
        java.nio.file.Path home = jobHome();
        if (home == null) {
            return;
        }
        try {
            java.nio.file.Files.createFile(home.resolve(name));
        } catch (java.io.IOException | RuntimeException e) {
            // made by another rank already, or the job's home is gone: the job ends either way
        }
    }

    /** Another rank JVM of the job halted: this one follows, unless its rank had finished. */
    static void anotherHalted() {
        if (!failed() && !ranksDone()) {
            halt(EXIT_FAILURE, null);
        }
    }

    /** This thread's rank once MPI.Init named it (rank-N), else {@code fallback}. */
    public static int rankOfThisThread(int fallback) {
        String name = Thread.currentThread().getName();
        return name.matches("rank-\\d+(-done)?") ? Integer.parseInt(name.replaceAll("\\D", "")) : fallback;
    }

    public static boolean failed() {
        return System.getProperty(FAILED) != null;
    }

    /** One line for a throwable: its class and message, and the root cause if different. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String s = name(t);
        if (root != t) {
            s += " (caused by " + name(root) + ")";
        }
        return s.replace('\n', ' ');
    }

    private static String name(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
