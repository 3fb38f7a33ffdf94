package mpjnumerics.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mpjnumerics.report.Build;
import mpjnumerics.report.Checkpoint;
import mpjnumerics.runtime.Failure;
import mpjnumerics.runtime.StopSignals;
import mpjnumerics.spmd.UnitDealer;

/**
 * A job's work with --checkpoint: split in units fixed by the parameters alone (never by the
 * number of ranks), dealt one at a time; rank 0 tallies each finished unit's result and keeps
 * the journal (report.Checkpoint) of the units done and the tally, written every
 * --checkpoint-every seconds and when SIGTERM or SIGUSR1 comes (then the job ends with 75).
 * A run of the same command skips the units done. The tally combines results so that the
 * job's answer does not depend on which rank did which unit, or in which run.
 */
final class Journal {
    /** Rank 0's combination of unit results; its state is what the checkpoint keeps. */
    interface Tally {
        void add(long unit, long[] result);

        long[] save();

        void load(long[] saved);
    }

    /** At most this many units: the journal and rank 0's tally stay small. */
    static final long MAX_UNITS = 4096;

    private final Context ctx;
    private final Path file;
    private final long everyNanos;
    private final boolean keep;
    /** Rank 0 only. */
    private final Checkpoint checkpoint;
    private final Object lock = new Object();
    private final Object writing = new Object();
    private Checkpoint.Phase phase;
    private Tally tally;
    private long lastSave = System.nanoTime();
    private boolean over;
    /** A signal's thread is writing the checkpoint and will end the job. */
    private boolean stopping;

    private Journal(Context ctx, Checkpoint checkpoint) {
        this.ctx = ctx;
        this.file = Path.of(ctx.options().text("checkpoint"));
        this.everyNanos = ctx.options().integer("checkpoint-every") * 1_000_000_000L;
        this.keep = ctx.options().flag("keep-checkpoint");
        this.checkpoint = checkpoint;
    }

    /** Items per unit for {@code items} items: at least {@code min}, and at most {@link #MAX_UNITS} units. */
    static long perUnit(long items, long min) {
        return Math.max(Math.max(1, min), items / MAX_UNITS + (items % MAX_UNITS == 0 ? 0 : 1));
    }

    /** The units of {@code items} items, {@code per} a unit. */
    static long units(long items, long per) {
        return items / per + (items % per == 0 ? 0 : 1);
    }

    /**
     * The checkpoint named by --checkpoint, as the job can use it, or the one line that says why
     * not; empty when there is none yet. Checked by the launcher before any rank starts, and by
     * rank 0 again.
     */
    static Checkpoint load(String job, mpjnumerics.cli.Parsed options) throws Checkpoint.Refused {
        Path file = Path.of(options.text("checkpoint"));
        Checkpoint c = Checkpoint.read(file).orElse(null);
        if (c == null) {
            return new Checkpoint(job, Build.identity(), options.canonical());
        }
        c.requireSame(job, Build.identity(), options.canonical(), file.toString());
        return c;
    }

    /** Every rank calls this once, before its work; rank 0 reads the checkpoint and takes the signals. */
    static Journal open(Context ctx) {
        if (!ctx.spmd().isRoot()) {
            if (!ctx.spmd().device().equals("multicore")) {
                StopSignals.awaitRoot(); // rank 0 gets the signal too, and ends the job
            }
            return new Journal(ctx, null);
        }
        Checkpoint c;
        try {
            c = load(ctx.options().job(), ctx.options());
        } catch (Checkpoint.Refused e) {
            Failure.usage(0, e.getMessage());
            return null;
        }
        Journal j = new Journal(ctx, c);
        StopSignals.onStop(j::stop);
        return j;
    }

    /**
     * Runs one phase of units 0 .. units-1 on every rank: {@code work} computes a unit anywhere,
     * {@code tally} (rank 0's, null elsewhere) takes the results. Returns once every unit is done.
     */
    void run(String name, long units, UnitDealer.Work work, Tally t) {
        run(name, units, (UnitDealer.ServedWork) (unit, serve) -> work.run(unit), t);
    }

    /** As {@link #run(String, long, UnitDealer.Work, Tally)}, for units that call {@code serve} as they go. */
    void run(String name, long units, UnitDealer.ServedWork work, Tally t) {
        if (checkpoint == null) {
            UnitDealer.run(ctx.spmd(), work, null);
            return;
        }
        Checkpoint.Phase p;
        synchronized (lock) {
            boolean resumed = checkpoint.hasPhase(name);
            p = checkpoint.phase(name, units);
            if (resumed) {
                t.load(p.tally());
            }
            phase = p;
            tally = t;
        }
        ctx.progress().total(units);
        ctx.progress().resumedAt(p.doneCount());
        long[] cursor = {units};
        UnitDealer.run(ctx.spmd(), work, new UnitDealer.Root() {
            @Override
            public long next() {
                synchronized (lock) {
                    if (over) {
                        return -1;
                    }
                    while (--cursor[0] >= 0 && p.isDone(cursor[0])) {
                        // a unit an earlier run finished
                    }
                    return Math.max(-1, cursor[0]);
                }
            }

            @Override
            public void finished(long unit, long[] result) {
                synchronized (lock) {
                    t.add(unit, result);
                    p.markDone(unit);
                }
                ctx.progress().update(p.doneCount());
                if (System.nanoTime() - lastSave >= everyNanos) {
                    save();
                }
            }
        });
        synchronized (lock) {
            awaitStop();
            p.tally(t.save());
        }
    }

    /** With the lock held: while a signal's thread writes the checkpoint (it then halts the JVM), waits. */
    private void awaitStop() {
        while (stopping) {
            try {
                lock.wait(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Rank 0: whether the checkpoint read at the start holds that phase (an earlier run began it). */
    boolean resumes(String name) {
        synchronized (lock) {
            return checkpoint != null && checkpoint.hasPhase(name);
        }
    }

    /** Rank 0, once the job's result is known: the journal is removed, or kept complete with --keep-checkpoint. */
    void finish() {
        if (checkpoint == null) {
            return;
        }
        synchronized (lock) {
            over = true;
            awaitStop();
        }
        try {
            if (keep) {
                save();
            } else {
                synchronized (writing) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Rank 0: writes the journal as it stands. */
    private void save() {
        Checkpoint copy;
        synchronized (lock) {
            if (phase != null && tally != null) {
                phase.tally(tally.save());
            }
            copy = checkpoint.copy();
            lastSave = System.nanoTime();
        }
        synchronized (writing) {
            try {
                copy.write(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Rank 0, on a signal's thread: save and end the job with 75, unless it is ending anyway. */
    private void stop(String signal) {
        synchronized (lock) {
            if (over) {
                return; // the result is being printed: let it
            }
            over = true;
            stopping = true;
        }
        String line;
        try {
            save();
            Checkpoint.Phase p = phase;
            line = "mpj-numerics: " + signal + ": checkpoint written to " + file
                    + (p == null ? "" : " (" + p.doneCount() + " of " + p.units() + " units done)")
                    + "; the same command resumes the job";
        } catch (RuntimeException e) {
            Failure.halt(Failure.EXIT_FAILURE, "error: rank 0 " + e.getMessage());
            return;
        }
        Failure.halt(StopSignals.EXIT_CHECKPOINTED, line);
    }
}
