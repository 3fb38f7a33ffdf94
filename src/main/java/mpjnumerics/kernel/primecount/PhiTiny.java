package mpjnumerics.kernel.primecount;

/**
 * phi(v, c), the count of integers in [1, v] divisible by none of the first c primes, for
 * c = {@link #C}: periodic with period P = 2 3 5 7 11 13 17, so one table of P entries gives
 * phi(v, c) = (v / P) phi(P, c) + phi(v mod P, c) in constant time.
 */
final class PhiTiny {
    /** The primes the table removes; the ordinary leaves stop there. */
    static final int C = 7;
    static final int P = 2 * 3 * 5 * 7 * 11 * 13 * 17;
    /** phi(r, C) for 0 <= r < P. */
    private static final int[] TABLE = new int[P];
    static final int PHI_P;

    static {
        boolean[] hit = new boolean[P];
        for (int p : new int[] {2, 3, 5, 7, 11, 13, 17}) {
            for (int m = 0; m < P; m += p) {
                hit[m] = true;
            }
        }
        int n = 0;
        for (int r = 0; r < P; r++) {
            if (r > 0 && !hit[r]) {
                n++;
            }
            TABLE[r] = n;
        }
        PHI_P = n;
    }

    private PhiTiny() {}

    static long phi(long v) {
        return (v / P) * PHI_P + TABLE[(int) (v % P)];
    }
}
