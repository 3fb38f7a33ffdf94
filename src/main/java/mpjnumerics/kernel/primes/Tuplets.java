package mpjnumerics.kernel.primes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Prime k-tuplets for k = 1 to 6, as primesieve defines them (k = 1: the primes themselves):
 * twins (p, p+2); triplets (p, p+2, p+6) and (p, p+4, p+6); quadruplets (p, p+2, p+6, p+8);
 * quintuplets (p, p+2, p+6, p+8, p+12) and (p, p+4, p+6, p+10, p+12); sextuplets (p, p+4, p+6,
 * p+10, p+12, p+16). A tuplet belongs to a window [lo, hi] when all its members do.
 *
 * <p>On the sieve's mod-30 wheel (bits = residues 1, 7, 11, 13, 17, 19, 23, 29 of one byte)
 * every tuplet above 5 is a run of adjacent bits: twins are bits (2,3), (4,5) of a byte, or bit
 * 7 of one byte and bit 0 of the next (29, 31); triplets the runs of three starting at bits 1
 * to 4; quadruplets bits 2 to 5; quintuplets the runs of five starting at bit 1 or 2;
 * sextuplets bits 1 to 6. So they are counted 8 bytes at a time: the AND of a word with itself
 * shifted by 1 .. k-1 bits marks where runs of k start, a mask keeps the starts that are
 * tuplets, and a population count counts them. Only twins cross bytes; their one carry (bit 7
 * of the last byte seen) crosses words and segments. The few tuplets with a member below 7
 * (off the wheel) are counted apart.
 */
public final class Tuplets {
    public static final int MAX_K = 6;

    /** The patterns of each k, as offsets from the first member. */
    private static final int[][][] PATTERNS = {
        {},
        {{0}},
        {{0, 2}},
        {{0, 2, 6}, {0, 4, 6}},
        {{0, 2, 6, 8}},
        {{0, 2, 6, 8, 12}, {0, 4, 6, 10, 12}},
        {{0, 4, 6, 10, 12, 16}},
    };

    /** The tuplets with a member below 7, which the sieve's bytes do not hold (2, 3, 5 are off the wheel). */
    private static final long[][][] BELOW_SEVEN = {
        {},
        {{2}, {3}, {5}},
        {{3, 5}, {5, 7}},
        {{5, 7, 11}},
        {{5, 7, 11, 13}},
        {{5, 7, 11, 13, 17}},
        {},
    };

    /**
     * For each k, the bits of a byte where a tuplet starts, repeated in all 8 bytes of a word.
     * Twins also start at bit 7 (29 with 31 in the next byte): in the word mask for bytes 0 to
     * 6 only, as byte 7's partner is in the next word.
     */
    private static final long[] STARTS = {0, -1L, 0x1494949494949494L, 0x1E1E1E1E1E1E1E1EL, 0x0404040404040404L,
        0x0606060606060606L, 0x0202020202020202L};

    /** Names as primesieve prints its counts. */
    private static final String[] NAMES = {"", "primes", "twin primes", "prime triplets", "prime quadruplets",
        "prime quintuplets", "prime sextuplets"};

    /** For each k and start bit j (residue RESIDUES[j]): which of PATTERNS[k] starts there, or -1. */
    private static final int[][] PATTERN_AT = new int[MAX_K + 1][8];

    /** Value above the word's base of bit q of a little-endian word: 30 (q / 8) + RESIDUES[q % 8]. */
    static final long[] BIT_VALUE = new long[64];

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int q = 0; q < 64; q++) {
            BIT_VALUE[q] = 30L * (q >>> 3) + Wheel30.RESIDUES[q & 7];
        }
        for (int k = 1; k <= MAX_K; k++) {
            for (int j = 0; j < 8; j++) {
                PATTERN_AT[k][j] = -1;
                if ((STARTS[k] >>> j & 1) == 0 && !(k == 2 && j == 7)) {
                    continue;
                }
                for (int t = 0; t < PATTERNS[k].length; t++) {
                    boolean fits = true;
                    for (int o : PATTERNS[k][t]) {
                        fits &= Wheel30.BIT[(Wheel30.RESIDUES[j] + o) % 30] >= 0;
                    }
                    if (fits) {
                        PATTERN_AT[k][j] = t;
                    }
                }
            }
        }
    }

    private Tuplets() {}

    /** What a k-tuplet is called: "primes", "twin primes", ..., "prime sextuplets". */
    public static String name(int k) {
        check(k);
        return NAMES[k];
    }

    /** Largest offset of a member from the first: 0, 2, 6, 8, 12, 16. */
    public static int span(int k) {
        check(k);
        int[] p = PATTERNS[k][0];
        return p[p.length - 1];
    }

    /** Number of k-tuplets with all members in [lo, hi]; 0 <= lo, any hi (none when hi < lo). */
    public static long count(int k, long lo, long hi) {
        Counter c = new Counter(k, lo, hi);
        PrimeSieve.sieve(lo, hi, c);
        return c.count();
    }

    /**
     * Calls the sink with every k-tuplet whose members all lie in [lo, hi] and whose first
     * member is at most firstMax, in increasing order of the first member.
     */
    public static void forEach(int k, long lo, long hi, long firstMax, Sink sink) {
        Lister l = new Lister(k, lo, hi, firstMax, sink);
        PrimeSieve.sieve(lo, hi, l);
    }

    /** Receives one tuplet: its first member and the offsets of all members from it. */
    public interface Sink {
        void accept(long first, int[] offsets);
    }

    private static void check(int k) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be in [1, " + MAX_K + "], got " + k);
        }
    }

    /** Where runs of k adjacent bits start in w (bits shifted in from above count as clear). */
    private static long runs(long w, int k) {
        long x = w;
        for (int s = 1; s < k; s++) {
            x &= w >>> s;
        }
        return x;
    }

    /** Bytes [i, len) of seg as the low bytes of a word, the rest zero (len - i < 8). */
    private static long tail(byte[] seg, int i, int len) {
        long w = 0;
        for (int j = len - 1; j >= i; j--) {
            w = w << 8 | (seg[j] & 0xFF);
        }
        return w;
    }

    private static long word(byte[] seg, int i, int len) {
        return i + 8 <= len ? (long) LONGS.get(seg, i) : tail(seg, i, len);
    }

    /** How many of the tuplets with a member below 7 lie in [lo, hi]; calls the sink with each if not null. */
    private static long belowSeven(int k, long lo, long hi, long firstMax, Sink sink) {
        long n = 0;
        for (long[] t : BELOW_SEVEN[k]) {
            if (lo <= t[0] && t[0] <= firstMax && t[t.length - 1] <= hi) {
                n++;
                if (sink != null) {
                    int[] offsets = new int[t.length];
                    for (int i = 0; i < t.length; i++) {
                        offsets[i] = (int) (t[i] - t[0]);
                    }
                    sink.accept(t[0], offsets);
                }
            }
        }
        return n;
    }

    /**
     * Counts the k-tuplets in [lo, hi] from the segments of one sieve run over that window (in
     * order: a twin's carry crosses from one segment to the next). Also keeps the window's
     * first and last prime, with which pieces of a range cut at multiples of 30 are joined:
     * only a twin (30 m + 29, 30 m + 31) can then lie across a cut.
     */
    public static final class Counter implements PrimeSieve.SegmentVisitor {
        private final int k;
        private final long mask;
        private long count;
        private long carry;
        private long first = -1;
        private long last = -1;

        public Counter(int k, long lo, long hi) {
            check(k);
            this.k = k;
            this.mask = STARTS[k];
            this.count = hi < lo ? 0 : belowSeven(k, lo, hi, hi, null);
            for (long p = 2; p <= 5; p++) {
                if (p != 4 && lo <= p && p <= hi) {
                    first = first < 0 ? p : first;
                    last = p;
                }
            }
        }

        @Override
        public void visit(byte[] seg, long firstByte, int len) {
            long n = 0;
            if (k == 1) {
                n = PrimeSieve.countBits(seg, len);
            } else if (k == 2) {
                long c = carry; // 1: the byte before held 30 m + 29, whose twin is bit 0 here
                for (int i = 0; i < len; i += 8) {
                    long w = word(seg, i, len);
                    n += Long.bitCount(w & w >>> 1 & mask) + (c & w);
                    c = i + 8 <= len ? w >>> 63 : w >>> (8 * (len - i) - 1);
                }
                carry = c;
            } else {
                n = countRuns(seg, len);
            }
            count += n;
            trackEnds(seg, firstByte, len);
        }

        /** One loop per k, the shifts written out: a loop over k inside would run per word. */
        private long countRuns(byte[] seg, int len) {
            long n = 0;
            long m = mask;
            int whole = len & ~7;
            switch (k) {
                case 3 -> {
                    for (int i = 0; i < whole; i += 8) {
                        long w = (long) LONGS.get(seg, i);
                        n += Long.bitCount(w & w >>> 1 & w >>> 2 & m);
                    }
                }
                case 4 -> {
                    for (int i = 0; i < whole; i += 8) {
                        long w = (long) LONGS.get(seg, i);
                        n += Long.bitCount(w & w >>> 1 & w >>> 2 & w >>> 3 & m);
                    }
                }
                case 5 -> {
                    for (int i = 0; i < whole; i += 8) {
                        long w = (long) LONGS.get(seg, i);
                        long x = w & w >>> 1 & w >>> 2;
                        n += Long.bitCount(x & w >>> 3 & w >>> 4 & m);
                    }
                }
                default -> {
                    for (int i = 0; i < whole; i += 8) {
                        long w = (long) LONGS.get(seg, i);
                        long x = w & w >>> 1 & w >>> 2;
                        n += Long.bitCount(x & x >>> 3 & m); // six adjacent bits
                    }
                }
            }
            if (whole < len) {
                n += Long.bitCount(runs(tail(seg, whole, len), k) & m);
            }
            return n;
        }

        private void trackEnds(byte[] seg, long firstByte, int len) {
            int hiByte = len - 1;
            while (hiByte >= 0 && seg[hiByte] == 0) {
                hiByte--;
            }
            if (hiByte < 0) {
                return;
            }
            if (first < 0) {
                int loByte = 0;
                while (seg[loByte] == 0) {
                    loByte++;
                }
                first = 30 * (firstByte + loByte) + Wheel30.RESIDUES[Integer.numberOfTrailingZeros(seg[loByte] & 0xFF)];
            }
            last = 30 * (firstByte + hiByte) + Wheel30.RESIDUES[31 - Integer.numberOfLeadingZeros(seg[hiByte] & 0xFF)];
        }

        /** The k-tuplets counted so far. */
        public long count() {
            return count;
        }

        /** The smallest prime in the window seen so far, or -1. */
        public long firstPrime() {
            return first;
        }

        /** The largest prime in the window seen so far, or -1. */
        public long lastPrime() {
            return last;
        }
    }

    /**
     * The k-tuplets whose first member lies in two consecutive pieces of a range, cut at a
     * multiple of 30, each described by its first and last prime (-1 when it has none): 1 for a
     * twin across the cut, else 0. Pieces without primes between them may be skipped.
     */
    public static long acrossCut(int k, long lastPrimeBefore, long firstPrimeAfter) {
        check(k);
        return k == 2 && lastPrimeBefore >= 0 && firstPrimeAfter == lastPrimeBefore + 2 ? 1 : 0;
    }

    /** Hands the tuplets of the segments of one sieve run to a sink, in order. */
    private static final class Lister implements PrimeSieve.SegmentVisitor {
        private final int k;
        private final long mask;
        private final long firstMax;
        private final Sink sink;
        private final int[][] offsets;
        private long pendingTwin = -1; // 30 m + 29 at the end of the last segment, awaiting 30 m + 31

        Lister(int k, long lo, long hi, long firstMax, Sink sink) {
            check(k);
            this.k = k;
            this.mask = STARTS[k];
            this.firstMax = firstMax;
            this.sink = sink;
            this.offsets = PATTERNS[k];
            if (hi >= lo) {
                belowSeven(k, lo, hi, firstMax, sink);
            }
        }

        @Override
        public void visit(byte[] seg, long firstByte, int len) {
            if (pendingTwin >= 0 && (seg[0] & 1) != 0 && pendingTwin <= firstMax) {
                sink.accept(pendingTwin, offsets[0]);
            }
            pendingTwin = -1;
            for (int i = 0; i < len; i += 8) {
                long w = word(seg, i, len);
                long starts;
                if (k == 2) {
                    long next = i + 8 < len ? seg[i + 8] & 1L : 0; // the segment's end: pending below
                    starts = w & (w >>> 1 | next << 63) & (mask | 1L << 63);
                    if (i + 8 >= len) {
                        int top = 8 * (len - i) - 1;
                        if ((w >>> top & 1) != 0) {
                            pendingTwin = 30 * (firstByte + len - 1) + 29;
                        }
                    }
                } else {
                    starts = runs(w, k) & mask;
                }
                long base = 30 * (firstByte + i);
                while (starts != 0) {
                    int q = Long.numberOfTrailingZeros(starts);
                    long p = base + BIT_VALUE[q];
                    if (p > firstMax) {
                        return;
                    }
                    sink.accept(p, offsets[PATTERN_AT[k][q & 7]]);
                    starts &= starts - 1;
                }
            }
        }
    }
}
