package mpjnumerics.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stops a rank whose launcher is gone, so that a killed mpjrun.sh leaves no rank behind. On
 * niodev and hybdev the job's MPJ home (the folder of -Dmpjnumerics.statusFile, on the shared
 * file system) exists exactly while mpjrun.sh runs the job: mpjrun.sh removes it when it ends,
 * however it ends (a guard process does it when mpjrun.sh itself is killed). Under srun the
 * rank's connection to the rendezvous plays that part ({@link Rendezvous#proxy}). The same poll
 * takes a stop that mpjrun.sh passes on in a file ({@link #STOP_FILE}), and ends this rank
 * when another rank JVM of the job has halted ({@link Failure#HALTED_FILE}).
 */
public final class LauncherWatch {
    private static final long POLL_MILLIS = 250;

    private LauncherWatch() {}

    /**
     * Once per rank JVM, which joins the launcher's {@link JobWatch} as {@code who}; does
     * nothing without a status file (a rank started by hand).
     */
    public static void start(String who, boolean anyExitEnds) {
        Path home = Failure.jobHome();
        if (home == null || !Files.isDirectory(home)) {
            return;
        }
        JobWatch.join(home, who, anyExitEnds);
        Path stop = home.resolve(STOP_FILE);
        Path halted = home.resolve(Failure.HALTED_FILE);
        Thread t = new Thread(() -> {
            try {
                boolean stopped = false;
                while (Files.isDirectory(home)) {
                    if (!stopped && Files.exists(stop)) {
                        stopped = StopSignals.request(readSignal(stop));
                    }
                    if (Files.exists(halted)) {
                        Failure.anotherHalted();
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                Failure.launcherGone();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "launcher-watch");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Written by mpjrun.sh in the job's MPJ home when it gets SIGTERM or SIGUSR1 for a job with
     * a checkpoint (the signal's name inside): MPJ's daemons pass no signal on to the ranks.
     */
    static final String STOP_FILE = "stop";

    private static String readSignal(Path stop) {
        try {
            return Files.readString(stop).trim();
        } catch (java.io.IOException e) {
            return "TERM";
        }
    }

    /**
     * Marks, in the job's MPJ home, that {@code rank}'s program returned without calling
     * MPI.Init (a usage check that returns early, say). MPJ's starter waits for every rank's
     * Init; mpjrun.sh ends it once every rank has left such a mark.
     */
    public static void endedWithoutMpi(int rank) {
        Failure.mark(NO_MPI_PREFIX + rank);
    }

    /** mpjrun.sh counts these files: one per rank whose program never called MPI.Init. */
    static final String NO_MPI_PREFIX = "no-mpi.";

    /** Set once this JVM's rank has met the others (MPI.Init done, abort channel open). */
    private static final String JOINED = "mpjnumerics.joined";
    static final long JOIN_SECONDS = Long.getLong("mpjnumerics.joinSeconds", 60);

    /**
     * A rank JVM of a cluster job: MPJ's niodev waits forever in MPI.Init for a rank that died
     * or cannot be reached during start-up, before the abort channel can watch it. Halts with
     * a line after {@value #JOIN_SECONDS} s unless {@link #joined} was called by then.
     */
    public static void expectJoin(int rank) {
        Thread t = new Thread(() -> {
            try {
                long end = System.nanoTime() + JOIN_SECONDS * 1_000_000_000L;
                while (System.getProperty(JOINED) == null && System.nanoTime() < end) {
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (System.getProperty(JOINED) == null) {
                Failure.halt(Failure.EXIT_FAILURE, "error: rank " + rank + " could not meet the other ranks within "
                        + JOIN_SECONDS + " s (one of them died or cannot be reached during start-up)");
            }
        }, "join-watch");
        t.setDaemon(true);
        t.start();
    }

    /** This rank has met the others. */
    public static void joined() {
        System.setProperty(JOINED, "yes");
    }
}
