package mpjnumerics.kernel.primecount;

import java.util.Arrays;
import mpjnumerics.kernel.primes.PrimeSieve;

/**
 * pi(x) by the combinatorial method of Lagarias, Miller and Odlyzko as refined by Deleglise and
 * Rivat: with y = alpha x^(1/3) (x^(1/3) <= y <= x^(1/2)), a = pi(y), z = x / y and c = 7,
 *
 * <pre>
 *   pi(x) = S1 + S2 + a - 1 - P2
 *   S1 = sum over squarefree m <= y with lpf(m) > p_c of mu(m) phi(x/m, c)     (ordinary leaves)
 *   S2 = - sum over c < b < a, m <= y < p_b m, lpf(m) > p_b of mu(m) phi(x/(p_b m), b-1)
 *   P2 = sum over a < b <= pi(sqrt x) of (pi(x/p_b) - b + 1)
 * </pre>
 *
 * S2 splits into easy leaves (p_b > sqrt(y), m = q prime, x/(p_b q) < y: phi is 1 or
 * pi(n) - b + 2, read from a table of pi up to y, a run of q with the same pi(n) at a time) and
 * hard leaves (the rest, n in [y, z]: {@link HardLeaves}, a sieve of [0, z]).
 *
 * <p>Every part is cut into blocks that depend only on x, computed independently (on any rank,
 * in any order) and combined by {@link #finish}. All sums are taken modulo 2^64 (plain long
 * arithmetic): intermediate sums may leave the long range, but the result, below 2^63, comes
 * out exact.
 */
public final class DelegliseRivat {
    /** Below this the tables up to x itself answer directly. */
    public static final long SMALL = 10_000;

    final long x;
    final long y;
    final long z;
    final long sqrtX;
    final Tables tables;
    final int a;
    /** pi(sqrt(y)), at most a - 1: from there on the leaves' m are primes. */
    final int piSqrtY;
    /** The largest b with hard leaves: p_b p_{b+1} <= z (at least piSqrtY). */
    final int bHardMax;
    private final HardLeaves hard;
    /** Easy leaves: block k covers b in [easyStart[k], easyStart[k+1]). */
    private final int[] easyStart;
    /** P2: block k covers the values [p2Start[k], p2Start[k+1]). */
    private final long[] p2Start;
    private final int s1Blocks;

    /** The plan for x >= {@link #SMALL}, y = alpha x^(1/3) clamped to [x^(1/3), x^(1/2)]. */
    public DelegliseRivat(long x, double alpha) {
        if (x < SMALL) {
            throw new IllegalArgumentException("x < " + SMALL + ": " + x);
        }
        this.x = x;
        this.sqrtX = IntMath.isqrt(x);
        this.y = y(x, alpha);
        this.z = x / y;
        this.tables = new Tables((int) y, true);
        this.a = tables.a();
        this.piSqrtY = Math.min(tables.pi(IntMath.isqrt(y)), a - 1);
        int bh = piSqrtY;
        while (bh + 1 <= a - 1 && (long) tables.primes[bh + 1] * tables.primes[bh + 2] <= z) {
            bh++;
        }
        this.bHardMax = bh;
        // A segment of about 4 sqrt(z) odd numbers, within 4 KiB and 32 KiB of bits (the L1 cache):
        // smaller ones repeat every sieving prime's set-up too often, larger ones leave the cache.
        int segBits = Integer.highestOneBit((int) Math.min(1 << 30, 4 * IntMath.isqrt(z)));
        segBits = Math.max(1 << 15, Math.min(1 << 18, segBits));
        this.hard = new HardLeaves(this, segBits, 512);
        this.easyStart = easyBlocks(256);
        this.p2Start = cutP2(x, sqrtX, z);
        this.s1Blocks = (int) Math.min(16, y / 4096 + 1);
    }

    public DelegliseRivat(long x) {
        this(x, defaultAlpha(x));
    }

    /**
     * The alpha that balances the hard leaves' sieve of [0, x/y] against the easy leaves and
     * tables (which grow with y), as measured on this kernel: 8 at 10^13, 2 more per decimal
     * digit beyond (pi(1e17) on one thread: alpha 11 40 s, 14 38 s, 18 37 s); smaller below,
     * where the tables' set-up weighs more.
     */
    public static double defaultAlpha(long x) {
        int bits = 64 - Long.numberOfLeadingZeros(x);
        double digits = bits * 0.30103;
        return digits <= 13 ? Math.max(1, digits - 5) : 8 + 2 * (digits - 13);
    }

    public long x() {
        return x;
    }

    public long y() {
        return y;
    }

    public long z() {
        return z;
    }

    // ---- ordinary leaves

    public int s1Blocks() {
        return s1Blocks;
    }

    /** The ordinary leaves with m in block k of the numbers coprime to 30 up to y. */
    public long s1(int k) {
        int size = (int) ((y / 30) * 8 + 8);
        int from = (int) ((long) size * k / s1Blocks);
        int to = (int) ((long) size * (k + 1) / s1Blocks);
        long s = 0;
        for (int i = from; i < to; i++) {
            long m = Tables.numberAt(i);
            if (m > y) {
                break;
            }
            int f = tables.factorAt(i);
            if (f > 17) {
                s += PhiTiny.phi(x / m);
            } else if (f < -17) {
                s -= PhiTiny.phi(x / m);
            }
        }
        return s;
    }

    // ---- easy leaves

    public int easyBlocks() {
        return easyStart.length - 1;
    }

    /** Cuts b in (max(c, piSqrtY), a) into blocks of about equal estimated cost. */
    private int[] easyBlocks(int target) {
        int first = Math.max(PhiTiny.C, piSqrtY) + 1;
        int last = a - 1;
        if (last < first) {
            return new int[] {first, first};
        }
        long[] cost = new long[last - first + 1];
        long total = 0;
        for (int b = first; b <= last; b++) {
            long p = tables.primes[b];
            long xp = x / p;
            long qLo = Math.max(p, z / p);
            long qHi = Math.min(y, xp / p);
            long leaves = qHi > qLo ? tables.pi(qHi) - tables.pi(qLo) : 0;
            cost[b - first] = 8 + leaves;
            total += cost[b - first];
        }
        int[] starts = new int[target + 1];
        int n = 0;
        starts[n++] = first;
        long acc = 0;
        for (int b = first; b <= last; b++) {
            acc += cost[b - first];
            if (acc * target >= total * n && n < target && b < last) {
                starts[n++] = b + 1;
            }
        }
        starts[n++] = last + 1;
        return Arrays.copyOf(starts, n);
    }

    /** Runs of clustered leaves stepped side by side in {@link #easy} (4 are some 5% slower). */
    static final int LANES = 8;

    /** The easy leaves (including the trivial ones, phi = 1) of b in block k. */
    public long easy(int k) {
        long s = 0;
        int[] pr = tables.primes;
        Runs runs = new Runs();
        for (int b = easyStart[k]; b < easyStart[k + 1]; b++) {
            long p = pr[b];
            long xp = x / p;
            long qLo = Math.max(p, z / p); // q > z/p: n = xp/q < y
            if (qLo >= y) {
                continue;
            }
            long tq = Math.min(y, Math.max(qLo, xp / p)); // q > xp/p: n < p, phi = 1
            int jT = tables.pi(tq);
            s += a - jT;
            int j = tables.pi(qLo) + 1;
            // Sparse leaves, q <= sqrt(xp) (n >= q): neighbouring q rarely share pi(n), one at a time.
            int jS = Math.min(jT, tables.pi(Math.min(y, IntMath.isqrt(xp))));
            if (jS >= j) {
                long piSum = 0;
                for (int i = j; i <= jS; i++) {
                    piSum += tables.pi(xp / pr[i]);
                }
                s += piSum + (long) (jS - j + 1) * (2 - b);
                j = jS + 1;
            }
            if (j <= jT && runs.add(b, xp, j, jT)) {
                s += clustered(runs);
                runs.clear();
            }
        }
        return s + clustered(runs);
    }

    /**
     * The clustered leaves, q > sqrt(xp), of the runs gathered: for each, a run of q with the
     * same pi(n) = v at a time, as every q up to xp / p_v has it. Each step of a run waits for
     * the last (two divisions and two reads of the pi table, some 60 cycles); the runs of
     * {@link #LANES} neighbouring b, about equally long, are stepped side by side so that the
     * core overlaps their waits.
     */
    private long clustered(Runs r) {
        int[] pr = tables.primes;
        long s = 0;
        for (int active = r.n; active > 0;) {
            active = 0;
            for (int l = 0; l < r.n; l++) {
                int j = r.j[l];
                if (j <= r.jT[l]) {
                    long xp = r.xp[l];
                    int v = tables.pi(xp / pr[j]);
                    int e = Math.min(r.jT[l], tables.pi(Math.min(y, xp / pr[v])));
                    s += (long) (e - j + 1) * (v - r.b[l] + 2);
                    r.j[l] = e + 1;
                    active++;
                }
            }
        }
        return s;
    }

    /** Up to {@link #LANES} runs of clustered leaves: b, x / p_b, and the range [j, jT] of q's index. */
    private static final class Runs {
        final int[] b = new int[LANES];
        final long[] xp = new long[LANES];
        final int[] j = new int[LANES];
        final int[] jT = new int[LANES];
        int n;

        /** Adds a run; returns whether all lanes are taken. */
        boolean add(int b, long xp, int j, int jT) {
            this.b[n] = b;
            this.xp[n] = xp;
            this.j[n] = j;
            this.jT[n] = jT;
            return ++n == LANES;
        }

        void clear() {
            n = 0;
        }
    }

    // ---- hard leaves

    public int hardBlocks() {
        return hard.blocks;
    }

    /** Block k of the hard leaves: see {@link HardLeaves#block}. */
    public long[] hard(int k) {
        return hard.block(k, () -> {});
    }

    /**
     * Block k of the hard leaves, calling {@code betweenSegments} after each of its sieve
     * segments: the first blocks take up to a tenth of the whole count, and a rank that deals
     * work to others must answer them meanwhile.
     */
    public long[] hard(int k, Runnable betweenSegments) {
        return hard.block(k, betweenSegments);
    }

    // ---- P2

    /**
     * Cuts [0, z] for P2. A block of values [L, H] holds the primes p in (x/(H+1), x/L], about
     * (H - L) x / L^2 numbers: near sqrt(x) as many as the values, so blocks there are kept
     * to 2^23 L^2 / x values (at most 2^23 numbers to take primes p from, a few MB); elsewhere
     * z / 64 values.
     */
    private static long y(long x, double alpha) {
        long cbrt = IntMath.icbrt(x);
        return Math.max(cbrt, Math.min((long) (alpha * cbrt), IntMath.isqrt(x)));
    }

    /**
     * Whether pi(x) with the default alpha sieves a window of P2 wide enough for the sieve's
     * Vector API pre-sieve ({@link PrimeSieve#wide}), as it does from about x = 1.3e18.
     */
    public static boolean sievesWideWindows(long x) {
        if (x < SMALL) {
            return false;
        }
        long sqrtX = IntMath.isqrt(x);
        long y = y(x, defaultAlpha(x));
        long[] cut = cutP2(x, sqrtX, x / y);
        for (int k = 0; k + 1 < cut.length; k++) {
            long lo = cut[k];
            long hi = cut[k + 1] - 1;
            long pLo = Math.max(y, x / (hi + 1)) + 1;
            long pHi = lo == 0 ? sqrtX : Math.min(sqrtX, x / lo);
            if ((lo <= hi && PrimeSieve.wide(lo, hi)) || (pLo <= pHi && PrimeSieve.wide(pLo, pHi))) {
                return true;
            }
        }
        return false;
    }

    private static long[] cutP2(long x, long sqrtX, long z) {
        long[] starts = new long[64];
        int n = 0;
        long lo = 0;
        while (lo <= z) {
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, 2 * n);
            }
            starts[n++] = lo;
            long size;
            if (lo < sqrtX) { // no value x/p lies below sqrt(x): only primes to count
                size = Math.max(1 << 20, Math.min(z / 64 + 1, sqrtX - lo));
            } else {
                double ratio = (double) lo * lo / x; // at least 1 here
                size = (long) Math.min(z / 64 + 1, ratio * (1 << 23));
            }
            lo = Math.min(z + 1, lo + size);
        }
        starts = Arrays.copyOf(starts, n + 1);
        starts[n] = z + 1;
        return starts;
    }

    public int p2Blocks() {
        return p2Start.length - 1;
    }

    /**
     * Block k of P2: the values v = x/p for primes y < p <= sqrt(x) that fall in
     * block k of [0, z]: {sum of pi over the block up to each v, how many v, primes in the block}.
     */
    public long[] p2(int k) {
        long lo = p2Start[k];
        long hi = p2Start[k + 1] - 1;
        if (lo > hi) {
            return new long[] {0, 0, 0};
        }
        long pHi = lo == 0 ? sqrtX : Math.min(sqrtX, x / lo);
        long pLo = Math.max(y, x / (hi + 1)); // exclusive
        P2Values values = new P2Values(x, pLo, pHi);
        PrimeSieve.sieve(lo, hi, values);
        // Values past the last segment (none have bits there) and the wheel primes 2, 3, 5,
        // the same for every v (all v >= sqrt(x) > 5).
        long sum = values.sum + (long) values.left() * values.running + (long) values.count * PrimeSieve.wheelPrimes(lo, 5);
        return new long[] {sum, values.count, values.running + PrimeSieve.wheelPrimes(lo, hi)};
    }

    /**
     * The values v = x/p of a P2 block for the primes p in (pLo, pHi], in increasing order (p
     * from the largest down), and the sum of the primes (7 and up) from the block's start to
     * each, as the sieve of the block hands over its segments. The primes are kept as offsets
     * from pLo (the range spans at most about 2^23 numbers) in an array sized once by the
     * prime number theorem: a P2 block near sqrt(x) holds some 400 thousand of them, and
     * arrays of longs grown by doubling made most of the job's garbage.
     */
    private static final class P2Values implements PrimeSieve.SegmentVisitor {
        private final long x;
        private final long pLo;
        private int[] offsets;
        /** The primes kept. */
        int count;
        /** The next value's index (ascending v), and that value. */
        private int next;
        private long v;
        long sum;
        /** Primes (7 and up) from the block's start to the current segment's. */
        long running;

        P2Values(long x, long pLo, long pHi) {
            this.x = x;
            this.pLo = pLo;
            if (pHi > pLo) {
                // ln(pLo) from below (the project takes no logarithm): the estimate errs high
                double expected = (pHi - pLo) / (0.6931 * (63 - Long.numberOfLeadingZeros(pLo)));
                offsets = new int[(int) (1.1 * expected) + 64];
                PrimeSieve.forEach(pLo + 1, pHi, this::keep);
            }
            this.v = count > 0 ? value(0) : Long.MAX_VALUE;
        }

        private void keep(long p) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * count);
            }
            offsets[count++] = (int) (p - pLo);
        }

        /** The i-th value, ascending. */
        private long value(int i) {
            return x / (pLo + offsets[count - 1 - i]);
        }

        int left() {
            return count - next;
        }

        @Override
        public void visit(byte[] seg, long first, int len) {
            long segEnd = 30 * (first + len); // exclusive
            int cursor = 0;
            long inSeg = 0;
            while (v < segEnd) {
                int byteAt = (int) (v / 30 - first);
                while (cursor < byteAt) {
                    inSeg += Integer.bitCount(seg[cursor++] & 0xFF);
                }
                int mask = MASK_UP_TO[(int) (v % 30)];
                sum += running + inSeg + Integer.bitCount(seg[byteAt] & mask);
                v = ++next < count ? value(next) : Long.MAX_VALUE;
            }
            running += PrimeSieve.countBits(seg, len);
        }
    }

    /** For r = n mod 30: the bits of the wheel byte for residues <= r. */
    private static final int[] MASK_UP_TO = new int[30];

    static {
        for (int r = 0; r < 30; r++) {
            int m = 0;
            for (int b = 0; b < 8; b++) {
                if (Tables.RES[b] <= r) {
                    m |= 1 << b;
                }
            }
            MASK_UP_TO[r] = m;
        }
    }

    // ---- the whole

    /** The parts, combined: pi(x) and the value of each part. */
    public record Result(long pi, long s1, long s2Easy, long s2Hard, long p2) {}

    /** Combines the parts' block results, each array indexed by block. */
    public Result finish(long[] s1, long[] easy, long[][] p2, long[][] hard) {
        long sS1 = 0;
        for (long v : s1) {
            sS1 += v;
        }
        long sEasy = 0;
        for (long v : easy) {
            sEasy += v;
        }
        long sHard = 0;
        long[] prefix = new long[bHardMax + 2];
        for (long[] h : hard) {
            int len = (int) h[1];
            sHard += h[0];
            for (int b = 0; b < len; b++) {
                sHard += h[2 + b] * prefix[b];
            }
            for (int b = 0; b < len; b++) {
                prefix[b] += h[2 + len + b];
            }
        }
        long sP2 = 0;
        long before = 0;
        long k = 0;
        for (long[] p : p2) {
            sP2 += p[0] + p[1] * before;
            before += p[2];
            k += p[1];
        }
        sP2 -= k * (a - 1) + k * (k + 1) / 2; // sum of (b - 1) for b = a+1 .. a+k
        long pi = sS1 + sEasy + sHard + a - 1 - sP2;
        return new Result(pi, sS1, sEasy, sHard, sP2);
    }

    /** The whole computation on this thread. */
    public Result computeAll() {
        long[] s1 = new long[s1Blocks()];
        for (int k = 0; k < s1.length; k++) {
            s1[k] = s1(k);
        }
        long[] easy = new long[easyBlocks()];
        for (int k = 0; k < easy.length; k++) {
            easy[k] = easy(k);
        }
        long[][] p2 = new long[p2Blocks()][];
        for (int k = 0; k < p2.length; k++) {
            p2[k] = p2(k);
        }
        long[][] h = new long[hardBlocks()][];
        for (int k = 0; k < h.length; k++) {
            h[k] = hard(k);
        }
        return finish(s1, easy, p2, h);
    }

    /** pi(x) for 0 <= x, sequentially. */
    public static long pi(long x) {
        if (x < SMALL) {
            return x < 2 ? 0 : new Tables((int) x, false).pi(x);
        }
        return new DelegliseRivat(x).computeAll().pi();
    }

    /** The number of primes in [lo, hi], 0 <= lo, as pi(hi) - pi(lo - 1) (0 when hi < lo). */
    public static long count(long lo, long hi) {
        if (hi < Math.max(lo, 2)) {
            return 0;
        }
        return pi(hi) - (lo <= 2 ? 0 : pi(lo - 1));
    }
}
