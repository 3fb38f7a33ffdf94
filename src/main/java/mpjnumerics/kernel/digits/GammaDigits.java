package mpjnumerics.kernel.digits;

import java.math.BigInteger;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * The Euler-Mascheroni constant to many digits by Brent and McMillan's algorithm B1, with no
 * log function: for n = 2^p,
 * gamma = U/V - ln n + O(e^-4n), V = sum of B_k, U = sum of A_k,
 * B_k = (n^k / k!)^2, A_k = B_k (H_k - ln n), computed by the recurrences
 * B_k = B_{k-1} n^2 / k^2 and A_k = (A_{k-1} n^2 / k + B_k) / k, starting from A_0 = -ln n.
 * ln n = p ln 2, and ln 2 = 2 atanh(1/3) comes from its own series. Arithmetic is binary
 * fixed point with guard bits.
 */
public final class GammaDigits {
    static final int GUARD = 20;
    private static final double BITS_PER_DIGIT = 3.3219280948873626;

    private GammaDigits() {}

    /** The smallest p with 4 * 2^p >= (digits + GUARD) ln 10, i.e. error e^-4n below the guard. */
    public static int defaultPower(long digits) {
        double need = (digits + GUARD) * 2.302585092994046 / 4; // ln 10 as a constant
        int p = 0;
        while ((double) (1L << p) < need) {
            p++;
        }
        return p;
    }

    /** ln 2 * 2^bits, truncated: 2 atanh(1/3) = 2 sum 1 / ((2k+1) 3^(2k+1)). */
    public static BigInteger ln2(int bits) {
        BigInteger x = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(3)); // 3^-(2k+1)
        BigInteger nine = BigInteger.valueOf(9);
        BigInteger sum = BigInteger.ZERO;
        for (long k = 0; x.signum() > 0; k++) {
            sum = sum.add(x.divide(BigInteger.valueOf(2 * k + 1)));
            x = x.divide(nine);
        }
        return sum.shiftLeft(1);
    }

    /**
     * gamma * 2^bits with n = 2^p. The B_k run on a helper thread and reach the A_k through a
     * queue: each recurrence is half the work, and rank 0 has the machine to itself here.
     */
    public static BigInteger fixed(int bits, int p) {
        BigInteger lnN = ln2(bits).multiply(BigInteger.valueOf(p));
        int twoP = 2 * p;                              // n^2 = 2^(2p): a shift
        long n = 1L << p;
        BlockingQueue<BigInteger> bs = new ArrayBlockingQueue<>(4096);
        FutureTask<BigInteger> vTask = new FutureTask<>(() -> {
            BigInteger b = BigInteger.ONE.shiftLeft(bits); // B_0 = 1
            BigInteger v = b;
            for (long k = 1; ; k++) {
                b = b.shiftLeft(twoP).divide(BigInteger.valueOf(k * k));
                bs.put(b);
                if (b.signum() == 0 && k > n) {  // B_k stays 0 from here on
                    return v;
                }
                v = v.add(b);
            }
        });
        Thread helper = new Thread(vTask, "gamma-b");
        helper.setDaemon(true);
        helper.start();
        BigInteger a = lnN.negate();                  // A_0 = -ln n
        BigInteger u = a;
        boolean bDone = false;
        try {
            for (long k = 1; ; k++) {
                BigInteger b = BigInteger.ZERO;
                if (!bDone) {
                    b = take(bs, vTask);
                    bDone = b.signum() == 0 && k > n;
                }
                // (A_{k-1} n^2 / k + B_k) / k with one division: floor(floor(x/k)/k) = floor(x/k^2)
                a = a.shiftLeft(twoP).add(b.multiply(BigInteger.valueOf(k))).divide(BigInteger.valueOf(k * k));
                if (bDone && a.signum() == 0) {
                    break;
                }
                u = u.add(a);
            }
        } finally {
            helper.interrupt(); // stops the helper if this thread failed first; a no-op once it ended
        }
        return u.shiftLeft(bits).divide(HugeDecimal.join(vTask));
    }

    /** The next B_k, or the helper's failure. */
    private static BigInteger take(BlockingQueue<BigInteger> bs, FutureTask<BigInteger> vTask) {
        try {
            BigInteger b;
            while ((b = bs.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (vTask.isDone()) {
                    HugeDecimal.join(vTask); // rethrows its failure
                    throw new IllegalStateException("the B_k ended early");
                }
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing gamma", e);
        }
    }

    /** "0.5772..." with {@code digits} digits after the point, using n = 2^p. */
    public static String digits(int digits, int p) {
        int bits = (int) ((digits + GUARD) * BITS_PER_DIGIT) + 64;
        BigInteger g = fixed(bits, p);
        BigInteger scaled = g.multiply(BigInteger.TEN.pow(digits + GUARD)).shiftRight(bits);
        String s = scaled.toString();
        s = "0".repeat(Math.max(0, digits + GUARD - s.length())) + s; // gamma < 1: pad leading zeros
        String guard = s.substring(digits);
        if (guard.chars().allMatch(c -> c == '9') || guard.chars().allMatch(c -> c == '0')) {
            throw new ArithmeticException("guard digits " + guard + " leave the last digit undecided");
        }
        return "0." + s.substring(0, digits);
    }
}
