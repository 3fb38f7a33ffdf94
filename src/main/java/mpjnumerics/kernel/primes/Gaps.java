package mpjnumerics.kernel.primes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Gaps between consecutive primes of a window: how many primes, the first and last, a
 * histogram of gap sizes, and the maximal-gap records (each gap larger than every earlier gap
 * of the window, with the prime before it), the last of which is the largest gap at its first
 * occurrence.
 *
 * <p>Fed by one sieve run over the window, in order (it is the run's {@link
 * PrimeSieve.SegmentVisitor}), after {@link #addWheelPrimes}. The primes are found by walking
 * the set bits of each 8-byte word, without materialising them. The statistics of adjacent
 * windows join exactly ({@link #then}): the gap between them is the later window's first prime
 * minus the earlier one's last, so ranks and segments may cut the range anywhere.
 */
public final class Gaps implements PrimeSieve.SegmentVisitor {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final double LN2 = 0.6931471805599453;

    private long primes;
    private long first = -1;
    private long last = -1;
    /** histogram[g]: gaps of size g. Always longer than the largest gap. */
    private long[] histogram = new long[256];
    private int records;
    private long[] recordGap = new long[16];
    private long[] recordAfter = new long[16];

    /** Time to walk one prime, in the nanoseconds of {@link PrimeSieve#costDensity}. */
    private static final double WALK_NANOS = 2.0;

    /**
     * Estimated time per integer near x to sieve and walk the primes (1 / ln x of the
     * integers are prime), for splitting a range over ranks.
     */
    public static double costDensity(double x) {
        return PrimeSieve.costDensity(x) + WALK_NANOS / ln(Math.max(x, 3));
    }

    /** Statistics of the primes in [lo, hi]; 0 <= lo, any hi. */
    public static Gaps of(long lo, long hi) {
        Gaps g = new Gaps();
        g.addWheelPrimes(lo, hi);
        PrimeSieve.sieve(lo, hi, g);
        return g;
    }

    /** Adds 2, 3 and 5 where they lie in [lo, hi] (the sieve's bytes hold only primes from 7). */
    public void addWheelPrimes(long lo, long hi) {
        for (long p = 2; p <= 5; p++) {
            if (p != 4 && lo <= p && p <= hi) {
                add(p);
            }
        }
    }

    private void add(long p) {
        if (last >= 0) {
            gap(p - last, last, 1);
        } else {
            first = p;
        }
        last = p;
        primes++;
    }

    /** Counts n gaps of size g, the first of them after prime {@code after}. */
    private void gap(long g, long after, long n) {
        if (g >= histogram.length) { // a record too, since the histogram outgrows every gap
            histogram = Arrays.copyOf(histogram, (int) Math.max(g + 1, 2L * histogram.length));
        }
        if (records == 0 || g > recordGap[records - 1]) {
            record(g, after);
        }
        histogram[(int) g] += n;
    }

    private void record(long g, long after) {
        if (records == recordGap.length) {
            recordGap = Arrays.copyOf(recordGap, 2 * records);
            recordAfter = Arrays.copyOf(recordAfter, 2 * records);
        }
        recordGap[records] = g;
        recordAfter[records] = after;
        records++;
    }

    @Override
    public void visit(byte[] seg, long firstByte, int len) {
        long prev = last;
        long max = records == 0 ? 0 : recordGap[records - 1];
        long n = 0;
        for (int i = 0; i < len; i += 8) {
            long w = i + 8 <= len ? (long) LONGS.get(seg, i) : tail(seg, i, len);
            if (w == 0) {
                continue;
            }
            n += Long.bitCount(w);
            long base = 30 * (firstByte + i);
            if (prev < 0) { // the window's first prime
                prev = base + Tuplets.BIT_VALUE[Long.numberOfTrailingZeros(w)];
                first = prev;
                w &= w - 1;
            }
            long[] hist = histogram;
            while (w != 0) {
                long p = base + Tuplets.BIT_VALUE[Long.numberOfTrailingZeros(w)];
                long g = p - prev;
                if (g > max) { // rare: a record, which may also grow the histogram
                    gap(g, prev, 1);
                    max = g;
                    hist = histogram;
                } else {
                    hist[(int) g]++;
                }
                prev = p;
                w &= w - 1;
            }
        }
        primes += n;
        last = prev;
    }

    private static long tail(byte[] seg, int i, int len) {
        long w = 0;
        for (int j = len - 1; j >= i; j--) {
            w = w << 8 | (seg[j] & 0xFF);
        }
        return w;
    }

    /**
     * The statistics of this window followed directly by a later one (no prime between them):
     * the gap across is counted, and the later window's records kept where they beat every
     * earlier gap. Neither operand changes.
     */
    public Gaps then(Gaps later) {
        Gaps g = new Gaps();
        g.histogram = new long[Math.max(histogram.length, later.histogram.length)];
        g.copyFrom(this);
        if (later.primes == 0) {
            return g;
        }
        if (g.last >= 0) {
            g.gap(later.first - g.last, g.last, 1);
        } else {
            g.first = later.first;
        }
        for (int r = 0; r < later.records; r++) {
            if (g.records == 0 || later.recordGap[r] > g.recordGap[g.records - 1]) {
                g.record(later.recordGap[r], later.recordAfter[r]);
            }
        }
        if (g.histogram.length < later.histogram.length) {
            g.histogram = Arrays.copyOf(g.histogram, later.histogram.length);
        }
        for (int s = 0; s < later.histogram.length; s++) {
            g.histogram[s] += later.histogram[s];
        }
        g.primes = Math.addExact(g.primes, later.primes);
        g.last = later.last;
        return g;
    }

    private void copyFrom(Gaps o) {
        primes = o.primes;
        first = o.first;
        last = o.last;
        System.arraycopy(o.histogram, 0, histogram, 0, o.histogram.length);
        for (int r = 0; r < o.records; r++) {
            record(o.recordGap[r], o.recordAfter[r]);
        }
    }

    /** Everything as longs, for a message: primes, first, last, records, (gap, after) each, histogram. */
    public long[] toLongs() {
        int top = histogram.length;
        while (top > 0 && histogram[top - 1] == 0) {
            top--;
        }
        long[] a = new long[4 + 2 * records + top];
        a[0] = primes;
        a[1] = first;
        a[2] = last;
        a[3] = records;
        for (int r = 0; r < records; r++) {
            a[4 + 2 * r] = recordGap[r];
            a[5 + 2 * r] = recordAfter[r];
        }
        System.arraycopy(histogram, 0, a, 4 + 2 * records, top);
        return a;
    }

    public static Gaps fromLongs(long[] a) {
        Gaps g = new Gaps();
        g.primes = a[0];
        g.first = a[1];
        g.last = a[2];
        int n = (int) a[3];
        for (int r = 0; r < n; r++) {
            g.record(a[4 + 2 * r], a[5 + 2 * r]);
        }
        int from = 4 + 2 * n;
        g.histogram = Arrays.copyOfRange(a, from, Math.max(a.length, from + g.largestGap() + 1));
        return g;
    }

    /** Number of primes in the window. */
    public long primes() {
        return primes;
    }

    /** Number of gaps: primes - 1, or 0. */
    public long gaps() {
        return Math.max(0, primes - 1);
    }

    /** Smallest prime of the window, or -1 when it has none. */
    public long first() {
        return first;
    }

    /** Largest prime of the window, or -1 when it has none. */
    public long last() {
        return last;
    }

    /** The largest gap, or 0 when there is no gap. */
    public int largestGap() {
        return records == 0 ? 0 : (int) recordGap[records - 1];
    }

    /** The prime before the first occurrence of the largest gap, or -1 when there is no gap. */
    public long largestGapAfter() {
        return records == 0 ? -1 : recordAfter[records - 1];
    }

    /** The maximal-gap records in order, each {gap, prime before it}. */
    public long[][] records() {
        long[][] out = new long[records][];
        for (int r = 0; r < records; r++) {
            out[r] = new long[] {recordGap[r], recordAfter[r]};
        }
        return out;
    }

    /** histogram()[g] is the number of gaps of size g; its length is the largest gap + 1 (1 without gaps). */
    public long[] histogram() {
        return Arrays.copyOf(histogram, largestGap() + 1);
    }

    /**
     * The merit of the largest gap, g / ln p with p the prime before it (Cramér's measure: the
     * gap in units of the average gap near p); NaN without a gap.
     */
    public double merit() {
        return records == 0 ? Double.NaN : largestGap() / ln(largestGapAfter());
    }

    /**
     * The natural logarithm of x >= 1 to within a few units in the last place, without
     * Math.log (the project calls none): x = m 2^e with m in [sqrt(1/2), sqrt(2)), ln m =
     * 2 atanh(z) for z = (m - 1) / (m + 1), |z| < 0.172, summed until the terms vanish.
     */
    static double ln(double x) {
        if (!(x >= 1) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("ln of " + x);
        }
        int e = Math.getExponent(x);
        double m = x / Math.scalb(1.0, e);
        if (m > 1.4142135623730951) {
            m /= 2;
            e++;
        }
        double z = (m - 1) / (m + 1);
        double z2 = z * z;
        double term = z;
        double sum = 0;
        for (int k = 1; term != 0 && Math.abs(term) > 1e-18 * Math.abs(sum); k += 2) {
            sum += term / k;
            term *= z2;
        }
        return e * LN2 + 2 * sum;
    }
}
