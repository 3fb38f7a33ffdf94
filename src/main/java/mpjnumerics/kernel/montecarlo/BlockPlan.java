package mpjnumerics.kernel.montecarlo;

/**
 * Splits N Monte Carlo samples into fixed-size blocks. Block b always holds the same samples
 * and draws from a stream derived only from (seed, b), so totals are the same for every
 * number of ranks: ranks take whole blocks.
 */
public record BlockPlan(long samples, int blockSize) {
    /** 2^20 samples: a few milliseconds of work, fine-grained enough to balance ranks. */
    public static final int DEFAULT_BLOCK = 1 << 20;

    public BlockPlan {
        if (samples < 0 || blockSize <= 0) {
            throw new IllegalArgumentException("samples " + samples + ", block " + blockSize);
        }
    }

    public static BlockPlan of(long samples) {
        return new BlockPlan(samples, DEFAULT_BLOCK);
    }

    public long blocks() {
        return samples / blockSize + (samples % blockSize == 0 ? 0 : 1);
    }

    /** Samples in block b (the last one may be short). */
    public int size(long b) {
        long start = b * blockSize;
        return (int) Math.min(blockSize, samples - start);
    }
}
