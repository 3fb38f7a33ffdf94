package mpjnumerics.kernel;

/**
 * Counts random points of the unit square that fall inside the quarter disc x^2 + y^2 < 1.
 *
 * <p>A block's samples come from four interleaved xoshiro256++ streams (sample j uses stream
 * j mod 4), each seeded from (seed, block, stream). Four independent streams keep the CPU's
 * pipelines full. One 64-bit draw gives both coordinates, 32 bits each, placed at the centre
 * of their 2^-32 cell: the discretisation bias is far below the standard error of any
 * feasible sample count. The arithmetic is plain IEEE double, so the count is reproducible
 * bit for bit.
 */
public final class PiKernel {
    private static final long ONE_BITS = 0x3FF0000000000000L; // 1.0
    private static final double HALF_CELL = 0x1p-33;          // centre of a 2^-32 cell
    private static final double OFFSET = 1.0 - HALF_CELL;

    private PiKernel() {}

    /** Points inside the quarter disc among the {@code count} samples of block {@code block}. */
    public static long hits(long seed, long block, int count) {
        SplitMix64 sm0 = new SplitMix64(SplitMix64.derive(seed, block, 0));
        SplitMix64 sm1 = new SplitMix64(SplitMix64.derive(seed, block, 1));
        SplitMix64 sm2 = new SplitMix64(SplitMix64.derive(seed, block, 2));
        SplitMix64 sm3 = new SplitMix64(SplitMix64.derive(seed, block, 3));
        long a0 = sm0.next(), a1 = sm0.next(), a2 = sm0.next(), a3 = sm0.next();
        long b0 = sm1.next(), b1 = sm1.next(), b2 = sm1.next(), b3 = sm1.next();
        long c0 = sm2.next(), c1 = sm2.next(), c2 = sm2.next(), c3 = sm2.next();
        long d0 = sm3.next(), d1 = sm3.next(), d2 = sm3.next(), d3 = sm3.next();

        long hits = 0;
        int rounds = count >>> 2;
        for (int i = 0; i < rounds; i++) {
            long ra = Long.rotateLeft(a0 + a3, 23) + a0;
            long rb = Long.rotateLeft(b0 + b3, 23) + b0;
            long rc = Long.rotateLeft(c0 + c3, 23) + c0;
            long rd = Long.rotateLeft(d0 + d3, 23) + d0;
            hits += inside(ra) + inside(rb) + inside(rc) + inside(rd);

            long t = a1 << 17;
            a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = Long.rotateLeft(a3, 45);
            t = b1 << 17;
            b2 ^= b0; b3 ^= b1; b1 ^= b2; b0 ^= b3; b2 ^= t; b3 = Long.rotateLeft(b3, 45);
            t = c1 << 17;
            c2 ^= c0; c3 ^= c1; c1 ^= c2; c0 ^= c3; c2 ^= t; c3 = Long.rotateLeft(c3, 45);
            t = d1 << 17;
            d2 ^= d0; d3 ^= d1; d1 ^= d2; d0 ^= d3; d2 ^= t; d3 = Long.rotateLeft(d3, 45);
        }
        // The tail (count not a multiple of 4) continues streams 0..2 in order.
        int tail = count & 3;
        if (tail > 0) {
            hits += inside(Long.rotateLeft(a0 + a3, 23) + a0);
        }
        if (tail > 1) {
            hits += inside(Long.rotateLeft(b0 + b3, 23) + b0);
        }
        if (tail > 2) {
            hits += inside(Long.rotateLeft(c0 + c3, 23) + c0);
        }
        return hits;
    }

    /** 1 if the point encoded by the 64 random bits r lies inside the quarter disc, else 0. */
    static int inside(long r) {
        double x = Double.longBitsToDouble(((r & 0xFFFFFFFFL) << 20) | ONE_BITS) - OFFSET;
        double y = Double.longBitsToDouble(((r >>> 32) << 20) | ONE_BITS) - OFFSET;
        return x * x + y * y < 1.0 ? 1 : 0;
    }
}
