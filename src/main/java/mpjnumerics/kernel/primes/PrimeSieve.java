package mpjnumerics.kernel.primes;

import mpjnumerics.kernel.VectorApi;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Segmented sieve of Eratosthenes over a window [lo, hi] of the longs, on a mod-30 wheel
 * ({@link Wheel30}): a bit for each integer coprime to 30, a byte for 30 integers.
 *
 * <ul>
 * <li>Each segment starts as a copy of a pre-sieved pattern in which the multiples of 7, 11,
 * 13, 17 and 19 are already gone (the pattern repeats every 7*11*13*17*19 bytes), ANDed with
 * like patterns for the primes 23 to 163.
 * <li>Sieving primes from 167 up to sqrt(hi) with several multiples per segment cross off
 * their multiples in loops generated for each residue class mod 30 ({@link WheelCrossing}),
 * the bit masks constants in the code, whole turns of the wheel (8 multiples) at a time:
 * primes below 4096 in L1-sized blocks of the segment, larger ones over the whole segment.
 * <li>Sieving primes far larger than a segment hit a segment at most once: they wait in the
 * bucket of the segment where their next multiple falls (bucket sieve), so a segment costs
 * only the primes that actually hit it.
 * </ul>
 * Memory is O(sqrt(hi)/log(hi) + segment), never O(hi - lo).
 */
public final class PrimeSieve {
    /**
     * The JVM option the sieving jobs start with: a small young generation. The sieve keeps
     * some 10 MB live, but its start (the pre-sieve's Vector API code before the JIT compiles
     * it, the sieving primes' lists) allocates a few hundred megabytes of short-lived objects,
     * which with the default young generation (a third of a heap sized from the machine's
     * memory) all become resident before the first collection.
     */
    public static final String YOUNG_GEN_OPTION = "-Xmn16m";
    /** 512 KiB: the segment stays in the L2 cache (1 MiB here) while the primes cross it off. */
    static final int SEGMENT_BYTES = 1 << 19;
    /**
     * Pre-sieved primes in groups; each group's pattern repeats every product-of-the-group
     * bytes and is ANDed into the segment eight bytes at a time. The first group's pattern is
     * copied in; the others remove about a quarter of the crossing-off work.
     */
    private static final int[][] PRESIEVED = {{7, 11, 13, 17, 19}, {23, 29, 31}, {37, 41, 43}, {47, 53, 59},
        {61, 67, 71}, {73, 79, 83}, {89, 97, 101}, {103, 107}, {109, 113}, {127, 131}, {137, 139}, {149, 151},
        {157, 163}};
    private static final int FIRST_SIEVING = 167;
    private static final int MAX_PRESIEVED = 163;
    /** 32 KiB, the L1 data cache: the block the tiny primes cross off at a time. */
    private static final int BLOCK_BYTES = 1 << 15;
    /**
     * Primes below this make many wheel turns per block and are crossed off block by block, in
     * L1; above it, visiting a prime in every block costs more than crossing its multiples off
     * in the L2-resident segment. The balance is flat near 4096 (half or twice it is a few
     * percent slower).
     */
    private static final int TINY = 4096;
    /** Windows of at least this many segments pre-sieve on the Vector API (when the JVM has it). */
    private static final long VECTOR_SEGMENTS = 64;
    /** The numbers in VECTOR_SEGMENTS segments, about 1e9: the narrowest window that pre-sieves on the Vector API. */
    public static final long VECTOR_NUMBERS = 30 * VECTOR_SEGMENTS * SEGMENT_BYTES;
    /** Primes at least this large step over a whole segment between multiples. */
    private static final long LARGE = 15L * SEGMENT_BYTES;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Called with each finished segment: bytes [0, len) are absolute bytes first .. first+len-1. */
    public interface SegmentVisitor {
        void visit(byte[] segment, long firstByte, int len);
    }

    private final long lo;
    private final long hi;
    private final long firstByte;
    private final long lastByte;
    private final long segments;

    /**
     * Sieving primes with many multiples per L1-sized block, crossed off block by block; one
     * list per residue mod 30, as {@link WheelCrossing} has code for each.
     */
    private final CrossingList[] tiny = new CrossingList[8];
    /** Sieving primes below LARGE with fewer: crossed off over the whole segment. */
    private final CrossingList[] medium = new CrossingList[8];

    // Larger ones, in the bucket of the segment of their next multiple (circular over segments).
    private final Buckets buckets;

    private PrimeSieve(long lo, long hi) {
        this.lo = lo;
        this.hi = hi;
        this.firstByte = lo / 30;
        this.lastByte = hi / 30;
        this.segments = (lastByte - firstByte) / SEGMENT_BYTES + 1;
        long root = sqrtFloor(hi);
        this.buckets = root >= LARGE ? new Buckets(root, segments) : null;
        for (int r = 0; r < 8; r++) {
            tiny[r] = new CrossingList();
            medium[r] = new CrossingList();
        }
        if (root >= FIRST_SIEVING) {
            forEachBasePrime(root, this::addSievingPrime);
        }
    }

    /**
     * Estimated sieving time per integer near x, in nanoseconds (only the ratios matter: ranks
     * split a range by it). Crossing off: 8/30 of the multiples of each sieving prime
     * p <= sqrt(x), sum 1/p ~ ln ln sqrt(x) - ln ln 167 (Mertens), about 0.9 ns each;
     * visiting each prime above TINY once per segment, 25 ns (the value with which ranks
     * finish together at 1e11); and the pre-sieve and count, a fixed cost.
     */
    public static double costDensity(double x) {
        double root = StrictMath.sqrt(Math.max(x, 4));
        double lnRoot = LN2 * log2(root);
        double crossings = root > FIRST_SIEVING ? LN2 * log2(lnRoot / (LN2 * log2(FIRST_SIEVING))) : 0;
        double visits = root > TINY ? root / lnRoot / (30.0 * SEGMENT_BYTES) : 0;
        return 0.013 + 8.0 / 30 * 0.9 * crossings + 25 * visits;
    }

    private static final double LN2 = 0.6931471805599453;

    /**
     * log2(y) for y >= 1 to within 0.09, plenty for a cost model: the exponent plus the
     * mantissa's straight-line interpolation (this project never calls Math.log).
     */
    static double log2(double y) {
        int e = Math.getExponent(y);
        return e + (y / Math.scalb(1.0, e) - 1);
    }

    /** Number of primes in [lo, hi]; 0 <= lo, any hi (empty when hi < lo). */
    public static long count(long lo, long hi) {
        long[] n = {0};
        sieve(lo, hi, (seg, first, len) -> n[0] += countBits(seg, len));
        return n[0] + wheelPrimes(lo, hi);
    }

    /** Calls sink with every prime in [lo, hi], in increasing order. */
    public static void forEach(long lo, long hi, java.util.function.LongConsumer sink) {
        smallPrimesIn(lo, hi, sink);
        sieve(lo, hi, (seg, first, len) -> emit(seg, first, len, sink));
    }

    /** Runs the sieve over [lo, hi] and hands every segment to the visitor (2, 3, 5 are not in it). */
    public static void sieve(long lo, long hi, SegmentVisitor visitor) {
        if (lo < 0) {
            throw new IllegalArgumentException("lo < 0: " + lo);
        }
        lo = Math.max(lo, 7);
        if (hi < lo) {
            return;
        }
        new PrimeSieve(lo, hi).run(visitor);
    }

    /** How many of 2, 3 and 5 (the primes not on the wheel, not in any segment) lie in [lo, hi]. */
    public static long wheelPrimes(long lo, long hi) {
        return smallPrimesIn(lo, hi, null);
    }

    private static long smallPrimesIn(long lo, long hi, java.util.function.LongConsumer sink) {
        long n = 0;
        for (long p : new long[] {2, 3, 5}) {
            if (lo <= p && p <= hi) {
                n++;
                if (sink != null) {
                    sink.accept(p);
                }
            }
        }
        return n;
    }

    private void addSievingPrime(long p) {
        long start = Math.max(p * p, lo); // p <= sqrt(2^63), so p * p fits
        long q = start / p + (start % p == 0 ? 0 : 1);
        int place = Wheel30.PLACE_UP[(int) (q % 30)];
        q += Wheel30.UP[(int) (q % 30)];
        if (q > hi / p) {
            return; // no multiple of p left in the window
        }
        long offset = p * q / 30 - firstByte;
        int r = Wheel30.BIT[(int) (p % 30)];
        if (p < LARGE) {
            CrossingList list = p < TINY ? tiny[r] : medium[r];
            if (start > lo) {
                list.addWaiting((int) p, offset, place);
            } else {
                list.add((int) p, offset, place);
            }
        } else {
            buckets.add(offset / SEGMENT_BYTES, (int) p, (int) (offset % SEGMENT_BYTES), place);
        }
    }

    private void run(SegmentVisitor visitor) {
        // A window smaller than a segment gets an array of its own size: short windows sieved
        // one after another (tests, the edges of a range) then cost no 512 KiB each.
        byte[] seg = new byte[(int) Math.min(SEGMENT_BYTES, lastByte - firstByte + 1)];
        boolean vector = VectorApi.ENABLED && wide(lo, hi);
        for (long s = 0; s < segments; s++) {
            long start = firstByte + s * SEGMENT_BYTES;
            int len = (int) Math.min(SEGMENT_BYTES, lastByte - start + 1);
            presieve(seg, len, start, vector);
            if (start == 0) {
                seg[0] = (byte) 0xFE; // 7 .. 29 are all prime, 1 is not
            }
            if (start <= MAX_PRESIEVED / 30) {
                restorePresievedPrimes(seg, start, len);
            }
            long pos = s * SEGMENT_BYTES;
            for (int block = 0; block < len; block += BLOCK_BYTES) {
                int blockLen = Math.min(BLOCK_BYTES, len - block);
                for (int r = 0; r < 8; r++) {
                    cross(r, seg, block, blockLen, blockLen == BLOCK_BYTES, tiny[r], pos + block);
                }
            }
            for (int r = 0; r < 8; r++) {
                cross(r, seg, 0, len, len == SEGMENT_BYTES, medium[r], pos);
            }
            if (buckets != null) {
                buckets.cross(s, seg, len, firstByte, lastByte);
            }
            maskEnds(seg, start, len);
            visitor.visit(seg, start, len);
        }
    }

    /**
     * Crosses off the list's multiples in seg[base, base + len), at window offset pos: the
     * generated loops for a full-sized block, {@link ShortCrossing} for a short one and for the
     * primes whose first multiple falls in this block.
     */
    private static void cross(int r, byte[] seg, int base, int len, boolean full, CrossingList list, long pos) {
        if (full) {
            WheelCrossing.cross(r, seg, base, len, list);
        }
        int first = list.admit(pos, len);
        ShortCrossing.cross(r, seg, base, len, list, full ? first : 0);
    }

    /** Whether the window [lo, hi] (0 <= lo <= hi) pre-sieves on the Vector API when the JVM has it. */
    public static boolean wide(long lo, long hi) {
        return wideBytes(hi / 30 - Math.max(lo, 7) / 30 + 1);
    }

    /** Whether a window of this many sieve bytes pre-sieves on the Vector API when the JVM has it. */
    public static boolean wideBytes(long bytes) {
        return (bytes - 1) / SEGMENT_BYTES + 1 >= VECTOR_SEGMENTS;
    }

    /**
     * Pre-sieves seg[0, len) for the segment starting at byte start: the AND of all patterns,
     * on the Vector API if asked. The vector code is over twice as fast once compiled but takes
     * some 40 ms longer to warm up, hence only for windows of VECTOR_SEGMENTS segments or more.
     */
    static void presieve(byte[] seg, int len, long start, boolean vector) {
        byte[][] patterns = Presieve.PATTERNS;
        int[] periods = Presieve.PERIODS;
        if (vector) {
            int[] at = new int[patterns.length];
            for (int g = 0; g < at.length; g++) {
                at[g] = (int) (start % periods[g]);
            }
            PresieveVector.and(seg, len, patterns, at);
        } else {
            presieveScalar(seg, len, start, patterns, periods);
        }
    }

    /** Copies the first pattern, ANDs the others; patterns are a segment longer than their period. */
    static void presieveScalar(byte[] seg, int len, long start, byte[][] patterns, int[] periods) {
        System.arraycopy(patterns[0], (int) (start % periods[0]), seg, 0, len);
        int whole = len & ~7;
        for (int g = 1; g < patterns.length; g++) {
            byte[] pat = patterns[g];
            int at = (int) (start % periods[g]);
            for (int i = 0; i < whole; i += 8) {
                LONGS.set(seg, i, (long) LONGS.get(seg, i) & (long) LONGS.get(pat, at + i));
            }
            for (int i = whole; i < len; i++) {
                seg[i] &= pat[at + i];
            }
        }
    }

    /** The pre-sieved primes themselves were cleared with their multiples: put them back. */
    private static void restorePresievedPrimes(byte[] seg, long start, int len) {
        for (int[] group : PRESIEVED) {
            for (int p : group) {
                long at = p / 30 - start;
                if (at >= 0 && at < len) {
                    seg[(int) at] |= (byte) (1 << Wheel30.BIT[p % 30]);
                }
            }
        }
    }

    /** Clears the bits of numbers below lo or above hi in the window's first and last bytes. */
    private void maskEnds(byte[] seg, long start, int len) {
        if (start == firstByte) {
            for (int b = 0; b < 8; b++) {
                if (30 * firstByte + Wheel30.RESIDUES[b] < lo) {
                    seg[0] &= (byte) ~(1 << b);
                }
            }
        }
        if (start + len - 1 == lastByte) {
            for (int b = 0; b < 8; b++) {
                long n = 30 * lastByte + Wheel30.RESIDUES[b];
                if (n > hi || n < 0) { // n < 0: past Long.MAX_VALUE
                    seg[len - 1] &= (byte) ~(1 << b);
                }
            }
        }
    }

    /** Primes marked in the first len bytes of a segment. */
    public static long countBits(byte[] seg, int len) {
        long n = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            n += Long.bitCount((long) LONGS.get(seg, i));
        }
        for (; i < len; i++) {
            n += Integer.bitCount(seg[i] & 0xFF);
        }
        return n;
    }

    private static void emit(byte[] seg, long first, int len, java.util.function.LongConsumer sink) {
        for (int i = 0; i < len; i++) {
            int bits = seg[i] & 0xFF;
            long base = 30 * (first + i);
            while (bits != 0) {
                int b = Integer.numberOfTrailingZeros(bits);
                sink.accept(base + Wheel30.RESIDUES[b]);
                bits &= bits - 1;
            }
        }
    }

    /** The primes from 23 to limit, in order: a plain sieve for small limits, else this sieve. */
    private static void forEachBasePrime(long limit, java.util.function.LongConsumer sink) {
        if (limit < (1 << 16)) {
            boolean[] composite = new boolean[(int) limit + 1];
            for (int p = 2; (long) p * p <= limit; p++) {
                if (!composite[p]) {
                    for (int m = p * p; m <= limit; m += p) {
                        composite[m] = true;
                    }
                }
            }
            for (int p = FIRST_SIEVING; p <= limit; p++) {
                if (!composite[p]) {
                    sink.accept(p);
                }
            }
        } else {
            sieve(FIRST_SIEVING, limit, (seg, first, len) -> emit(seg, first, len, sink));
        }
    }

    static long sqrtFloor(long n) {
        long r = (long) Math.sqrt((double) n);
        while (r * r > n) {
            r--;
        }
        while ((r + 1) * (r + 1) <= n && (r + 1) * (r + 1) > 0) {
            r++;
        }
        return r;
    }

    /** The pre-sieved patterns, one per group, each one segment longer than its period. */
    static final class Presieve {
        static final int[] PERIODS = new int[PRESIEVED.length];
        static final byte[][] PATTERNS = new byte[PRESIEVED.length][];

        static {
            for (int g = 0; g < PRESIEVED.length; g++) {
                int period = 1;
                for (int p : PRESIEVED[g]) {
                    period *= p;
                }
                PERIODS[g] = period;
                byte[] pat = new byte[period + SEGMENT_BYTES];
                java.util.Arrays.fill(pat, (byte) 0xFF);
                for (int p : PRESIEVED[g]) {
                    // Clear p q for q coprime to 30 (all multiples of p on the wheel).
                    for (long m = p; m < 30L * pat.length; m += 2L * p) {
                        int bit = Wheel30.BIT[(int) (m % 30)];
                        if (bit >= 0) {
                            pat[(int) (m / 30)] &= (byte) ~(1 << bit);
                        }
                    }
                }
                PATTERNS[g] = pat;
            }
        }
    }

    /**
     * Large sieving primes by the segment of their next multiple: a circular array of
     * buckets, as a prime's next multiple is at most p / 5 + 1 bytes ahead.
     */
    private static final class Buckets {
        private final int[][] primes;
        private final int[][] where; // byte in segment << 3 | wheel place
        private final int[] sizes;
        private final int slots;
        private final long segments;

        Buckets(long maxPrime, long segments) {
            this.segments = segments;
            this.slots = (int) Math.min(segments, maxPrime / 5 / SEGMENT_BYTES + 3);
            primes = new int[slots][];
            where = new int[slots][];
            sizes = new int[slots];
        }

        void add(long segment, int p, int byteInSegment, int place) {
            if (segment >= segments) {
                return; // beyond the window
            }
            int s = (int) (segment % slots);
            if (primes[s] == null) {
                primes[s] = new int[16];
                where[s] = new int[16];
            } else if (sizes[s] == primes[s].length) {
                primes[s] = java.util.Arrays.copyOf(primes[s], 2 * sizes[s]);
                where[s] = java.util.Arrays.copyOf(where[s], 2 * sizes[s]);
            }
            primes[s][sizes[s]] = p;
            where[s][sizes[s]] = byteInSegment << 3 | place;
            sizes[s]++;
        }

        void cross(long segment, byte[] seg, int len, long firstByte, long lastByte) {
            int s = (int) (segment % slots);
            int n = sizes[s];
            int[] ps = primes[s];
            int[] ws = where[s];
            sizes[s] = 0;
            if (n == 0) {
                return;
            }
            // The bucket is emptied first: primes may come back into it only for a later turn.
            primes[s] = null;
            where[s] = null;
            for (int i = 0; i < n; i++) {
                long p = ps[i] & 0xFFFFFFFFL;
                int b = ws[i] >>> 3;
                int j = ws[i] & 7;
                int r = Wheel30.BIT[(int) (p % 30)];
                if (b < len) {
                    seg[b] &= (byte) ~Wheel30.MASK[r][j];
                }
                long next = segment * SEGMENT_BYTES + b + (p / 30) * Wheel30.GAPS[j] + Wheel30.CARRY[r][j];
                add(next / SEGMENT_BYTES, (int) p, (int) (next % SEGMENT_BYTES), (j + 1) & 7);
            }
            if (primes[s] == null) { // keep the arrays for reuse
                primes[s] = ps;
                where[s] = ws;
            }
        }
    }
}
