package mpjnumerics.kernel.collatz;

/**
 * Immutable tables for {@link CollatzKernel}, built once per JVM on first use and shared by
 * every rank of a multicore job:
 * <ul>
 * <li>steps of every start below {@link #MEMO} (the memo every trajectory ends in), and their
 * peaks, built apart on first use ({@link #peaks}): a window from 1 needs them only until its
 * peak passes {@link #maxMemoPeak}, a job that starts at its window's top end not at all;
 * <li>a jump table that applies {@link #JUMP_BITS} steps of T(n) = n/2 or (3n+1)/2 at once:
 * for n = 2^16 a + b, T^16(n) = 3^c(b) a + d(b), where c(b) counts the odd steps, because the
 * parities of the first 16 steps depend only on b.
 * </ul>
 */
final class CollatzTables {
    static final int MEMO_BITS = 20;
    static final int MEMO = 1 << MEMO_BITS;
    static final int JUMP_BITS = 16;
    static final long JUMP_MASK = (1L << JUMP_BITS) - 1;

    /** Standard steps (n/2 or 3n+1 each count one) from n to 1, for n < MEMO; [0] unused. */
    final char[] steps = new char[MEMO];
    /** Largest peak of any start below MEMO. */
    final long maxMemoPeak;
    /** d(b) << 5 | c(b) for every residue b mod 2^16. */
    final int[] jump = new int[1 << JUMP_BITS];
    /** 3^c for c = 0..16. */
    final long[] pow3 = new long[JUMP_BITS + 1];
    /** Below this, a jump's result fits 62 bits whatever the residue. */
    final long jumpSafe;
    /**
     * Jumps of 8 steps, for values too large for 16 (a 16-step jump can grow a value 656-fold,
     * an 8-step one 26-fold): the slow path's way up to 2^62 / 26 before single steps.
     */
    static final int SHORT_BITS = 8;
    final int[] shortJump = new int[1 << SHORT_BITS];
    final long shortJumpSafe;

    /** Fills table with d(b) << 5 | c(b) for the residues b mod 2^bits; returns the largest d. */
    private static long fill(int[] table, int bits) {
        long maxD = 0;
        for (int b = 0; b < table.length; b++) {
            long v = b;
            int c = 0;
            for (int i = 0; i < bits; i++) {
                if ((v & 1) == 0) {
                    v >>>= 1;
                } else {
                    v = (3 * v + 1) >>> 1;
                    c++;
                }
            }
            table[b] = (int) (v << 5) | c;
            maxD = Math.max(maxD, v);
        }
        return maxD;
    }

    /** The bound below which a jump of the given bits gives a result within 62 bits, whatever the residue. */
    private long safeBelow(int bits, long maxD) {
        return (((1L << 62) - maxD) / pow3[bits]) << bits;
    }

    private static final class Holder {
        static final CollatzTables TABLES = new CollatzTables();
    }

    static CollatzTables get() {
        return Holder.TABLES;
    }

    /** The largest value on the trajectory of n, n included, for n < MEMO. */
    static long[] peaks() {
        return Peaks.PEAK;
    }

    /** The largest value on the trajectory of 1 <= n < MEMO, walked step by step. */
    static long walkPeak(long n) {
        long top = n;
        for (long v = n; v != 1; v = (v & 1) == 0 ? v >>> 1 : 3 * v + 1) {
            top = Math.max(top, v);
        }
        return top;
    }

    private static final class Peaks {
        static final long[] PEAK = build();

        private static long[] build() {
            long[] peak = new long[MEMO];
            peak[1] = 1;
            for (int n = 2; n < MEMO; n++) {
                long v = n;
                long top = n;
                while (v >= n) {
                    v = (v & 1) == 0 ? v >>> 1 : 3 * v + 1;
                    top = Math.max(top, v);
                }
                peak[n] = Math.max(top, peak[(int) v]);
            }
            return peak;
        }
    }

    private CollatzTables() {
        long maxPeak = 1;
        steps[1] = 0;
        for (int n = 2; n < MEMO; n++) {
            // Walk until the value drops below n: everything below is already known.
            long v = n;
            int s = 0;
            long top = n;
            while (v >= n) {
                if ((v & 1) == 0) {
                    v >>>= 1;
                } else {
                    v = 3 * v + 1;
                    top = Math.max(top, v);
                }
                s++;
            }
            steps[n] = (char) (s + steps[(int) v]);
            // A trajectory is a chain of these walks, so the largest top is the largest peak:
            // maxMemoPeak needs no peak table.
            maxPeak = Math.max(maxPeak, top);
        }
        maxMemoPeak = maxPeak;

        long p = 1;
        for (int c = 0; c <= JUMP_BITS; c++) {
            pow3[c] = p;
            p *= 3;
        }
        jumpSafe = safeBelow(JUMP_BITS, fill(jump, JUMP_BITS));
        shortJumpSafe = safeBelow(SHORT_BITS, fill(shortJump, SHORT_BITS));
    }
}
