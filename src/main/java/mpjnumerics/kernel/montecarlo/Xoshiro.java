package mpjnumerics.kernel.montecarlo;

/** xoshiro256++ (Blackman, Vigna): the generator of the Monte Carlo blocks. */
final class Xoshiro {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** The stream of Monte Carlo block {@code block} under {@code seed}, lane {@code lane}. */
    Xoshiro(long seed, long block, long lane) {
        SplitMix64 sm = new SplitMix64(SplitMix64.derive(seed, block, lane));
        s0 = sm.next();
        s1 = sm.next();
        s2 = sm.next();
        s3 = sm.next();
    }

    /** A stream carried on from the state s0 .. s3. */
    Xoshiro(long s0, long s1, long s2, long s3) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
    }

    /** The state, s0 .. s3. */
    long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    long next() {
        long r = Long.rotateLeft(s0 + s3, 23) + s0;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return r;
    }

    /** Uniform on [0, 1): 53 random bits. */
    double nextDouble() {
        return (next() >>> 11) * 0x1p-53;
    }

    /** Uniform on (0, 1): the centre of one of 2^53 cells, never 0. */
    double nextOpenDouble() {
        return ((next() >>> 11) + 0.5) * 0x1p-53;
    }
}
