package mpjnumerics.kernel.montecarlo;

/** SplitMix64 (Steele, Lea, Flood 2014): seeds other generators from a few integers. */
public final class SplitMix64 {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long next() {
        state += GOLDEN;
        return mix(state);
    }

    /** The SplitMix64 finaliser: a bijection on longs with good avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed derived only from (seed, a, b): distinct tuples give unrelated streams. */
    public static long derive(long seed, long a, long b) {
        return mix(mix(mix(seed) + a * GOLDEN) + b * 0xD1B54A32D192ED03L);
    }
}
