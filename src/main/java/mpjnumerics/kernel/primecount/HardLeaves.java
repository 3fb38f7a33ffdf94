package mpjnumerics.kernel.primecount;

/**
 * The hard special leaves of Deleglise-Rivat: -mu(m) phi(n, b-1) with n = x / (p_b m) in
 * [0, z], found by sieving [0, z] in segments with the primes p_{c+1}, p_{c+2}, ... in turn
 * and counting the survivors below each leaf's n.
 *
 * <p>The segments are grouped into blocks, each computed on its own: a block counts survivors
 * from its own start, so its leaves come out as sum + sum over b of muSum[b] phi(start, b-1),
 * where phi(start, b-1) is the total of the earlier blocks' survivor counts cnt[b]. The job
 * computes blocks in any order on any rank and {@link DelegliseRivat#finish} combines them in
 * block order.
 *
 * <p>The sieve keeps odd numbers only, one bit each, and a counter per {@code 2^cshift} bits,
 * so counting the survivors up to n costs the counters before n plus a few words. A leaf's
 * count is taken from a cursor that only moves forward, since for each b the leaves come in
 * increasing order of n.
 */
final class HardLeaves {
    private final DelegliseRivat d;
    private final long x;
    private final long y;
    private final long z;
    private final int[] primes;
    private final Tables t;
    /** Bits (odd numbers) per segment, a power of two; a segment spans twice as many numbers. */
    final int segBits;
    final long segNumbers;
    private final int cshift;
    /** The sieve runs over [0, limit). */
    final long limit;
    final long segments;
    final int blocks;

    HardLeaves(DelegliseRivat d, int segBits, int maxBlocks) {
        this.d = d;
        this.x = d.x;
        this.y = d.y;
        this.z = d.z;
        this.t = d.tables;
        this.primes = t.primes;
        this.segBits = segBits;
        this.segNumbers = 2L * segBits;
        this.cshift = Math.max(6, (31 - Integer.numberOfLeadingZeros(segBits) + 1) / 2);
        this.limit = z + 1;
        this.segments = (limit + segNumbers - 1) / segNumbers;
        this.blocks = (int) Math.min(segments, maxBlocks);
    }

    /** First segment of block k (k = blocks: one past the last). */
    long segStart(int k) {
        return segments * k / blocks;
    }

    /** The largest b with a hard leaf n >= low (an upper bound): b <= piSqrtY have leaves all the way up. */
    int bMax(long low) {
        if (low <= 0) {
            return d.bHardMax;
        }
        long r = IntMath.isqrt(x / low);
        int b = r >= y ? t.a() : t.pi(r);
        return Math.max(d.piSqrtY, Math.min(d.bHardMax, b));
    }

    /**
     * Block k: {sum, len, muSum[0 .. len), cnt[0 .. len)}. cnt[b] (survivors of the first b-1
     * primes in the block) is complete for b <= bMax(end of block), all that later blocks use.
     * {@code betweenSegments} runs after each segment.
     */
    long[] block(int k, Runnable betweenSegments) {
        int c = PhiTiny.C;
        long lowStart = segStart(k) * segNumbers;
        long end = Math.min(limit, segStart(k + 1) * segNumbers);
        int bm0 = bMax(lowStart);
        int len = bm0 + 1;
        long[] phi = new long[len];
        long[] mu = new long[len];
        // Multiples p k with k coprime to 30 (the others are gone with 2, 3 and 5): next p k and k's place on the wheel.
        long[] next = new long[len];
        int[] wheel = new int[len];
        firstMultiples(lowStart, bm0, next, wheel);
        Segment sg = new Segment(segBits, cshift);
        long[] bits = sg.bits;
        int[] counters = sg.counters;
        long sum = 0;
        for (long low = lowStart; low < end; low += segNumbers) {
            long high = Math.min(low + segNumbers, end);
            int bm = bMax(low);
            int nbits = (int) ((high - low) / 2);
            long total = presieve(bits, counters, low, high, nbits);
            for (int b = c + 1; b <= bm; b++) {
                long p = primes[b];
                long xp = x / p;
                long base = phi[b];
                long s = 0;
                long n = 0;
                sg.ci = 0;
                sg.acc = 0;
                if (b <= d.piSqrtY) {
                    // m squarefree, lpf(m) > p, y/p < m <= y, and n = xp/m in [low, high).
                    long mHi = low == 0 ? y : Math.min(y, xp / low);
                    long mLo = Math.max(y / p, xp / high) + 1;
                    if (mHi >= mLo) {
                        while (Tables.POS[(int) (mHi % 30)] < 0) {
                            mHi--;
                        }
                        int idx = (int) ((mHi / 30) * 8 + Tables.POS[(int) (mHi % 30)]);
                        for (long m = mHi; m >= mLo; m = Tables.numberAt(--idx)) {
                            int f = t.factorAt(idx);
                            if (f > p) {
                                s -= base + sg.count(xp / m, low);
                                n--;
                            } else if (f < -p) {
                                s += base + sg.count(xp / m, low);
                                n++;
                            }
                            if (idx == 0) {
                                break;
                            }
                        }
                    }
                } else {
                    s = primeLeaves(sg, b, p, xp, base, low, high, mu);
                }
                sum += s;
                mu[b] += n;
                phi[b] += total;
                if (b < bm) {
                    total -= crossOff(bits, counters, b, p, low, high, next, wheel);
                }
            }
            betweenSegments.run();
        }
        long[] out = new long[2 + 2 * len];
        out[0] = sum;
        out[1] = len;
        System.arraycopy(mu, 0, out, 2, len);
        System.arraycopy(phi, 0, out, 2 + len, len);
        return out;
    }

    /**
     * b > piSqrtY: the leaves with m = q prime, p < q <= min(y, z/p) (so n >= y), and
     * n = xp/q in [low, high) (xp = x/p); adds their count to mu[b] and returns the sum of their
     * phi(n, b-1). A method of its own for the JIT, as {@link #crossOff}.
     */
    private long primeLeaves(Segment sg, int b, long p, long xp, long base, long low, long high, long[] mu) {
        long qHi = Math.min(y, z / p);
        if (low > 0) {
            qHi = Math.min(qHi, xp / low);
        }
        long qLo = Math.max(p, xp / high);
        if (qHi <= qLo) {
            return 0;
        }
        long s = 0;
        int jLo = t.pi(qLo);
        int jHi = t.pi(qHi);
        for (int j = jHi; j > jLo; j--) {
            s += base + sg.count(xp / primes[j], low);
        }
        mu[b] += jHi - jLo;
        return s;
    }

    /**
     * Crosses off p = p_b's multiples in [low, high) from next[b] on; returns the survivors
     * it hit (each also leaves its counter). A method of its own, compiled on its own: as a
     * loop of {@link #block}, each entry of the JIT into it compiled the whole block again
     * (the squarefree leaves' loop stays: on its own, it ran 4-6% slower).
     */
    private long crossOff(long[] bits, int[] counters, int b, long p, long low, long high, long[] next, int[] wheel) {
        long m = next[b];
        int wi = wheel[b];
        long removed = 0;
        for (; m < high; wi = (wi + 1) & 7) {
            int i = (int) ((m - low) >>> 1);
            long w = bits[i >>> 6];
            long hit = (w >>> i) & 1; // branch-free: whether a survivor is hit is a coin toss
            bits[i >>> 6] = w & ~(1L << i);
            counters[i >>> cshift] -= (int) hit;
            removed += hit;
            m += p * GAPS[wi];
        }
        next[b] = m;
        wheel[b] = wi;
        return removed;
    }

    /**
     * For b = c+1 .. bm0: the first multiple p_b k >= lowStart with k coprime to 30, and k's
     * place on the wheel. A method of its own: as a loop of {@link #block} it made the JIT
     * compile the whole block twice more (on-stack, to enter this loop).
     */
    private void firstMultiples(long lowStart, int bm0, long[] next, int[] wheel) {
        for (int b = PhiTiny.C + 1; b <= bm0; b++) {
            long p = primes[b];
            long q = Math.max(1, (lowStart + p - 1) / p);
            while (Tables.POS[(int) (q % 30)] < 0) {
                q++;
            }
            next[b] = p * q;
            wheel[b] = Tables.POS[(int) (q % 30)];
        }
    }

    /** One block's sieve: its bits, counters and the count's cursor (blocks may run on several threads). */
    private static final class Segment {
        final long[] bits;
        final int[] counters;
        final int cshift;
        /** Counters before ci are summed in acc. */
        int ci;
        long acc;

        Segment(int segBits, int cshift) {
            this.bits = new long[segBits >>> 6];
            this.counters = new int[segBits >>> cshift];
            this.cshift = cshift;
        }

        /** Survivors in [low, n], n in [low, high); the cursor must not have passed n. */
        long count(long n, long low) {
            int last = (int) ((n - low - 1) >> 1); // index of the largest odd number <= n
            int lim = (last + 1) >>> cshift;
            while (ci < lim) {
                acc += counters[ci++];
            }
            long c = acc;
            int w = (ci << cshift) >>> 6;
            int lw = last >> 6;
            for (; w < lw; w++) {
                c += Long.bitCount(bits[w]);
            }
            if (w == lw && last >= 0) {
                c += Long.bitCount(bits[w] & (-1L >>> (63 - (last & 63))));
            }
            return c;
        }
    }

    /** Wheel-30 gaps between the numbers coprime to 30, from each residue of {@link Tables#RES} to the next. */
    private static final int[] GAPS = {6, 4, 2, 4, 2, 4, 6, 2};
    /** Odd numbers per period of the pre-sieve pattern: 3 5 7 11 13 17. */
    private static final int PERIOD = 3 * 5 * 7 * 11 * 13 * 17;
    /**
     * Bit j: 2 j + 1 is divisible by none of 3 .. 17 (so 3 .. 17 themselves are off, 1 is on), for j in [0, PERIOD + 2^18 + 128): any
     * segment's first bits start somewhere in the first period.
     */
    private static final long[] PATTERN = pattern();

    private static long[] pattern() {
        int n = PERIOD + (1 << 18) + 128;
        long[] pat = new long[n / 64 + 2];
        for (int j = 0; j < n; j++) {
            long v = 2L * j + 1;
            if (v % 3 != 0 && v % 5 != 0 && v % 7 != 0 && v % 11 != 0 && v % 13 != 0 && v % 17 != 0) {
                pat[j >>> 6] |= 1L << j;
            }
        }
        return pat;
    }

    /** Sets the segment's bits to the odd numbers free of 3 .. 17 (1 included), fills the counters; returns the survivors. */
    private long presieve(long[] bits, int[] counters, long low, long high, int nbits) {
        int o = (int) ((low >>> 1) % PERIOD); // the pattern's bit of low + 1
        int ow = o >>> 6;
        int sh = o & 63;
        int words = (nbits + 63) >>> 6;
        if (sh == 0) {
            System.arraycopy(PATTERN, ow, bits, 0, words);
        } else {
            for (int w = 0; w < words; w++) {
                bits[w] = (PATTERN[ow + w] >>> sh) | (PATTERN[ow + w + 1] << (64 - sh));
            }
        }
        java.util.Arrays.fill(bits, words, bits.length, 0);
        if ((nbits & 63) != 0) {
            bits[words - 1] &= -1L >>> (64 - (nbits & 63));
        }
        long total = 0;
        int per = 1 << (cshift - 6);
        for (int k = 0; k < counters.length; k++) {
            int n = 0;
            for (int w = k * per; w < (k + 1) * per; w++) {
                n += Long.bitCount(bits[w]);
            }
            counters[k] = n;
            total += n;
        }
        return total;
    }
}
