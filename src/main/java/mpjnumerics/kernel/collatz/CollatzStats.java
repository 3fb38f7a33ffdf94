package mpjnumerics.kernel.collatz;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Step statistics of a set of starts: how many, total steps, the most steps and the smallest
 * start with that many, the highest value met and the smallest start meeting it, and the
 * histogram of step counts. {@link #merge} is associative and commutative, so ranks may
 * combine in any grouping.
 */
public final class CollatzStats {
    long count;
    long totalSteps;
    int maxSteps = -1;
    long argMax;
    /** The peak, when it fits a long; else {@link #bigPeak} holds it. */
    long peak;
    BigInteger bigPeak;
    long peakStart;
    long[] histogram = new long[64];
    /**
     * Starts the kernel counted in bulk and not yet in the histogram: byRuns[r][s] odd numbers
     * whose r starts m 2^j in the window take s, s+1, .., s+r-1 steps. Folded into the
     * histogram when it is read: once per rank, not once per chunk of work.
     */
    long[][] byRuns = new long[65][];

    /**
     * Allocates every row of byRuns at once, on first use: a row allocated when the kernel
     * first reaches its number of runs would be a branch the JIT compiles as never taken, and
     * deoptimises on when it is.
     */
    void allocateRuns() {
        if (byRuns[1] == null) {
            for (int r = 1; r < byRuns.length; r++) {
                byRuns[r] = new long[1024];
            }
        }
    }

    public long count() {
        return count;
    }

    public long totalSteps() {
        return totalSteps;
    }

    public int maxSteps() {
        return maxSteps;
    }

    public long argMax() {
        return argMax;
    }

    public BigInteger peak() {
        return bigPeak != null ? bigPeak : BigInteger.valueOf(peak);
    }

    public long peakStart() {
        return peakStart;
    }

    /** Number of starts taking s steps, for s = 0 .. maxSteps. */
    public long[] histogram() {
        fold();
        return Arrays.copyOf(histogram, Math.max(0, maxSteps + 1));
    }

    /** A peak no smaller than the true one, as a long (saturated): for fast comparisons. */
    long peakBound() {
        return bigPeak != null ? Long.MAX_VALUE : peak;
    }

    /** Offers a start taking the given steps: kept if more, or as many from a smaller start. */
    void offerMax(int steps, long start) {
        if (steps > maxSteps || (steps == maxSteps && start < argMax)) {
            maxSteps = steps;
            argMax = start;
        }
    }

    private void fold() {
        for (int r = 1; r < byRuns.length; r++) {
            long[] h = byRuns[r];
            for (int s = 0; h != null && s < h.length; s++) {
                if (h[s] != 0) {
                    addToHistogram(s, r, h[s]);
                    h[s] = 0;
                }
            }
        }
    }

    /** Counts n starts with each of s, s+1, .., s+runs-1 steps. */
    void addToHistogram(int s, int runs, long n) {
        int top = s + runs - 1;
        if (top >= histogram.length) {
            histogram = Arrays.copyOf(histogram, Math.max(top + 1, 2 * histogram.length));
        }
        for (int k = s; k <= top; k++) {
            histogram[k] += n;
        }
    }

    /** Offers a value met by the trajectory of start: kept if higher, or as high from a smaller start. */
    void offerPeak(long value, long start) {
        if (bigPeak == null && (value > peak || (value == peak && start < peakStart))) {
            peak = value;
            peakStart = start;
        }
    }

    void offerPeak(BigInteger value, long start) {
        int cmp = value.compareTo(peak());
        if (cmp > 0 || (cmp == 0 && start < peakStart)) {
            if (value.bitLength() < 64) {
                peak = value.longValue();
                bigPeak = null;
            } else {
                bigPeak = value;
                peak = Long.MAX_VALUE;
            }
            peakStart = start;
        }
    }

    public CollatzStats merge(CollatzStats o) {
        fold();
        o.fold();
        if (o.count == 0) {
            return this;
        }
        if (count == 0) {
            copyFrom(o);
            return this;
        }
        count += o.count;
        totalSteps = Math.addExact(totalSteps, o.totalSteps);
        offerMax(o.maxSteps, o.argMax);
        int cmp = o.peak().compareTo(peak());
        if (cmp > 0 || (cmp == 0 && o.peakStart < peakStart)) {
            peak = o.peak;
            bigPeak = o.bigPeak;
            peakStart = o.peakStart;
        }
        if (o.histogram.length > histogram.length) {
            histogram = Arrays.copyOf(histogram, o.histogram.length);
        }
        for (int i = 0; i < o.histogram.length; i++) {
            histogram[i] += o.histogram[i];
        }
        return this;
    }

    private void copyFrom(CollatzStats o) {
        count = o.count;
        totalSteps = o.totalSteps;
        maxSteps = o.maxSteps;
        argMax = o.argMax;
        peak = o.peak;
        bigPeak = o.bigPeak;
        peakStart = o.peakStart;
        histogram = o.histogram.clone();
    }

    /** Flattened for message passing: fixed fields, the peak's bytes, then the histogram. */
    public long[] toLongs() {
        byte[] p = peak().toByteArray();
        long[] out = new long[6 + 1 + p.length + histogram().length];
        out[0] = count;
        out[1] = totalSteps;
        out[2] = maxSteps;
        out[3] = argMax;
        out[4] = peakStart;
        out[5] = histogram().length;
        out[6] = p.length;
        for (int i = 0; i < p.length; i++) {
            out[7 + i] = p[i];
        }
        long[] h = histogram();
        System.arraycopy(h, 0, out, 7 + p.length, h.length);
        return out;
    }

    public static CollatzStats fromLongs(long[] a) {
        CollatzStats s = new CollatzStats();
        s.count = a[0];
        s.totalSteps = a[1];
        s.maxSteps = (int) a[2];
        s.argMax = a[3];
        s.peakStart = a[4];
        int hl = (int) a[5];
        byte[] p = new byte[(int) a[6]];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) a[7 + i];
        }
        BigInteger peak = new BigInteger(p);
        if (peak.bitLength() < 64) {
            s.peak = peak.longValue();
        } else {
            s.bigPeak = peak;
            s.peak = Long.MAX_VALUE;
        }
        s.histogram = hl == 0 ? new long[64] : Arrays.copyOfRange(a, 7 + p.length, 7 + p.length + hl);
        return s;
    }
}
