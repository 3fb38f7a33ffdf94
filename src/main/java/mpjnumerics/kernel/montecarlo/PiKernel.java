package mpjnumerics.kernel.montecarlo;

import mpjnumerics.kernel.VectorApi;

/**
 * Counts random points of the unit square that fall inside the quarter disc x^2 + y^2 < 1.
 *
 * <p>A block's samples come from {@value #STREAMS} interleaved xoshiro256++ streams, each
 * seeded from (seed, block, stream): sample j of the block is draw j / 8 of stream j mod 8.
 * Eight independent streams fill the CPU's pipelines, or the lanes of one 512-bit or two
 * 256-bit vectors where the JDK's Vector API is available ({@link PiKernelVector}); both give
 * the same count. One 64-bit
 * draw gives both coordinates, 32 bits each, placed at the centre of their 2^-32 cell: the
 * discretisation bias is far below the standard error of any feasible sample count. The
 * arithmetic is plain IEEE double, so the count is reproducible bit for bit.
 */
public final class PiKernel {
    public static final int STREAMS = 8;
    static final long ONE_BITS = 0x3FF0000000000000L; // 1.0
    static final double OFFSET = 1.0 - 0x1p-33;        // 1 minus half a cell
    private static final boolean VECTOR = VectorApi.ENABLED && PiKernelVector.usable();

    /**
     * From this many samples per rank on, the Vector API kernel pays for its warm-up: until the
     * JIT has compiled it (about a second of a core, most of it C2 compiling the API's
     * methods) it runs two orders of magnitude slower than the scalar kernel, so a rank counts
     * with the scalar kernel while another thread warms the vector one up ({@link #warmUpVector}).
     */
    public static final long VECTOR_MIN_SAMPLES = 1L << 30;
    /** Samples per timed warm-up probe (512 rounds of 8 streams), and short calls between. */
    private static final int PROBE = 1 << 12;
    private static final int SHORT_CALLS = 256;

    private static volatile boolean vectorWarm;

    private PiKernel() {}

    /** Whether a rank with this many samples should use the Vector API kernel once it is warm. */
    public static boolean vectorFor(long samples) {
        return VECTOR && vectorPays(samples);
    }

    /** Whether the Vector API kernel pays for its warm-up on a rank with this many samples. */
    public static boolean vectorPays(long samples) {
        return samples >= VECTOR_MIN_SAMPLES;
    }

    /** Whether {@link #warmUpVector} has seen the vector kernel run compiled in this JVM. */
    public static boolean vectorWarm() {
        return vectorWarm;
    }

    /**
     * Runs the vector kernel on small blocks, the way ranks call it, until it counts a probe
     * at least twice as fast as the scalar kernel three times in a row (the JIT has compiled
     * it), then {@link #vectorWarm()} answers true; gives up after {@code maxNanos}, leaving it
     * false. Returns whether it is warm. Counts nothing anyone reads.
     */
    public static boolean warmUpVector(long maxNanos) {
        if (!VECTOR) {
            return false;
        }
        long[] a = seedState(0, 0);
        long[] b = seedState(0, 1);
        long scalarBest = Long.MAX_VALUE;
        int fast = 0;
        long sink = 0;
        long deadline = System.nanoTime() + maxNanos;
        while (fast < 3 && System.nanoTime() - deadline < 0) {
            // Many short calls: the JIT counts calls as well as loop turns, so it compiles the
            // kernel after far fewer turns in the (very slow) interpreter than long calls take.
            for (int i = 0; i < SHORT_CALLS; i++) {
                sink += vectorProbe(a, b, STREAMS * 8);
            }
            long t0 = System.nanoTime();
            sink += hitsScalar(a, PROBE) + hitsScalar(b, PROBE);
            long t1 = System.nanoTime();
            sink += vectorProbe(a, b, PROBE);
            long t2 = System.nanoTime();
            scalarBest = Math.min(scalarBest, t1 - t0);
            fast = 2 * (t2 - t1) < scalarBest ? fast + 1 : 0;
        }
        vectorWarm = fast == 3 && sink >= 0;
        return vectorWarm;
    }

    /** Points inside the quarter disc among the {@code count} samples of block {@code block}. */
    public static long hits(long seed, long block, int count, boolean vector) {
        long[] state = seedState(seed, block);
        return vector && VECTOR ? PiKernelVector.hits(state, count) : hitsScalar(state, count);
    }

    /**
     * Points inside the quarter disc over blocks {@code first} to {@code last} of the plan: the
     * sum of {@link #hits(long, long, int, boolean)} over them, with 512-bit vectors two
     * equal blocks at a time.
     */
    public static long hits(long seed, BlockPlan plan, long first, long last, boolean vector) {
        boolean pairs = vector && VECTOR && PiKernelVector.pairs();
        long h = 0;
        long b = first;
        for (; pairs && b < last && plan.size(b) == plan.size(b + 1); b += 2) {
            h += PiKernelVector.hits(seedState(seed, b), seedState(seed, b + 1), plan.size(b));
        }
        for (; b <= last; b++) {
            h += hits(seed, b, plan.size(b), vector);
        }
        return h;
    }

    private static long vectorProbe(long[] a, long[] b, int count) {
        return PiKernelVector.pairs() ? PiKernelVector.hits(a, b, count)
                : PiKernelVector.hits(a, count) + PiKernelVector.hits(b, count);
    }

    /** State of the 8 streams, struct of arrays: word w of stream s at [8 w + s]. */
    static long[] seedState(long seed, long block) {
        long[] state = new long[4 * STREAMS];
        for (int s = 0; s < STREAMS; s++) {
            SplitMix64 sm = new SplitMix64(SplitMix64.derive(seed, block, s));
            for (int w = 0; w < 4; w++) {
                state[w * STREAMS + s] = sm.next();
            }
        }
        return state;
    }

    /** The plain-Java kernel: streams in pairs, so two dependency chains run at once. */
    static long hitsScalar(long[] st, int count) {
        int rounds = count / STREAMS;
        long hits = 0;
        for (int s = 0; s < STREAMS; s += 2) {
            long a0 = st[s], a1 = st[8 + s], a2 = st[16 + s], a3 = st[24 + s];
            long b0 = st[s + 1], b1 = st[9 + s], b2 = st[17 + s], b3 = st[25 + s];
            for (int i = 0; i < rounds; i++) {
                hits += inside(Long.rotateLeft(a0 + a3, 23) + a0) + inside(Long.rotateLeft(b0 + b3, 23) + b0);
                long t = a1 << 17;
                a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = Long.rotateLeft(a3, 45);
                t = b1 << 17;
                b2 ^= b0; b3 ^= b1; b1 ^= b2; b0 ^= b3; b2 ^= t; b3 = Long.rotateLeft(b3, 45);
            }
            st[s] = a0; st[8 + s] = a1; st[16 + s] = a2; st[24 + s] = a3;
            st[s + 1] = b0; st[9 + s] = b1; st[17 + s] = b2; st[25 + s] = b3;
        }
        return hits + tail(st, count % STREAMS);
    }

    /** The last count mod 8 samples: one more draw from streams 0 .. n-1. */
    static long tail(long[] st, int n) {
        long hits = 0;
        for (int s = 0; s < n; s++) {
            hits += inside(Long.rotateLeft(st[s] + st[24 + s], 23) + st[s]);
        }
        return hits;
    }

    /** 1 if the point encoded by the 64 random bits r lies inside the quarter disc, else 0. */
    static int inside(long r) {
        double x = Double.longBitsToDouble(((r & 0xFFFFFFFFL) << 20) | ONE_BITS) - OFFSET;
        double y = Double.longBitsToDouble(((r >>> 32) << 20) | ONE_BITS) - OFFSET;
        // The sign bit of x^2 + y^2 - 1 (never -0.0): branch-free, as the outcome is random.
        return (int) (Double.doubleToRawLongBits(x * x + y * y - 1.0) >>> 63);
    }
}
