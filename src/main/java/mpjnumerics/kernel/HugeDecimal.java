package mpjnumerics.kernel;

import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Division and decimal conversion of million-digit integers on {@link FftMultiply}: division
 * by a Newton reciprocal (a few products instead of Burnikel-Ziegler on Toom-Cook 3), and
 * conversion to decimal by splitting at 10^(2^j) recursively, the two halves of the top
 * splits converted on their own threads.
 */
public final class HugeDecimal {
    /** Below this many bits of divisor or quotient, BigInteger's division is faster. */
    static final int NEWTON_THRESHOLD_BITS = 1 << 16;
    /** Reciprocals below this many bits come straight from BigInteger's division. */
    private static final int RECIPROCAL_BASE_BITS = 1 << 12;
    /** Numbers of up to this many digits are converted by BigInteger.toString. */
    private static final int BASE_DIGITS = 1 << 11;
    private static final ConcurrentHashMap<Integer, Divisor> POWERS = new ConcurrentHashMap<>();

    private HugeDecimal() {}

    /** A divisor b with its reciprocal X ~ 2^(2p) / (b scaled to p bits), for repeated use. */
    record Divisor(BigInteger b, int p, BigInteger x) {
        /** For dividends of up to {@code maxQuotientBits} + b's bits. */
        static Divisor of(BigInteger b, int maxQuotientBits, boolean parallel) {
            int p = maxQuotientBits + 16;
            int m = b.bitLength();
            BigInteger scaled = m >= p ? b.shiftRight(m - p) : b.shiftLeft(p - m);
            return new Divisor(b, p, reciprocal(scaled, p, parallel));
        }
    }

    /**
     * {floor(a / b), a mod b} for a >= 0, b > 0; with {@code parallel}, the products use the
     * common fork-join pool (for a rank that has the machine to itself).
     */
    public static BigInteger[] divideAndRemainder(BigInteger a, BigInteger b, boolean parallel) {
        int quotientBits = a.bitLength() - b.bitLength() + 1;
        if (b.bitLength() < NEWTON_THRESHOLD_BITS || quotientBits < NEWTON_THRESHOLD_BITS) {
            return a.divideAndRemainder(b);
        }
        return divideAndRemainder(a, Divisor.of(b, quotientBits, parallel), parallel);
    }

    /** {floor(a / b), a mod b} with b's precomputed reciprocal. */
    static BigInteger[] divideAndRemainder(BigInteger a, Divisor d, boolean parallel) {
        BigInteger b = d.b();
        BigInteger q = estimate(a, d, parallel);
        BigInteger r = a.subtract(FftMultiply.multiply(q, b, parallel));
        // The estimate is within a few units; anything else would be a bug: then divide plainly.
        if (r.abs().bitLength() > b.bitLength() + 4) {
            return a.divideAndRemainder(b);
        }
        while (r.signum() < 0) {
            q = q.subtract(BigInteger.ONE);
            r = r.add(b);
        }
        while (r.compareTo(b) >= 0) {
            q = q.add(BigInteger.ONE);
            r = r.subtract(b);
        }
        return new BigInteger[] {q, r};
    }

    /**
     * floor(a / b) give or take 3, for a >= 0, b > 0: no remainder computed, one product fewer
     * than {@link #divideAndRemainder}. (X is within 16 of 2^(2p)/B; a's bits beyond the
     * quotient's p and b's beyond p change a/b by less than 2^-15; two floors add one each.)
     */
    public static BigInteger approximateQuotient(BigInteger a, BigInteger b, boolean parallel) {
        int quotientBits = a.bitLength() - b.bitLength() + 1;
        if (b.bitLength() < NEWTON_THRESHOLD_BITS || quotientBits < NEWTON_THRESHOLD_BITS) {
            return a.divide(b);
        }
        return estimate(a, Divisor.of(b, quotientBits, parallel), parallel);
    }

    /** (a / 2^shift) X / 2^(2p), from a's top p + 48 bits only: a's lower bits move it by < 2^-60. */
    private static BigInteger estimate(BigInteger a, Divisor d, boolean parallel) {
        int shift = d.b().bitLength() - d.p(); // b ~ scaled * 2^shift
        int drop = Math.max(0, a.bitLength() - shift - d.p() - 48);
        BigInteger top = a.shiftRight(shift + drop); // a negative count shifts left
        return FftMultiply.multiply(top, d.x(), parallel).shiftRight(2 * d.p() - drop);
    }

    /**
     * X ~ 2^(2p) / B for B of exactly p bits, within a few units, by Newton's iteration
     * X' = X + X (2^(2p) - B X) / 2^(2p) from a reciprocal of B's top half.
     */
    static BigInteger reciprocal(BigInteger bScaled, int p, boolean parallel) {
        if (p <= RECIPROCAL_BASE_BITS) {
            return BigInteger.ONE.shiftLeft(2 * p).divide(bScaled);
        }
        int h = p / 2 + 8;
        BigInteger xh = reciprocal(bScaled.shiftRight(p - h), h, parallel); // ~ 2^(2h) / top h bits
        // X0 = xh 2^(p-h); the products use xh and shift, to keep the operands short.
        BigInteger e = BigInteger.ONE.shiftLeft(2 * p - (p - h)).subtract(FftMultiply.multiply(bScaled, xh, parallel));
        // e = (2^(2p) - B X0) / 2^(p-h), so X0 e / 2^(2p) = xh e / 2^(2p - 2(p-h))
        BigInteger correction = FftMultiply.multiply(xh, e, parallel).shiftRight(2 * p - 2 * (p - h));
        return xh.shiftLeft(p - h).add(correction);
    }

    /** 10^n, by squaring with FFT products. */
    public static BigInteger pow10(int n, boolean parallel) {
        if (n <= BASE_DIGITS) {
            return BigInteger.TEN.pow(n);
        }
        BigInteger half = FftMultiply.square(pow10(n / 2, parallel), parallel);
        return n % 2 == 0 ? half : half.multiply(BigInteger.TEN);
    }

    /**
     * 10^k for k a power of two, with its reciprocal where Newton division will use it;
     * computed once per JVM by repeated squaring. Synchronized: ranks share the cache.
     */
    static synchronized Divisor powerOfTen(int k, boolean parallel) {
        Divisor d = POWERS.get(k);
        if (d == null) {
            BigInteger pow = k <= BASE_DIGITS ? BigInteger.TEN.pow(k) : FftMultiply.square(powerOfTen(k / 2, parallel).b(), parallel);
            // dividends below 10^(2k): quotients below 10^k
            d = pow.bitLength() < NEWTON_THRESHOLD_BITS ? new Divisor(pow, 0, null)
                    : Divisor.of(pow, pow.bitLength(), parallel);
            POWERS.put(k, d);
        }
        return d;
    }

    /**
     * The decimal digits of n (0 <= n < 10^digits), exactly {@code digits} of them with leading
     * zeros, using up to 2^{@code forkDepth} threads (the top split's division with the common
     * fork-join pool when forkDepth is above 0).
     */
    public static String toDecimal(BigInteger n, int digits, int forkDepth) {
        if (digits > BASE_DIGITS) {
            powerOfTen(Integer.highestOneBit(digits - 1), forkDepth > 0); // the whole chain, before forking
        }
        char[] out = new char[digits];
        toDecimal(n, digits, out, 0, forkDepth);
        return new String(out);
    }

    private static void toDecimal(BigInteger n, int digits, char[] out, int at, int forkDepth) {
        if (digits <= BASE_DIGITS) {
            String s = n.toString();
            int pad = digits - s.length();
            java.util.Arrays.fill(out, at, at + pad, '0');
            s.getChars(0, s.length(), out, at + pad);
            return;
        }
        int k = Integer.highestOneBit(digits - 1); // digits - k <= k: high part below 10^k too
        boolean parallel = forkDepth > 0;
        Divisor d = powerOfTen(k, parallel);
        BigInteger[] qr = d.x() == null ? n.divideAndRemainder(d.b()) : divideAndRemainder(n, d, parallel);
        if (forkDepth > 0) {
            FutureTask<Void> high = new FutureTask<>(() -> toDecimal(qr[0], digits - k, out, at, forkDepth - 1), null);
            new Thread(high, "decimal-" + at).start();
            toDecimal(qr[1], k, out, at + digits - k, forkDepth - 1);
            join(high);
        } else {
            toDecimal(qr[0], digits - k, out, at, 0);
            toDecimal(qr[1], k, out, at + digits - k, 0);
        }
    }

    /** Waits for a helper thread's task; its failure becomes the caller's. */
    static <T> T join(FutureTask<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing digits", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
