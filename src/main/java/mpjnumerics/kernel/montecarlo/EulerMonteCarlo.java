package mpjnumerics.kernel.montecarlo;

import mpjnumerics.kernel.VectorApi;
import mpjnumerics.kernel.series.Neumaier;

/**
 * Monte Carlo estimators of Euler's two constants, block by block (see {@link BlockPlan}):
 * <ul>
 * <li>e: the number K of uniform draws until their sum exceeds 1 has mean e;
 * <li>gamma: 1 - E[frac(1/U)] for U uniform on (0, 1).
 * </ul>
 * A block returns its sums (of K and K^2 as exact integers; of frac(1/U) and its square with
 * compensated summation), so totals do not depend on how blocks are shared among ranks. With
 * the Vector API, {@link EulerMonteCarloVector} runs one block per vector lane, each lane the
 * block's own stream and the same IEEE operations, so the sums are those of the plain kernel.
 */
public final class EulerMonteCarlo {
    private EulerMonteCarlo() {}

    static final long ONE_BITS = 0x3FF0000000000000L; // 1.0
    private static final boolean VECTOR = VectorApi.ENABLED && EulerMonteCarloVector.usable();
    /**
     * From this many samples per rank on, the vector kernel pays for its warm-up (a second or
     * so of a core, while the ranks count with the plain kernel; see {@link #warmUpVector}):
     * for e, 5 times faster than the plain kernel, soon; for gamma, under twice as fast as a
     * plain kernel that is faster already, only from 2^30 (at 5e8 samples a rank the vector
     * run took 2.5 s, the plain one 1.9 s).
     */
    public static final long VECTOR_MIN_SAMPLES_E = 1L << 27;
    public static final long VECTOR_MIN_SAMPLES_GAMMA = 1L << 30;
    private static volatile boolean vectorWarm;

    /** Words of an e block's state: the stream's four, the running sum's bits, K, sum K, sum K^2, samples left. */
    static final int E_STATE = 9;
    /** Words of a gamma block's state: the stream's four, then sum and compensation of frac, of frac^2 (as bits). */
    static final int GAMMA_STATE = 8;

    /** Whether a rank with this many samples of e or gamma should use the vector kernel once it is warm. */
    public static boolean vectorFor(boolean gamma, long samples) {
        return VECTOR && vectorPays(gamma, samples);
    }

    /** Whether the vector kernel pays for its warm-up on a rank with this many samples. */
    public static boolean vectorPays(boolean gamma, long samples) {
        return samples >= (gamma ? VECTOR_MIN_SAMPLES_GAMMA : VECTOR_MIN_SAMPLES_E);
    }

    /** Whether {@link #warmUpVector} has seen the vector kernel run compiled in this JVM. */
    public static boolean vectorWarm() {
        return vectorWarm;
    }

    /** Blocks the vector kernel takes at once: one a lane. */
    public static int vectorBlocks() {
        return VECTOR ? EulerMonteCarloVector.lanes() : 1;
    }

    /** {sum of K, sum of K^2} over the block's samples, from the block's own xoshiro256++ stream. */
    public static long[] eBlock(long seed, long block, int count) {
        long[] st = eState(seed, block, count);
        eContinue(st, 0);
        return new long[] {st[6], st[7]};
    }

    /** {sum of frac(1/U), sum of frac(1/U)^2} over the block's samples, compensated. */
    public static double[] gammaBlock(long seed, long block, int count) {
        long[] st = gammaState(seed, block);
        gammaContinue(st, 0, count);
        return gammaSums(st, 0);
    }

    /**
     * Blocks {@code first} to {@code last} of the plan, two sums each into out[at ..] as
     * {@link #eBlock} or {@link #gammaBlock} gives them (gamma's as double bits); on the
     * vector kernel where asked and the blocks fill its lanes.
     */
    public static void blocks(boolean gamma, long seed, BlockPlan plan, long first, long last, boolean vector,
            long[] out, int at) {
        int lanes = vector && VECTOR ? EulerMonteCarloVector.lanes() : 1;
        long b = first;
        for (; lanes > 1 && b + lanes - 1 <= last; b += lanes) {
            int[] counts = new int[lanes];
            long[] st = new long[lanes * (gamma ? GAMMA_STATE : E_STATE)];
            for (int l = 0; l < lanes; l++) {
                counts[l] = plan.size(b + l);
                long[] one = gamma ? gammaState(seed, b + l) : eState(seed, b + l, counts[l]);
                System.arraycopy(one, 0, st, l * one.length, one.length);
            }
            if (gamma) {
                EulerMonteCarloVector.gamma(st, counts);
            } else {
                EulerMonteCarloVector.e(st);
            }
            for (int l = 0; l < lanes; l++) {
                putSums(gamma, st, l, out, at + 2 * (int) (b + l - first));
            }
        }
        for (; b <= last; b++) {
            long[] st = gamma ? gammaState(seed, b) : eState(seed, b, plan.size(b));
            if (gamma) {
                gammaContinue(st, 0, plan.size(b));
            } else {
                eContinue(st, 0);
            }
            putSums(gamma, st, 0, out, at + 2 * (int) (b - first));
        }
    }

    private static void putSums(boolean gamma, long[] st, int lane, long[] out, int i) {
        if (gamma) {
            double[] s = gammaSums(st, lane);
            out[i] = Double.doubleToRawLongBits(s[0]);
            out[i + 1] = Double.doubleToRawLongBits(s[1]);
        } else {
            out[i] = st[lane * E_STATE + 6];
            out[i + 1] = st[lane * E_STATE + 7];
        }
    }

    static long[] eState(long seed, long block, int count) {
        SplitMix64 sm = new SplitMix64(SplitMix64.derive(seed, block, 0));
        return new long[] {sm.next(), sm.next(), sm.next(), sm.next(), 0, 0, 0, 0, count};
    }

    static long[] gammaState(long seed, long block) {
        long[] s = new Xoshiro(seed, block, 1).state();
        return new long[] {s[0], s[1], s[2], s[3], 0, 0, 0, 0};
    }

    /**
     * Carries the e block of {@code lane} in st on to its last sample. A uniform is 52 random
     * bits: the mantissa of a double in [1, 2), minus 1.
     */
    static void eContinue(long[] st, int lane) {
        int i = lane * E_STATE;
        long s0 = st[i], s1 = st[i + 1], s2 = st[i + 2], s3 = st[i + 3];
        long sum = st[i + 4]; // bits of the running sum, a non-negative double: compares as a long
        long k = st[i + 5];
        long sumK = st[i + 6];
        long sumK2 = st[i + 7];
        long left = st[i + 8];
        // Branch-free: whether the sum passed 1 is a coin toss the CPU cannot predict, so the
        // bookkeeping uses a mask (all ones when a sample ends) instead of a branch.
        while (left > 0) {
            long r = Long.rotateLeft(s0 + s3, 23) + s0;
            long t = s1 << 17;
            s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = Long.rotateLeft(s3, 45);
            sum = Double.doubleToRawLongBits(
                    Double.longBitsToDouble(sum) + (Double.longBitsToDouble(ONE_BITS | (r >>> 12)) - 1.0));
            k++;
            long end = (sum - ONE_BITS - 1) >> 63 ^ -1L; // sum > 1.0: all ones
            sumK += k & end;
            sumK2 += k * k & end;
            left += end;
            sum &= ~end;
            k &= ~end;
        }
        st[i] = s0; st[i + 1] = s1; st[i + 2] = s2; st[i + 3] = s3;
        st[i + 4] = sum; st[i + 5] = k; st[i + 6] = sumK; st[i + 7] = sumK2; st[i + 8] = left;
    }

    /** Carries the gamma block of {@code lane} in st on for {@code count} more samples. */
    static void gammaContinue(long[] st, int lane, int count) {
        int i = lane * GAMMA_STATE;
        Xoshiro rng = new Xoshiro(st[i], st[i + 1], st[i + 2], st[i + 3]);
        Neumaier sum = new Neumaier(Double.longBitsToDouble(st[i + 4]), Double.longBitsToDouble(st[i + 5]));
        Neumaier sq = new Neumaier(Double.longBitsToDouble(st[i + 6]), Double.longBitsToDouble(st[i + 7]));
        for (int n = 0; n < count; n++) {
            double inv = 1.0 / rng.nextOpenDouble();
            double frac = inv - Math.floor(inv);
            sum.add(frac);
            sq.add(frac * frac);
        }
        System.arraycopy(rng.state(), 0, st, i, 4);
        st[i + 4] = Double.doubleToRawLongBits(sum.sum());
        st[i + 5] = Double.doubleToRawLongBits(sum.compensation());
        st[i + 6] = Double.doubleToRawLongBits(sq.sum());
        st[i + 7] = Double.doubleToRawLongBits(sq.compensation());
    }

    private static double[] gammaSums(long[] st, int lane) {
        int i = lane * GAMMA_STATE;
        return new double[] {new Neumaier(Double.longBitsToDouble(st[i + 4]), Double.longBitsToDouble(st[i + 5])).value(),
            new Neumaier(Double.longBitsToDouble(st[i + 6]), Double.longBitsToDouble(st[i + 7])).value()};
    }

    /**
     * Runs the vector kernels on small blocks, the way ranks call them, until both count a probe
     * at least twice as fast as the plain kernel three times in a row (the JIT has compiled
     * them), then {@link #vectorWarm()} answers true; gives up after {@code maxNanos}. Returns
     * whether they are warm. Counts nothing anyone reads.
     */
    public static boolean warmUpVector(long maxNanos) {
        if (!VECTOR) {
            return false;
        }
        int lanes = EulerMonteCarloVector.lanes();
        BlockPlan probe = new BlockPlan((long) lanes * PROBE, PROBE);
        BlockPlan tiny = new BlockPlan((long) lanes * 64, 64);
        long[] out = new long[2 * lanes];
        long scalarBest = Long.MAX_VALUE;
        int fast = 0;
        long deadline = System.nanoTime() + maxNanos;
        while (fast < 3 && System.nanoTime() - deadline < 0) {
            // Many short calls: the JIT counts calls as well as loop turns (see PiKernel).
            for (int i = 0; i < SHORT_CALLS; i++) {
                blocks(i % 2 == 0, i, tiny, 0, lanes - 1, true, out, 0);
            }
            long t0 = System.nanoTime();
            blocks(false, 0, probe, 0, lanes - 1, false, out, 0);
            blocks(true, 0, probe, 0, lanes - 1, false, out, 0);
            long t1 = System.nanoTime();
            blocks(false, 0, probe, 0, lanes - 1, true, out, 0);
            blocks(true, 0, probe, 0, lanes - 1, true, out, 0);
            long t2 = System.nanoTime();
            scalarBest = Math.min(scalarBest, t1 - t0);
            fast = 2 * (t2 - t1) < scalarBest ? fast + 1 : 0;
        }
        vectorWarm = fast == 3;
        return vectorWarm;
    }

    /** Samples per block of a timed warm-up probe, and short calls between probes. */
    private static final int PROBE = 1 << 12;
    private static final int SHORT_CALLS = 256;
}
