package mpjnumerics.kernel.primecount;

/**
 * The tables every part of the combinatorial count reads, up to y (at most about 2^31):
 * the primes, pi(n) for n <= y, and a factor table giving mu(m) and the least prime factor of
 * every m <= y coprime to 30.
 *
 * <p>Sizes (y = 2e7, about x = 1e18): primes 5 MB, pi 3.75 MB, factors 21 MB.
 */
final class Tables {
    /** Residues coprime to 30, in order; an m coprime to 30 sits at index 8 (m / 30) + POS[m % 30]. */
    static final int[] RES = {1, 7, 11, 13, 17, 19, 23, 29};
    static final int[] POS = new int[30];

    static {
        java.util.Arrays.fill(POS, -1);
        for (int i = 0; i < 8; i++) {
            POS[RES[i]] = i;
        }
    }

    final int y;
    /** primes[1] = 2, primes[2] = 3, ... up to the largest prime <= y; primes[0] = 1 (unused). */
    final int[] primes;
    /** Bit n of the bitmap: n is prime (n <= y); piBefore[w] = primes below 64 w. */
    private final long[] isPrime;
    private final int[] piBefore;
    /**
     * For m <= y coprime to 30: 0 if m is not squarefree, else mu(m) lpf(m) (lpf(1) is taken as
     * Integer.MAX_VALUE, so m = 1 passes every "lpf > p" test).
     */
    private final int[] factor;

    Tables(int y, boolean withFactors) {
        this.y = y;
        int words = (y >>> 6) + 1;
        isPrime = new long[words];
        // Odd-only Eratosthenes up to y, written straight into the all-numbers bitmap.
        boolean[] composite = new boolean[y / 2 + 1]; // index i: 2 i + 1
        for (long i = 1; (2 * i + 1) * (2 * i + 1) <= y; i++) {
            if (!composite[(int) i]) {
                long p = 2 * i + 1;
                for (long j = (p * p) / 2; j <= y / 2; j += p) {
                    composite[(int) j] = true;
                }
            }
        }
        int count = y >= 2 ? 1 : 0;
        if (y >= 2) {
            isPrime[0] |= 1L << 2;
        }
        for (int i = 1; 2L * i + 1 <= y; i++) {
            if (!composite[i]) {
                int p = 2 * i + 1;
                isPrime[p >>> 6] |= 1L << p;
                count++;
            }
        }
        primes = new int[count + 1];
        primes[0] = 1;
        piBefore = new int[words];
        int n = 0;
        for (int w = 0; w < words; w++) {
            piBefore[w] = n;
            long bits = isPrime[w];
            while (bits != 0) {
                primes[++n] = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        factor = withFactors ? factors(y) : null;
    }

    /** pi(n) for 0 <= n <= y. */
    int pi(long n) {
        int w = (int) (n >>> 6);
        return piBefore[w] + Long.bitCount(isPrime[w] & (-1L >>> (63 - (int) (n & 63))));
    }

    /** Number of primes <= y. */
    int a() {
        return primes.length - 1;
    }

    /** The factor table's entry for m coprime to 30, m <= y: see {@link #factor}. */
    int factor(long m) {
        return factor[(int) ((m / 30) * 8 + POS[(int) (m % 30)])];
    }

    /** mu(m) lpf(m) by index in the coprime-to-30 numbering. */
    int factorAt(int index) {
        return factor[index];
    }

    static long numberAt(int index) {
        return 30L * (index >>> 3) + RES[index & 7];
    }

    private int[] factors(int y) {
        int size = (int) ((y / 30) * 8 + 8);
        int[] f = new int[size];
        java.util.Arrays.fill(f, Integer.MAX_VALUE);
        for (int k = 4; k < primes.length; k++) { // 7 and up: the multiples coprime to 30
            int p = primes[k];
            long limit = y / p;
            for (int i = 0; ; i++) { // j coprime to 30, j <= y / p
                long j = numberAt(i);
                if (j > limit) {
                    break;
                }
                int at = (int) (((long) p * j / 30) * 8 + POS[(int) ((long) p * j % 30)]);
                int v = f[at];
                if (v == Integer.MAX_VALUE || v == -Integer.MAX_VALUE) {
                    v = v > 0 ? p : -p; // the first prime to reach it is its least
                }
                f[at] = -v;
            }
            long pp = (long) p * p;
            if (pp <= y) {
                for (int i = 0; ; i++) {
                    long j = numberAt(i);
                    if (j > y / pp) {
                        break;
                    }
                    long m = pp * j;
                    f[(int) ((m / 30) * 8 + POS[(int) (m % 30)])] = 0;
                }
            }
        }
        // Entries beyond y stay as they are; nobody reads them.
        return f;
    }
}
