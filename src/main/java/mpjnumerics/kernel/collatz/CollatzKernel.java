package mpjnumerics.kernel.collatz;

import java.math.BigInteger;

/**
 * Collatz step counts (n even: n/2, n odd: 3n+1, until 1) for windows of starts.
 *
 * <p>Only odd numbers are followed ({@link CollatzWork}): an odd m stands for every start
 * m 2^j of the window. Each trajectory is followed until it falls into the memo of all
 * starts below 2^20, 16 steps of T(n) = n/2 or (3n+1)/2 at a time through the residue jump
 * table ({@link CollatzTables}). A jump skips the values in between, so it is taken only when
 * they provably stay below the highest value found so far: within 16 steps the standard
 * peak 3m+1 is at most 1314 (n + 1). Near the peak, and whenever 3n+1 would not fit 63 bits,
 * the kernel steps one at a time, in BigInteger while the value is too large for a long.
 * Every result is exact.
 *
 * <p>Starts go in batches of 512: all of a batch's trajectories advance one jump per round
 * (their table reads overlap in the processor instead of waiting one after another), then
 * the batch is tallied, nearly always with the same number of starts m 2^j per m, so that
 * a start costs a sum and one histogram count.
 */
public final class CollatzKernel {
    /** 3 * 1.5^15 rounded up: bound on 3m+1 within one jump, per unit of (n + 1). */
    private static final long JUMP_GROWTH = 1314;
    /** 3 * 1.5^7 rounded up: the same for a jump of 8 steps. */
    private static final long SHORT_GROWTH = 52;
    private static final long TRIPLE_SAFE = (Long.MAX_VALUE - 1) / 3;
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private CollatzKernel() {}

    /** Builds the tables the kernel needs, if not yet built (they are built on first use otherwise). */
    public static void prepare() {
        CollatzTables.get();
    }

    /** Adds every start of [first, last] (1 <= first <= last) to stats. */
    public static void run(long first, long last, CollatzStats stats) {
        run(first, last, stats, ROUNDS);
    }

    /** {@link #run} with at most rounds batched jumps per start (tests use 0 and 1 for the slow path). */
    static void run(long first, long last, CollatzStats stats, int rounds) {
        CollatzWork w = CollatzWork.of(first, last);
        w.run(0, w.count() - 1, stats, rounds);
    }

    /** Odd numbers per batch: their trajectories first, then their tallies. */
    private static final int BATCH = 512;
    /** Rounds of batched jumps before a trajectory is left to {@link #large}. */
    static final int ROUNDS = 64;

    private static final ThreadLocal<Batch> BATCH_OF_THREAD = ThreadLocal.withInitial(Batch::new);

    /**
     * For odd m in [mFirst, mLast]: adds every start m 2^j within [first, last] to stats. All
     * of them have the same starts m 2^j, j = jlo .. jhi ({@link CollatzWork} cuts its
     * intervals so), and so the tally is the same for every batch.
     */
    static void runOdd(long mFirst, long mLast, long first, long last, CollatzStats stats, int rounds) {
        CollatzTables t = CollatzTables.get();
        Batch batch = BATCH_OF_THREAD.get();
        int jlo = jLow(mFirst, first);
        int jhi = jHigh(mFirst, last);
        stats.allocateRuns();
        long n = (mLast - mFirst) / 2 + 1;
        for (long done = 0; done < n; done += BATCH) {
            int size = (int) Math.min(BATCH, n - done);
            batch(mFirst + 2 * done, size, jlo, jhi, first, stats, t, rounds, batch);
        }
    }

    /** Scratch arrays for one batch, reused from batch to batch. */
    private static final class Batch {
        /** Per start: steps so far, then in all; the value below MEMO it lands on (-1: the slow path counted all). */
        final int[] steps = new int[BATCH];
        final long[] land = new long[BATCH];
        /** The starts still jumping: their index in the batch, value, steps so far. */
        final int[] at = new int[BATCH];
        final long[] n = new long[BATCH];
        final int[] s = new int[BATCH];
        /** The starts left to {@link #large}: near the peak, or too many rounds. */
        final int[] slowAt = new int[BATCH];
        final long[] slowN = new long[BATCH];
        final int[] slowS = new int[BATCH];
    }

    /**
     * The starts m 2^j, j = jlo .. jhi, of m = m0 + 2i, i < size: their steps, then their tally.
     * A start's jumps depend on each other, so one trajectory at a time keeps the processor
     * waiting on every table read; here each round takes every start of the batch one jump
     * further, without branches, so the reads of different starts overlap. The memo reads come
     * last, in a loop of their own.
     *
     * <p>One method for the whole batch, too big (over 325 bytecodes) to be inlined into
     * runOdd's loop: smaller pieces would be inlined late in a job and recompiled after every
     * deoptimisation.
     */
    private static void batch(long m0, int size, int jlo, int jhi, long first, CollatzStats stats, CollatzTables t,
            int rounds, Batch b) {
        // Not below 0: jumpInPlace's v - safe must not overflow for v near 2^63.
        final long safe = Math.max(0, Math.min(t.jumpSafe, stats.peakBound() / JUMP_GROWTH - 1));
        final int[] steps = b.steps;
        final long[] land = b.land;
        int slow = jumpRounds(m0, size, safe, rounds, t, b);
        for (int q = 0; q < slow; q++) {
            int i = b.slowAt[q];
            steps[i] = large(m0 + 2L * i, b.slowN[q], b.slowS[q], first, stats, t, safe);
            land[i] = -1;
        }
        final char[] memo = t.steps;
        for (int i = 0; i < size; i++) {
            long y = land[i];
            steps[i] += y > 0 ? memo[(int) y] : 0;
        }
        if (stats.peakBound() <= t.maxMemoPeak) { // early in a window from 1: memo peaks may count
            final long[] peak = CollatzTables.peaks();
            for (int i = 0; i < size; i++) {
                long y = land[i];
                if (y > 0 && peak[(int) y] >= stats.peakBound()) {
                    stats.offerPeak(peak[(int) y], lowest(m0 + 2L * i, first));
                }
            }
        }

        // The tally. The same starts m 2^j, j = jlo .. jhi, for every m of the batch (CollatzWork sees
        // to it): a start costs a sum, a count and a comparison, unless its own value may be the peak.
        long mEnd = m0 + 2L * (size - 1);
        if ((mEnd << jhi) >= stats.peakBound()) {
            tallyEach(m0, size, jlo, jhi, stats, steps);
            return;
        }
        int runs = jhi - jlo + 1;
        long[] h = stats.byRuns[runs];
        long sum = 0;
        int best = -1;
        int bestAt = 0;
        for (int i = 0; i < size; i++) {
            int s = steps[i];
            sum += s;
            if (s + jlo >= h.length) {
                h = stats.byRuns[runs] = java.util.Arrays.copyOf(h, 2 * (s + jlo));
            }
            h[s + jlo]++;
            if (s > best) { // the first of equals: the smallest m, so the smallest start
                best = s;
                bestAt = i;
            }
        }
        stats.count += (long) runs * size;
        stats.totalSteps = Math.addExact(stats.totalSteps,
                Math.addExact(Math.multiplyExact(sum + (long) jlo * size, runs), (long) size * runs * (runs - 1) / 2));
        stats.offerMax(best + jlo + runs - 1, (m0 + 2L * bestAt) << jhi);
    }

    /**
     * Jumps the starts m0 + 2i, i < size, a round at a time, until each lands on the memo or is
     * left to the slow path (at or above safe, or after the last round); returns how many were
     * left. Starts below MEMO land where they are. One method for all rounds, and too big to
     * be inlined: compiled into its caller, its loops run slower.
     *
     * <p>A round jumps every start of a list in place, whether or not it still needs to (one
     * that has landed, or must go slow, stays put): no branch and no bookkeeping per jump. The
     * batch goes first, for the rounds nearly every start needs (a jump descends 3.3 bits on
     * average), and one more; then, every two rounds, the starts still under way are gathered
     * into a shorter list.
     */
    private static int jumpRounds(long m0, int size, long safe, int rounds, CollatzTables t, Batch b) {
        final int[] steps = b.steps;
        final long[] land = b.land;
        final int[] at = b.at;
        final long[] n = b.n;
        final int[] s = b.s;
        for (int i = 0; i < size; i++) {
            steps[i] = 0;
            land[i] = m0 + 2L * i;
        }
        // Jumps nearly every start needs: its bits above the memo's 20 at 3.3 bits a jump, rounded
        // down, and one more: a jump of a start that has already landed costs less than keeping
        // the list of those still under way a round earlier.
        int done = Math.min(rounds, Math.max(0, (64 - Long.numberOfLeadingZeros(m0) - CollatzTables.MEMO_BITS) / 3 + 1));
        jumpInPlace(land, steps, size, done, safe, t);
        int pending = 0;
        int slow = 0;
        for (int i = 0; i < size; i++) {
            at[pending] = i;
            n[pending] = land[i];
            s[pending] = steps[i];
            pending += land[i] >= CollatzTables.MEMO ? 1 : 0;
        }
        while (pending > 0) {
            // Off the list: those at or above safe (all of them after the last round) go slow.
            long limit = done == rounds ? 0 : safe;
            int kept = 0;
            for (int p = 0; p < pending; p++) {
                long x = n[p];
                if (x >= limit) {
                    b.slowAt[slow] = at[p];
                    b.slowN[slow] = x;
                    b.slowS[slow] = s[p];
                    slow++;
                } else if (x >= CollatzTables.MEMO) {
                    at[kept] = at[p];
                    n[kept] = x;
                    s[kept] = s[p];
                    kept++;
                } else {
                    land[at[p]] = x;
                    steps[at[p]] = s[p];
                }
            }
            pending = kept;
            int r = Math.min(2, rounds - done);
            jumpInPlace(n, s, pending, r, safe, t);
            done += r;
        }
        return slow;
    }

    /** rounds jumps of x[p], p < count, adding their steps to s[p]; values below MEMO or not below safe stay put. */
    private static void jumpInPlace(long[] x, int[] s, int count, int rounds, long safe, CollatzTables t) {
        final int[] jump = t.jump;
        final long[] pow3 = t.pow3;
        for (int round = 0; round < rounds; round++) {
            // Flags as sign bits, not comparisons: whether a start has landed is a coin toss,
            // and a branch on it would be mispredicted every other time.
            for (int p = 0; p < count; p++) {
                long v = x[p];
                int e = jump[(int) (v & CollatzTables.JUMP_MASK)];
                int c = e & 31;
                long moves = (~(v - CollatzTables.MEMO) & (v - safe)) >> 63; // all ones if MEMO <= v < safe (0 <= safe)
                long y = pow3[c] * (v >>> CollatzTables.JUMP_BITS) + (e >>> 5);
                x[p] = v + ((y - v) & moves);
                s[p] += (CollatzTables.JUMP_BITS + c) & (int) moves; // each odd T step is two standard steps
            }
        }
    }

    /** The smallest j with m 2^j >= first. */
    private static int jLow(long m, long first) {
        int j = Math.max(0, Long.numberOfLeadingZeros(m) - Long.numberOfLeadingZeros(first));
        return (m << j) < first ? j + 1 : j;
    }

    /** The largest j with m 2^j <= last. */
    private static int jHigh(long m, long last) {
        int j = Long.numberOfLeadingZeros(m) - Long.numberOfLeadingZeros(last);
        return (m << j) > last || (m << j) < 0 ? j - 1 : j;
    }

    /** The tally of {@link #batch}, start by start. */
    private static void tallyEach(long m0, int size, int jlo, int jhi, CollatzStats stats, int[] steps) {
        for (int i = 0; i < size; i++) {
            long m = m0 + 2L * i;
            long highest = m << jhi;
            // The starts' own values: the largest one is met only by itself.
            if (highest >= stats.peakBound()) {
                stats.offerPeak(highest, highest);
            }
            // The starts m 2^j, j = jlo .. jhi, take s + (j - jlo) steps.
            int s = steps[i] + jlo;
            int runs = jhi - jlo + 1;
            stats.count += runs;
            stats.totalSteps = Math.addExact(stats.totalSteps, (long) s * runs + (long) runs * (runs - 1) / 2);
            stats.offerMax(s + runs - 1, highest);
            stats.addToHistogram(s, runs, 1);
        }
    }

    /** The smallest start m 2^j >= first: the one credited with what m's trajectory meets. */
    private static long lowest(long m, long first) {
        return m << jLow(m, first);
    }

    /**
     * Steps of odd m >= MEMO whose trajectory reaches n after s0 steps: jumps of 16 or 8 steps
     * while the skipped values cannot reach the peak (nor overflow), exact single steps
     * otherwise, offering every value that may be the peak for m's lowest start.
     */
    private static int large(long m, long n0, int s0, long first, CollatzStats stats, CollatzTables t,
            long safeBelow) {
        final int[] jump = t.jump;
        final long[] pow3 = t.pow3;
        long n = n0;
        int s = s0;
        long safe = safeBelow;
        while (true) {
            // Jump while the skipped values cannot reach the peak (nor overflow).
            while (n >= CollatzTables.MEMO && n < safe) {
                int e = jump[(int) (n & CollatzTables.JUMP_MASK)];
                int c = e & 31;
                n = pow3[c] * (n >>> CollatzTables.JUMP_BITS) + (e >>> 5);
                s += CollatzTables.JUMP_BITS + c; // each odd T step is two standard steps
            }
            if (n < CollatzTables.MEMO) {
                break;
            }
            if (n < Math.min(t.shortJumpSafe, stats.peakBound() / SHORT_GROWTH - 1)) {
                int e = t.shortJump[(int) n & ((1 << CollatzTables.SHORT_BITS) - 1)];
                int c = e & 31;
                n = pow3[c] * (n >>> CollatzTables.SHORT_BITS) + (e >>> 5);
                s += CollatzTables.SHORT_BITS + c;
                continue;
            }
            // Near the peak or the top of the long range: one exact step.
            if ((n & 1) == 0) {
                n >>>= 1;
            } else if (n <= TRIPLE_SAFE) {
                n = 3 * n + 1;
                if (n >= stats.peakBound()) {
                    stats.offerPeak(n, lowest(m, first));
                }
            } else {
                long[] ns = bigSteps(n, lowest(m, first), stats);
                n = ns[0];
                s += (int) ns[1] - 1;
            }
            s++;
            safe = Math.min(t.jumpSafe, stats.peakBound() / JUMP_GROWTH - 1);
        }
        int i = (int) n;
        // Rare here (a start that went slow before the window's peak passed the memo's): the
        // walk costs less than building the memo's peak table, which a job may never need.
        if (stats.peakBound() <= t.maxMemoPeak) {
            stats.offerPeak(CollatzTables.walkPeak(i), lowest(m, first));
        }
        return s + t.steps[i];
    }

    /** Steps in BigInteger while the value needs more than 61 bits: {value after, steps}. */
    private static long[] bigSteps(long n, long start, CollatzStats stats) {
        BigInteger b = BigInteger.valueOf(n);
        long s = 0;
        while (b.bitLength() > 61) { // then 3n+1 fits a long again
            if (b.testBit(0)) {
                b = b.multiply(THREE).add(BigInteger.ONE);
                stats.offerPeak(b, start);
            } else {
                b = b.shiftRight(1);
            }
            s++;
        }
        return new long[] {b.longValueExact(), s};
    }
}
