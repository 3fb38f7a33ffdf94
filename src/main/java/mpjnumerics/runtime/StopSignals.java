package mpjnumerics.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGUSR1 for a job that keeps a checkpoint: the first asks it to write the
 * checkpoint and end with {@link #EXIT_CHECKPOINTED}, which batch scripts take as "run me
 * again"; a second SIGTERM ends the process at once (128 + 15). Without a checkpoint the JVM's
 * usual handling stays (shutdown hooks, then 143).
 */
public final class StopSignals {
    /** EX_TEMPFAIL of sysexits.h: stopped with its work saved; the same command resumes it. */
    public static final int EXIT_CHECKPOINTED = 75;
    private static final int EXIT_TERM = 128 + 15;
    /** Set (a system property: shared by a JVM's ranks) once a rank other than 0 got a stop signal. */
    static final String STOPPING = "mpjnumerics.stopping";
    /** A rank other than 0 that got a signal waits this long for rank 0 to end the job. */
    private static final long OTHERS_GRACE_MILLIS = 30_000;

    private StopSignals() {}

    /**
     * Rank 0: {@code stop} runs on a thread of its own at the first SIGTERM or SIGUSR1 (it is
     * expected to halt the JVM); the next SIGTERM halts at once.
     */
    public static void onStop(java.util.function.Consumer<String> stop) {
        onFirst(name -> startDaemon("checkpoint-on-signal", () -> stop.accept("SIG" + name)));
    }

    /**
     * A rank other than 0 in a JVM of its own (srun passes a signal to every rank): the first
     * signal leaves the rank working while rank 0 writes the checkpoint and ends the job; a
     * second SIGTERM, or rank 0 silent for 30 s, ends it.
     */
    public static void awaitRoot() {
        onFirst(name -> {
            System.setProperty(STOPPING, name);
            startDaemon("stop-deadline", () -> {
                try {
                    Thread.sleep(OTHERS_GRACE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                Failure.halt(EXIT_TERM, null);
            });
        });
    }

    /** The first SIGTERM or SIGUSR1 goes to {@code first} (with the signal's name); a later SIGTERM halts. */
    private static void onFirst(java.util.function.Consumer<String> first) {
        AtomicInteger seen = new AtomicInteger();
        sun.misc.SignalHandler h = s -> {
            if (seen.getAndIncrement() == 0) {
                first.accept(s.getName());
            } else if (s.getName().equals("TERM")) {
                Failure.halt(EXIT_TERM, null);
            }
        };
        Signal.handle(new Signal("TERM"), h);
        Signal.handle(new Signal("USR1"), h);
        handler = h;
    }

    /** This JVM's handler once a job with a checkpoint has set it (null before, and without one). */
    private static volatile sun.misc.SignalHandler handler;

    /**
     * A stop signal that reached the launcher but not this JVM (MPJ's daemons started it): handled
     * as if it had come here. Whether it was taken, that is, whether the job had set its handler.
     */
    public static boolean request(String name) {
        sun.misc.SignalHandler h = handler;
        if (h == null) {
            return false;
        }
        h.handle(new Signal(name.equals("USR1") ? "USR1" : "TERM"));
        return true;
    }

    private static void startDaemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * A launcher whose job runs in a child JVM: passes SIGTERM and SIGUSR1 on to it, so that the
     * child checkpoints, and this JVM ends with the child's status.
     */
    public static void forwardTo(Process child) {
        sun.misc.SignalHandler h = s -> {
            try {
                new ProcessBuilder("kill", "-" + s.getName(), Long.toString(child.pid())).inheritIO().start();
            } catch (java.io.IOException e) {
                child.destroy();
            }
        };
        Signal.handle(new Signal("TERM"), h);
        Signal.handle(new Signal("USR1"), h);
    }
}
