package mpjnumerics.kernel.primecount;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import mpjnumerics.kernel.primes.PrimeSieve;

/**
 * The n-th prime: a first guess g from the inverse of Riemann's R function, pi(g) exactly
 * (combinatorially, by the caller's function), then a sieve over the short gap between g and
 * the n-th prime (about |n - pi(g)| ln g numbers; at n = 10^17 some 10^8).
 *
 * <p>The project calls no Math.log or Math.exp (see NoExpOrLogTest): the logarithm here is
 * computed from the double's exponent and a series; the guess only decides where to sieve,
 * never the result.
 */
public final class NthPrime {
    /** pi(2^63 - 1): the largest n whose prime fits a long. */
    public static final long MAX_N = 216_289_611_853_439_384L;

    private NthPrime() {}

    /** The n-th prime, 1 <= n <= MAX_N, with pi counting the primes up to its argument. */
    public static long nth(long n, LongUnaryOperator pi) {
        long g = guess(n);
        return finish(n, g, pi.applyAsLong(g));
    }

    /** Where the n-th prime should be: R^-1(n), within [2, 2^63 - 1]. */
    public static long guess(long n) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n out of [1, " + MAX_N + "]: " + n);
        }
        if (n < 6) {
            return new long[] {0, 2, 3, 5, 7, 11}[(int) n];
        }
        double t = n * ln(n);
        for (int i = 0; i < 40; i++) { // Newton on R(t) = n, R'(t) ~ 1 / ln t
            double next = t - (riemannR(t) - n) * ln(t);
            next = Math.max(2, Math.min(next, (double) Long.MAX_VALUE));
            if (Math.abs(next - t) < 0.5) {
                t = next;
                break;
            }
            t = next;
        }
        return (long) Math.min(t, (double) Long.MAX_VALUE);
    }

    /**
     * The n-th prime, given pi(g) for some g: sieves from g towards it, first counting by
     * segment over a window sized from the gap, then listing the one segment it lies in.
     */
    public static long finish(long n, long g, long piG) {
        if (piG >= n) {
            // The n-th prime is the (piG - n + 1)-th prime counting down from g.
            long need = piG - n + 1;
            long hi = g;
            while (true) {
                long width = window(need, hi);
                long lo = Math.max(0, hi - width + 1);
                long[] found = nthFromTop(lo, hi, need);
                if (found[0] >= 0) {
                    return found[0];
                }
                need -= found[1];
                hi = lo - 1;
            }
        }
        long need = n - piG; // the need-th prime above g
        long lo = g + 1;
        while (true) {
            long width = window(need, lo);
            long hi = Long.MAX_VALUE - lo < width ? Long.MAX_VALUE : lo + width - 1;
            long[] found = nthFromBottom(lo, hi, need);
            if (found[0] >= 0) {
                return found[0];
            }
            need -= found[1];
            lo = hi + 1;
        }
    }

    /** A window that likely holds need primes near v: 1.25 need ln v plus some slack. */
    private static long window(long need, long v) {
        double w = 1.25 * need * ln(Math.max(v, 3)) + (1 << 20);
        return (long) Math.min(w, 4e18);
    }

    /** {the need-th prime of [lo, hi] from the bottom, or -1; the primes in [lo, hi]}. */
    private static long[] nthFromBottom(long lo, long hi, long need) {
        List<long[]> segs = segmentCounts(lo, hi);
        long left = need;
        for (long[] s : segs) {
            if (s[2] >= left) {
                long[] out = {-1, 0};
                long[] k = {left};
                PrimeSieve.forEach(s[0], s[1], p -> {
                    if (--k[0] == 0) {
                        out[0] = p;
                    }
                });
                return out;
            }
            left -= s[2];
        }
        return new long[] {-1, need - left};
    }

    /** {the need-th prime of [lo, hi] from the top, or -1; the primes in [lo, hi]}. */
    private static long[] nthFromTop(long lo, long hi, long need) {
        List<long[]> segs = segmentCounts(lo, hi);
        long left = need;
        for (int i = segs.size() - 1; i >= 0; i--) {
            long[] s = segs.get(i);
            if (s[2] >= left) {
                long index = s[2] - left + 1; // from the bottom of this piece
                long[] out = {-1, 0};
                long[] k = {index};
                PrimeSieve.forEach(s[0], s[1], p -> {
                    if (--k[0] == 0) {
                        out[0] = p;
                    }
                });
                return out;
            }
            left -= s[2];
        }
        return new long[] {-1, need - left};
    }

    /** [lo, hi] cut where the sieve's segments end: {first, last, primes} each, in order. */
    private static List<long[]> segmentCounts(long lo, long hi) {
        List<long[]> out = new ArrayList<>();
        long small = Math.min(hi, 6);
        if (lo <= small) { // 2, 3, 5 are not on the sieve's wheel
            out.add(new long[] {lo, small, PrimeSieve.count(lo, small)});
        }
        long start = Math.max(lo, small + 1);
        if (start > hi) {
            return out;
        }
        long[] from = {start};
        PrimeSieve.sieve(start, hi, (seg, first, len) -> {
            long last = Math.min(hi, 30 * (first + len) - 1);
            out.add(new long[] {from[0], last, PrimeSieve.countBits(seg, len)});
            from[0] = last + 1;
        });
        return out;
    }

    // ---- R(x) and the logarithm, in doubles

    private static final double LN2 = 0.6931471805599453;
    private static final double EULER_GAMMA = 0.5772156649015329;

    /** Natural logarithm of v > 0: the exponent times ln 2 plus 2 atanh((m-1)/(m+1)) for the mantissa m. */
    static double ln(double v) {
        int e = Math.getExponent(v);
        double m = v / Math.scalb(1.0, e);
        if (m > 1.4142135623730951) { // keep (m-1)/(m+1) below 0.172
            m /= 2;
            e++;
        }
        double t = (m - 1) / (m + 1);
        double t2 = t * t;
        double s = 0;
        double p = t;
        for (int k = 1; k < 60; k += 2) {
            s += p / k;
            p *= t2;
        }
        return e * LN2 + 2 * s;
    }

    /** li(e^L) = gamma + ln L + sum of L^k / (k k!) (all terms positive for L > 0). */
    static double liOfLog(double bigL) {
        double s = 0;
        double term = 1;
        for (int k = 1; k < 400; k++) {
            term *= bigL / k;
            double add = term / k;
            s += add;
            if (add < 1e-17 * s) {
                break;
            }
        }
        return EULER_GAMMA + ln(bigL) + s;
    }

    private static final int[] MU = {0, 1, -1, -1, 0, -1, 1, -1, 0, 0, 1, -1, 0, -1, 1, 1, 0, -1, 0, -1, 0, 1, 1, -1, 0, 0,
        1, 0, 0, -1, -1, -1, 0, 1, 1, 1, 0, -1, 1, 1, 0, -1, -1, -1, 0, 0, 1, -1, 0, 0, 0, 1, 0, -1, 0, 1, 0, 1, 1,
        -1, 0, -1, 1, 0, 0, 1, -1, -1, 0, 1, -1};

    /** Riemann's R(t) = sum over k of mu(k)/k li(t^(1/k)), while t^(1/k) >= 2. */
    static double riemannR(double t) {
        double bigL = ln(t);
        double s = 0;
        for (int k = 1; k < MU.length && bigL / k >= LN2; k++) {
            if (MU[k] != 0) {
                s += MU[k] * liOfLog(bigL / k) / k;
            }
        }
        return s;
    }
}
