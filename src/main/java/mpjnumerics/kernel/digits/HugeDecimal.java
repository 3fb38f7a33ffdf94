package mpjnumerics.kernel.digits;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Million-digit arithmetic on {@link FftMultiply}: a quotient by a Newton reciprocal (a few
 * products instead of Burnikel-Ziegler on Toom-Cook 3), and the decimal digits of a binary
 * fraction by a scaled remainder tree (products only, no division at all), with every
 * truncation's error carried along so that a digit is either proven or the call fails.
 */
public final class HugeDecimal {
    /** Below this many bits of divisor or quotient, BigInteger's division is faster. */
    static final int NEWTON_THRESHOLD_BITS = 1 << 16;
    /** Reciprocals below this many bits come straight from BigInteger's division. */
    private static final int RECIPROCAL_BASE_BITS = 1 << 12;
    /** Fractions are expanded to up to this many digits in one product. */
    private static final int LEAF_DIGITS = 1 << 10;
    /** Bits kept beyond a node's digits: its error bound stays far below one digit. */
    private static final int GUARD_BITS = 64;
    private static final ConcurrentHashMap<Integer, BigInteger> POWERS = new ConcurrentHashMap<>();

    private HugeDecimal() {}

    /**
     * floor(a / b) give or take 3, for a >= 0, b > 0. (The reciprocal X is within 16 of
     * 2^(2p)/B; the bits of a and b beyond p change a/b by less than 2^-15; two floors add one
     * each.) With {@code parallel}, the products use the common fork-join pool.
     */
    public static BigInteger approximateQuotient(BigInteger a, BigInteger b, boolean parallel) {
        int quotientBits = a.bitLength() - b.bitLength() + 1;
        if (b.bitLength() < NEWTON_THRESHOLD_BITS || quotientBits < NEWTON_THRESHOLD_BITS) {
            return a.divide(b);
        }
        int p = quotientBits + 16;
        int shift = b.bitLength() - p; // b ~ scaled * 2^shift
        BigInteger x = reciprocal(b.shiftRight(shift), p, parallel); // a negative count shifts left
        // only a's top p + 48 bits: the lower ones move the quotient by less than 2^-60
        int drop = Math.max(0, a.bitLength() - shift - p - 48);
        return FftMultiply.multiply(a.shiftRight(shift + drop), x, parallel).shiftRight(2 * p - drop);
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
        BigInteger e = BigInteger.ONE.shiftLeft(p + h).subtract(FftMultiply.multiply(bScaled, xh, parallel));
        // e = (2^(2p) - B X0) / 2^(p-h), so X0 e / 2^(2p) = xh e / 2^(2h)
        BigInteger correction = FftMultiply.multiply(xh, e, parallel).shiftRight(2 * h);
        return xh.shiftLeft(p - h).add(correction);
    }

    /** 10^k for k a power of two, computed once per JVM by repeated squaring (ranks share it). */
    static synchronized BigInteger powerOfTen(int k, boolean parallel) {
        BigInteger pow = POWERS.get(k);
        if (pow == null) {
            pow = k <= LEAF_DIGITS ? BigInteger.TEN.pow(k) : FftMultiply.square(powerOfTen(k / 2, parallel), parallel);
            POWERS.put(k, pow);
        }
        return pow;
    }

    /** Bits that hold a fraction well enough for {@code digits} decimal digits. */
    public static int bitsFor(int digits) {
        return (int) Math.ceil(digits * 3.3219280948873626) + GUARD_BITS;
    }

    /**
     * The first {@code digits} decimal digits of a fraction y in [0, 1), i.e. floor(y 10^digits)
     * with leading zeros, given Y with |y - Y / 2^bits| <= err / 2^bits and bits >=
     * {@link #bitsFor}(digits). Scaled remainder tree: the high digits come from y itself, the low
     * ones from frac(y 10^h), each at the precision it needs; every truncation widens the
     * carried error bound, and a digit whose value the bound cannot decide (y 10^k within the
     * bound of an integer: a run of some 18 zeros or nines) throws ArithmeticException.
     * Up to 2^{@code forkDepth} threads.
     */
    public static String fractionDigits(BigInteger y, int bits, long err, int digits, int forkDepth) {
        if (bits < bitsFor(digits) || y.signum() < 0 || y.bitLength() > bits) {
            throw new IllegalArgumentException("need a fraction of at least " + bitsFor(digits) + " bits");
        }
        if (digits > LEAF_DIGITS) {
            powerOfTen(Integer.highestOneBit(digits - 1), forkDepth > 0); // the whole chain, before forking
        }
        char[] out = new char[digits];
        node(y, bits, BigInteger.valueOf(err), digits, out, 0, forkDepth);
        return new String(out);
    }

    private static void node(BigInteger y, int bits, BigInteger err, int digits, char[] out, int at, int forkDepth) {
        if (digits <= LEAF_DIGITS) {
            BigInteger pow = BigInteger.TEN.pow(digits);
            BigInteger v = y.multiply(pow);
            BigInteger whole = v.shiftRight(bits);
            decidedFraction(v, whole, bits, pow.multiply(err));
            String s = whole.toString();
            Arrays.fill(out, at, at + digits - s.length(), '0');
            s.getChars(0, s.length(), out, at + digits - s.length());
            return;
        }
        int h = Integer.highestOneBit(digits - 1); // high digits, a power of two: cached 10^h
        int l = digits - h;
        boolean parallel = forkDepth > 0;
        BigInteger pow = powerOfTen(h, parallel);
        // low digits: frac(y 10^h), known to within err 10^h
        BigInteger v = FftMultiply.multiply(y, pow, parallel);
        BigInteger margin = pow.multiply(err);
        BigInteger frac = decidedFraction(v, v.shiftRight(bits), bits, margin);
        int lowBits = bitsFor(l);
        BigInteger low = frac.shiftRight(bits - lowBits);
        BigInteger lowErr = margin.shiftRight(bits - lowBits).add(BigInteger.TWO);
        // high digits: y itself, truncated
        int highBits = bitsFor(h);
        BigInteger high = y.shiftRight(bits - highBits);
        BigInteger highErr = err.shiftRight(bits - highBits).add(BigInteger.TWO);
        if (parallel) {
            FutureTask<Void> task = new FutureTask<>(() -> node(high, highBits, highErr, h, out, at, forkDepth - 1), null);
            new Thread(task, "digits-" + at).start();
            node(low, lowBits, lowErr, l, out, at + h, forkDepth - 1);
            join(task);
        } else {
            node(high, highBits, highErr, h, out, at, 0);
            node(low, lowBits, lowErr, l, out, at + h, 0);
        }
    }

    /**
     * v mod 2^bits, once it is certain that whole = floor(v / 2^bits) is the floor of the true
     * value, which lies within margin / 2^bits of v / 2^bits: the fraction keeps margin from 0
     * and 1.
     */
    private static BigInteger decidedFraction(BigInteger v, BigInteger whole, int bits, BigInteger margin) {
        BigInteger frac = v.subtract(whole.shiftLeft(bits));
        if (frac.compareTo(margin) < 0 || frac.add(margin).bitLength() > bits) {
            throw new ArithmeticException("a digit is undecided at this precision (a long run of 0s or 9s)");
        }
        return frac;
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
