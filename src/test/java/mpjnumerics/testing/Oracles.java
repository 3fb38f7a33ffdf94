package mpjnumerics.testing;

/** Oracles shared by tests of several packages: independent of the code under test. */
public final class Oracles {
    private Oracles() {}

    /** e to {@code digits} decimals by Sale's spigot, digit by digit with small integers. */
    public static String spigotE(int digits) {
        int n = digits + 10;
        int[] a = new int[n];
        java.util.Arrays.fill(a, 1);
        StringBuilder s = new StringBuilder("2.");
        for (int d = 0; d < digits; d++) {
            int carry = 0;
            for (int i = n - 1; i >= 0; i--) {
                int x = a[i] * 10 + carry;
                a[i] = x % (i + 2);
                carry = x / (i + 2);
            }
            s.append(carry);
        }
        return s.toString();
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** SplitMix64's output function (Steele, Lea and Flood; Vigna's splitmix64.c). */
    public static long splitMix64Mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Draw i (from 0) of SplitMix64 seeded with x: its state gains the golden gamma before each output. */
    public static long splitMix64(long x, int i) {
        return splitMix64Mix(x + (i + 1) * GOLDEN);
    }

    /** One xoshiro256++ output (Blackman and Vigna) from the state s, which it advances. */
    public static long xoshiro256pp(long[] s) {
        long out = Long.rotateLeft(s[0] + s[3], 23) + s[0];
        long t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = Long.rotateLeft(s[3], 45);
        return out;
    }

    /**
     * Whether the point of the 64 random bits r lies inside the quarter disc, exactly: its
     * coordinates are the cell centres (a + 1/2) / 2^32 and (b + 1/2) / 2^32 of the low and high
     * halves a, b, and (a + 1/2)^2 + (b + 1/2)^2 < 2^64 holds iff a(a+1) + b(b+1) < 2^64, i.e. iff
     * the unsigned 64-bit sum of the two products (each below 2^64) does not carry.
     */
    public static boolean piInside(long r) {
        long a = r & 0xFFFFFFFFL;
        long b = r >>> 32;
        long pa = a * (a + 1);
        long sum = pa + b * (b + 1);
        return Long.compareUnsigned(sum, pa) >= 0;
    }

    /**
     * Points inside the quarter disc among the first {@code count} samples of one block of
     * PiMonteCarlo, sample by sample from the generator scheme the kernel documents: sample j is
     * the next xoshiro256++ draw of stream j mod 8; stream k starts from the first four SplitMix64
     * draws seeded with mix(mix(mix(seed) + block golden) + k 0xD1B54A32D192ED03).
     */
    public static long piHits(long seed, long block, int count) {
        long[][] streams = new long[8][4];
        for (int k = 0; k < 8; k++) {
            long x = splitMix64Mix(splitMix64Mix(splitMix64Mix(seed) + block * GOLDEN) + k * 0xD1B54A32D192ED03L);
            for (int w = 0; w < 4; w++) {
                streams[k][w] = splitMix64(x, w);
            }
        }
        long hits = 0;
        for (int j = 0; j < count; j++) {
            if (piInside(xoshiro256pp(streams[j % 8]))) {
                hits++;
            }
        }
        return hits;
    }

    /** PiMonteCarlo's hits for all its samples: blocks of 2^20 samples, the last one short. */
    public static long piHitsOfJob(long seed, long samples) {
        long hits = 0;
        for (long b = 0; b * (1 << 20) < samples; b++) {
            hits += piHits(seed, b, (int) Math.min(1 << 20, samples - b * (1 << 20)));
        }
        return hits;
    }
}
