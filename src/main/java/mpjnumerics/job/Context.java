package mpjnumerics.job;

import mpjnumerics.report.Progress;
import java.util.function.Supplier;
import mpjnumerics.cli.Parsed;
import mpjnumerics.spmd.Range;
import mpjnumerics.spmd.Spmd;

/** What a running job sees: its rank's view of the world, its options, its clocks. */
public final class Context {
    private final Spmd spmd;
    private final Parsed options;
    private final Progress progress;
    private long computeNanos;

    Context(Spmd spmd, Parsed options, Progress progress) {
        this.spmd = spmd;
        this.options = options;
        this.progress = progress;
    }

    public Spmd spmd() {
        return spmd;
    }

    public Parsed options() {
        return options;
    }

    /** Progress of this rank's share; shown on stderr by rank 0 only, on a terminal only. */
    public Progress progress() {
        return progress;
    }

    /**
     * This rank's contiguous share of blocks 0 .. blocks-1 (work split in fixed blocks, so
     * results do not depend on the number of ranks); progress counts these blocks.
     */
    public Range myBlocks(long blocks) {
        Range mine = spmd.piece(new Range(0, blocks - 1));
        progress.total(mine.size());
        return mine;
    }

    /** Runs local work and adds its duration to this rank's compute time. */
    public <T> T compute(Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            computeNanos += System.nanoTime() - t0;
        }
    }

    long computeNanos() {
        return computeNanos;
    }
}
