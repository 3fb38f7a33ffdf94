package mpjnumerics.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FFT products, Newton division and decimal conversion against BigInteger's own. */
class HugeDecimalTest {
    private final Random random = new Random(20261125);

    private BigInteger random(int bits) {
        return new BigInteger(bits, random).setBit(bits - 1);
    }

    @Test
    void fftProductsEqualBigIntegerProducts() {
        int[][] sizes = {{1, 1}, {15, 17}, {16, 16}, {1000, 3}, {65_536, 65_536}, {70_001, 2_000_000},
            {1 << 20, 1 << 20}, {3_400_000, 3_300_000}};
        for (int[] s : sizes) {
            BigInteger a = random(s[0]);
            BigInteger b = random(s[1]);
            BigInteger viaFft = FftMultiply.fft(a, b, s[0] % 2 == 0);
            assertNotNull(viaFft, "rounding check failed at " + s[0] + " x " + s[1]);
            assertEquals(a.multiply(b), viaFft, s[0] + " x " + s[1]);
        }
    }

    @Test
    void extremeLimbPatternsAndSigns() {
        // all ones: every balanced limb is -1 with a carry; powers of two: one limb set
        BigInteger ones = BigInteger.ONE.shiftLeft(200_000).subtract(BigInteger.ONE);
        BigInteger power = BigInteger.ONE.shiftLeft(150_001);
        assertEquals(ones.multiply(ones), FftMultiply.multiply(ones, ones));
        assertEquals(ones.multiply(power), FftMultiply.multiply(ones, power));
        BigInteger a = random(100_000);
        assertEquals(a.negate().multiply(ones), FftMultiply.multiply(a.negate(), ones));
        assertEquals(a.negate().multiply(a.negate()), FftMultiply.multiply(a.negate(), a.negate()));
        assertEquals(BigInteger.ZERO, FftMultiply.multiply(BigInteger.ZERO, ones));
    }

    @Test
    void newtonReciprocalIsWithinAFewUnits() {
        for (int p : new int[] {5000, 70_000, 300_001}) {
            BigInteger b = random(p);
            BigInteger exact = BigInteger.ONE.shiftLeft(2 * p).divide(b);
            BigInteger x = HugeDecimal.reciprocal(b, p, true);
            assertTrue(x.subtract(exact).abs().compareTo(BigInteger.valueOf(16)) <= 0, "p " + p);
        }
    }

    @Test
    void divisionEqualsBigIntegerDivision() {
        int[][] sizes = {{400_000, 200_000}, {600_000, 70_000}, {300_000, 299_000}, {1_000_000, 500_000}, {1000, 5000}};
        for (int[] s : sizes) {
            BigInteger a = random(s[0]);
            BigInteger b = random(s[1]);
            assertArrayEquals(a.divideAndRemainder(b), HugeDecimal.divideAndRemainder(a, b, s[1] % 2 == 0), s[0] + " / " + s[1]);
        }
        // exact multiples and one below: the correction steps at their edges
        BigInteger b = random(150_000);
        BigInteger q = random(150_000);
        BigInteger a = b.multiply(q);
        assertArrayEquals(new BigInteger[] {q, BigInteger.ZERO}, HugeDecimal.divideAndRemainder(a, b, false));
        assertArrayEquals(new BigInteger[] {q.subtract(BigInteger.ONE), b.subtract(BigInteger.ONE)},
            HugeDecimal.divideAndRemainder(a.subtract(BigInteger.ONE), b, true));
    }

    @Test
    void approximateQuotientIsWithinThreeUnits() {
        int[][] sizes = {{400_000, 200_000}, {6_000_000, 3_000_000}, {300_000, 100}, {900_000, 880_000}};
        for (int[] s : sizes) {
            BigInteger a = random(s[0]);
            BigInteger b = random(s[1]);
            BigInteger error = HugeDecimal.approximateQuotient(a, b, true).subtract(a.divide(b)).abs();
            assertTrue(error.compareTo(BigInteger.valueOf(3)) <= 0, s[0] + " / " + s[1] + ": off by " + error);
        }
    }

    @Test
    void decimalConversionEqualsToString() {
        for (int forkDepth : new int[] {0, 2}) {
            BigInteger n = random(1_100_000);
            String expected = n.toString();
            assertEquals(expected, HugeDecimal.toDecimal(n, expected.length(), forkDepth));
        }
        // leading zeros are kept: 12345 in 100000 digits
        String padded = HugeDecimal.toDecimal(BigInteger.valueOf(12345), 100_000, 1);
        assertEquals(100_000, padded.length());
        assertTrue(padded.endsWith("00012345") && padded.chars().limit(99_995).allMatch(c -> c == '0'));
        // 10^k - 1 and 10^k / 2: digit runs across every split boundary
        BigInteger nines = BigInteger.TEN.pow(70_000).subtract(BigInteger.ONE);
        assertEquals(nines.toString(), HugeDecimal.toDecimal(nines, 70_000, 1));
    }

    @Test
    void powersOfTen() {
        for (int n : new int[] {0, 1, 2048, 2049, 5000, 40_001}) {
            assertEquals(BigInteger.TEN.pow(n), HugeDecimal.pow10(n, n % 2 == 0), "10^" + n);
        }
    }
}
