package mpjnumerics.kernel.primecount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TablesTest {
    static int lpf(long m) {
        for (int d = 2; (long) d * d <= m; d++) {
            if (m % d == 0) {
                return d;
            }
        }
        return (int) m;
    }

    static int mu(long m) {
        int s = 1;
        for (long d = 2; d * d <= m; d++) {
            if (m % d == 0) {
                m /= d;
                if (m % d == 0) {
                    return 0;
                }
                s = -s;
            }
        }
        return m > 1 ? -s : s;
    }

    @Test
    void piPrimesAndFactorsAgreeWithTrialDivision() {
        int y = 100_003;
        Tables t = new Tables(y, true);
        int n = 0;
        for (int m = 0; m <= y; m++) {
            if (m >= 2 && lpf(m) == m) {
                n++;
                assertEquals(m, t.primes[n]);
            }
            assertEquals(n, t.pi(m), "pi(" + m + ")");
            if (m >= 1 && Tables.POS[m % 30] >= 0) {
                int expected = m == 1 ? Integer.MAX_VALUE : mu(m) * lpf(m);
                assertEquals(expected, t.factor(m), "factor(" + m + ")");
            }
        }
        assertEquals(n, t.a());
    }

    @Test
    void phiTinyCountsNumbersFreeOfTheFirstSevenPrimes() {
        long n = 0;
        for (long v = 0; v <= 3 * PhiTiny.P + 5; v++) {
            if (v > 0 && v % 2 != 0 && v % 3 != 0 && v % 5 != 0 && v % 7 != 0 && v % 11 != 0 && v % 13 != 0
                    && v % 17 != 0) {
                n++;
            }
            assertEquals(n, PhiTiny.phi(v), "phi(" + v + ")");
        }
        assertEquals(PhiTiny.PHI_P * 1_000_000_000L + 1, PhiTiny.phi(PhiTiny.P * 1_000_000_000L + 1));
    }

    @Test
    void integerRootsAreExactUpTo2e63() {
        assertEquals(0, IntMath.isqrt(0));
        for (long r : new long[] {1, 2, 3, 1000, 2097151, 3037000499L}) {
            for (long d = -1; d <= 1; d++) {
                long n = r * r + d;
                if (n >= 0) {
                    assertEquals(d < 0 ? r - 1 : r, IntMath.isqrt(n), "isqrt(" + n + ")");
                }
            }
            if (r <= 2097151) {
                long n = r * r * r;
                assertEquals(r, IntMath.icbrt(n));
                if (n > 0) {
                    assertEquals(r - 1, IntMath.icbrt(n - 1));
                }
            }
        }
        assertEquals(3037000499L, IntMath.isqrt(Long.MAX_VALUE));
        assertEquals(2097151L, IntMath.icbrt(Long.MAX_VALUE));
    }
}
