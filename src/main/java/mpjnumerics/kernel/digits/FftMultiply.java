package mpjnumerics.kernel.digits;

import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Products of huge integers by a floating-point FFT: JDK 17's BigInteger stops at Toom-Cook 3,
 * which makes million-digit products, divisions and decimal conversions slow.
 *
 * <p>Operands are cut into 16-bit limbs in balanced form (each in [-2^15, 2^15)), so the
 * convolution's terms have mean zero and stay far below 2^53; both operands travel in one
 * complex transform (one as the real part, one as the imaginary part). Every coefficient is
 * rounded to the nearest integer and the largest rounding distance is checked: above 0.25 the
 * product is recomputed by BigInteger, so a result is never silently wrong.
 */
public final class FftMultiply {
    /** Below this many bits in the smaller operand, BigInteger's own multiply is faster. */
    static final int THRESHOLD_BITS = 1 << 16;
    private static final int LIMB_BITS = 16;
    private static final double MAX_ROUNDING_ERROR = 0.25;
    private static final ConcurrentHashMap<Integer, double[][]> TWIDDLES = new ConcurrentHashMap<>();

    private FftMultiply() {}

    /** a times b, exact, for any signs. */
    public static BigInteger multiply(BigInteger a, BigInteger b) {
        return multiply(a, b, false);
    }

    /** a times b, exact; with {@code parallel}, the transforms use the common fork-join pool. */
    public static BigInteger multiply(BigInteger a, BigInteger b, boolean parallel) {
        if (Math.min(a.bitLength(), b.bitLength()) < THRESHOLD_BITS) {
            return a.multiply(b);
        }
        BigInteger product = fft(a.abs(), b.abs(), parallel);
        if (product == null) {
            return a.multiply(b); // rounding too close to call: never observed at these sizes
        }
        return a.signum() * b.signum() < 0 ? product.negate() : product;
    }

    /** a squared. */
    public static BigInteger square(BigInteger a, boolean parallel) {
        return multiply(a, a, parallel);
    }

    /** The product of non-negative a and b, or null if the rounding check failed. */
    static BigInteger fft(BigInteger a, BigInteger b, boolean parallel) {
        int la = limbCount(a);
        int lb = limbCount(b);
        int n = Integer.highestOneBit(la + lb - 1) << 1;
        double[] re = new double[n];
        double[] im = new double[n];
        toBalancedLimbs(a, re);
        toBalancedLimbs(b, im);
        forward(re, im, parallel); // spectrum in bit-reversed order
        // With z = x + i y transformed, X Y at k is (Z[k]^2 - conj(Z[n-k])^2) / (4i); stored
        // conjugated, so that a forward transform inverts it. In bit-reversed order, k and n-k
        // sit at i and 3 2^j - 1 - i within each block [2^j, 2^(j+1)), and 0 and n/2 alone.
        for (int i = 0; i < n; i++) {
            int j = i < 2 ? i : 3 * Integer.highestOneBit(i) - 1 - i;
            if (j < i) {
                continue;
            }
            double zr = re[i], zi = im[i], wr = re[j], wi = -im[j];
            // Z[k]^2 - W^2 with W = conj(Z[n-k])
            double dr = (zr * zr - zi * zi) - (wr * wr - wi * wi);
            double di = 2 * (zr * zi - wr * wi);
            // divide by 4i: (dr + i di) / (4i) = (di - i dr) / 4; then conjugate
            double pr = di / 4, pi = dr / 4;
            if (j != i) {
                // the product spectrum is that of a real sequence: P[n-k] = conj(P[k])
                re[j] = pr;
                im[j] = -pi;
            }
            re[i] = pr;
            im[i] = pi;
        }
        backward(re, im, parallel); // from bit-reversed order back to natural order
        return fromCoefficients(re, n, la + lb);
    }

    private static int limbCount(BigInteger x) {
        return x.bitLength() / LIMB_BITS + 2; // toByteArray's sign byte, and the balancing carry
    }

    /** x's 16-bit limbs, least significant first, shifted into [-2^15, 2^15) with carries. */
    private static void toBalancedLimbs(BigInteger x, double[] out) {
        byte[] be = x.toByteArray();
        int carry = 0;
        int limbs = (be.length + 1) / 2;
        for (int i = 0; i < limbs; i++) {
            int lo = be.length - 1 - 2 * i;
            int v = (be[lo] & 0xFF) | (lo >= 1 ? (be[lo - 1] & 0xFF) << 8 : 0);
            v += carry;
            carry = v >= 1 << 15 ? 1 : 0;
            out[i] = v - (carry << 16);
        }
        out[limbs] = carry;
    }

    /** Rounds the (unnormalised, conjugated) inverse transform and propagates carries. */
    private static BigInteger fromCoefficients(double[] re, int n, int count) {
        double scale = 1.0 / n;
        byte[] be = new byte[2 * count + 8];
        long carry = 0;
        double worst = 0;
        for (int i = 0; i < count; i++) {
            double v = re[i] * scale;
            double r = Math.rint(v);
            worst = Math.max(worst, Math.abs(v - r));
            carry += (long) r;
            int limb = (int) (carry & 0xFFFF);
            carry >>= LIMB_BITS; // arithmetic shift: floor division, also for negative sums
            be[be.length - 1 - 2 * i] = (byte) limb;
            be[be.length - 2 - 2 * i] = (byte) (limb >>> 8);
        }
        if (worst > MAX_ROUNDING_ERROR || carry < 0) {
            return null;
        }
        for (int i = 2 * count; carry != 0; i++) {
            be[be.length - 1 - i] = (byte) carry;
            carry >>= 8;
        }
        return new BigInteger(1, be);
    }

    /** Butterfly stages up to this length run block by block, each block in cache. */
    private static final int BLOCK = 1 << 11;
    /** Pieces of a large stage when two or more threads share it. */
    private static final int PIECES = 16;

    /**
     * In-place DFT, decimation in frequency: natural order in, bit-reversed order out. The
     * stages longer than a block run over the whole array, then each block finishes in cache;
     * with {@code parallel} the work is shared by the common fork-join pool.
     */
    static void forward(double[] re, double[] im, boolean parallel) {
        int n = re.length;
        double[][] tw = twiddles(n);
        int block = Math.min(n, BLOCK);
        for (int len = n; len > block; ) { // two stages at a time: half the passes over memory
            if (len / 2 > block) {
                wholeStage(re, im, tw, len, parallel, false, true);
                len >>= 2;
            } else {
                wholeStage(re, im, tw, len, parallel, false, false);
                len >>= 1;
            }
        }
        IntStream blocks = IntStream.range(0, n / block);
        (parallel ? blocks.parallel() : blocks).forEach(b -> {
            for (int len = block; len >= 2; len >>= 1) {
                stage(re, im, tw, len, b * block / 2, (b + 1) * block / 2, false);
            }
        });
    }

    /** The same DFT by decimation in time: bit-reversed order in, natural order out. */
    static void backward(double[] re, double[] im, boolean parallel) {
        int n = re.length;
        double[][] tw = twiddles(n);
        int block = Math.min(n, BLOCK);
        IntStream blocks = IntStream.range(0, n / block);
        (parallel ? blocks.parallel() : blocks).forEach(b -> {
            for (int len = 2; len <= block; len <<= 1) {
                stage(re, im, tw, len, b * block / 2, (b + 1) * block / 2, true);
            }
        });
        for (int len = 2 * block; len <= n; ) {
            if (2 * len <= n) {
                wholeStage(re, im, tw, 2 * len, parallel, true, true);
                len <<= 2;
            } else {
                wholeStage(re, im, tw, len, parallel, true, false);
                len <<= 1;
            }
        }
    }

    /** One stage over the whole array, or with {@code radix4} the two stages of lengths len and len/2. */
    private static void wholeStage(double[] re, double[] im, double[][] tw, int len, boolean parallel, boolean dit,
                                   boolean radix4) {
        int n = re.length;
        int butterflies = radix4 ? n / 4 : n / 2;
        IntStream pieces = IntStream.range(0, parallel ? PIECES : 1);
        (parallel ? pieces.parallel() : pieces).forEach(p -> {
            long from = (long) p * butterflies / (parallel ? PIECES : 1);
            long to = (long) (p + 1) * butterflies / (parallel ? PIECES : 1);
            if (radix4) {
                stage4(re, im, tw, len, from, to, dit);
            } else {
                stage(re, im, tw, len, from, to, dit);
            }
        });
    }

    /**
     * Radix-4 butterflies from to to (exclusive) on groups of length len: the stages of lengths
     * len and len/2 at once, each point read and written once. With w = e^(-2 pi i / len) and
     * a, b, c, d the points k, k + len/4, k + len/2, k + 3 len/4 of a group: in frequency,
     * (a+c) + (b+d), ((a+c) - (b+d)) w^2k, ((a-c) - i(b-d)) w^k, ((a-c) + i(b-d)) w^3k; in time,
     * the inverse order of the same two radix-2 stages.
     */
    private static void stage4(double[] re, double[] im, double[][] tw, int len, long from, long to, boolean dit) {
        double[] cos = tw[0], sin = tw[1];
        int quarter = len >> 2;
        int stride = re.length / len;
        for (long i = from; i < to; ) {
            int group = (int) (i / quarter);
            int k0 = (int) (i % quarter);
            int kEnd = (int) Math.min(quarter, k0 + (to - i));
            int base = group * len;
            for (int k = k0; k < kEnd; k++) {
                double w1r = cos[k * stride], w1i = sin[k * stride];
                double w2r = cos[2 * k * stride], w2i = sin[2 * k * stride];
                int pa = base + k, pb = pa + quarter, pc = pb + quarter, pd = pc + quarter;
                if (dit) {
                    // stage len/2 (twiddle w^2k) on (a, b) and (c, d), then stage len (w^k)
                    double br = re[pb] * w2r - im[pb] * w2i, bi = re[pb] * w2i + im[pb] * w2r;
                    double dr = re[pd] * w2r - im[pd] * w2i, di = re[pd] * w2i + im[pd] * w2r;
                    double ar = re[pa] + br, ai = im[pa] + bi; // A
                    double er = re[pa] - br, ei = im[pa] - bi; // B
                    double cr = re[pc] + dr, ci = im[pc] + di; // C
                    double fr = re[pc] - dr, fi = im[pc] - di; // D
                    double xr = cr * w1r - ci * w1i, xi = cr * w1i + ci * w1r; // w^k C
                    double yr = fr * w1r - fi * w1i, yi = fr * w1i + fi * w1r; // w^k D, then times -i
                    double zr = yi, zi = -yr;
                    re[pa] = ar + xr; im[pa] = ai + xi;
                    re[pc] = ar - xr; im[pc] = ai - xi;
                    re[pb] = er + zr; im[pb] = ei + zi;
                    re[pd] = er - zr; im[pd] = ei - zi;
                } else {
                    double t0r = re[pa] + re[pc], t0i = im[pa] + im[pc];
                    double t1r = re[pb] + re[pd], t1i = im[pb] + im[pd];
                    double t2r = re[pa] - re[pc], t2i = im[pa] - im[pc];
                    double t3r = im[pb] - im[pd], t3i = re[pd] - re[pb]; // -i (b - d)
                    double w3r = w1r * w2r - w1i * w2i, w3i = w1r * w2i + w1i * w2r;
                    re[pa] = t0r + t1r; im[pa] = t0i + t1i;
                    double ur = t0r - t1r, ui = t0i - t1i;
                    re[pb] = ur * w2r - ui * w2i; im[pb] = ur * w2i + ui * w2r;
                    double vr = t2r + t3r, vi = t2i + t3i;
                    re[pc] = vr * w1r - vi * w1i; im[pc] = vr * w1i + vi * w1r;
                    double xr = t2r - t3r, xi = t2i - t3i;
                    re[pd] = xr * w3r - xi * w3i; im[pd] = xr * w3i + xi * w3r;
                }
            }
            i += kEnd - k0;
        }
    }

    /**
     * Butterflies from to to (exclusive) of the stage on groups of length len: decimation in
     * time (twiddle, then sum and difference) or in frequency (sum and difference, then twiddle).
     */
    private static void stage(double[] re, double[] im, double[][] tw, int len, long from, long to, boolean dit) {
        double[] cos = tw[0], sin = tw[1];
        int half = len >> 1;
        int stride = re.length / len;
        for (long i = from; i < to; ) {
            int group = (int) (i / half);
            int k0 = (int) (i % half);
            int kEnd = (int) Math.min(half, k0 + (to - i));
            int base = group * len;
            if (dit) {
                for (int k = k0; k < kEnd; k++) {
                    double wr = cos[k * stride], wi = sin[k * stride];
                    int p = base + k, q = p + half;
                    double xr = re[q] * wr - im[q] * wi;
                    double xi = re[q] * wi + im[q] * wr;
                    re[q] = re[p] - xr; im[q] = im[p] - xi;
                    re[p] += xr; im[p] += xi;
                }
            } else {
                for (int k = k0; k < kEnd; k++) {
                    double wr = cos[k * stride], wi = sin[k * stride];
                    int p = base + k, q = p + half;
                    double dr = re[p] - re[q], di = im[p] - im[q];
                    re[p] += re[q]; im[p] += im[q];
                    re[q] = dr * wr - di * wi;
                    im[q] = dr * wi + di * wr;
                }
            }
            i += kEnd - k0;
        }
    }

    /** cos and -sin of 2 pi k / n for k below n / 2, each computed directly (no recurrence). */
    private static double[][] twiddles(int n) {
        return TWIDDLES.computeIfAbsent(n, size -> {
            double[] c = new double[size / 2];
            double[] s = new double[size / 2];
            for (int k = 0; k < size / 2; k++) {
                double angle = 2 * Math.PI * k / size;
                c[k] = Math.cos(angle);
                s[k] = -Math.sin(angle);
            }
            return new double[][] {c, s};
        });
    }
}
