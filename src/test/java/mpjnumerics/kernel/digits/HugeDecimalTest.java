package mpjnumerics.kernel.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void approximateQuotientIsWithinThreeUnits() {
        int[][] sizes = {{400_000, 200_000}, {6_000_000, 3_000_000}, {300_000, 100}, {900_000, 880_000}};
        for (int[] s : sizes) {
            BigInteger a = random(s[0]);
            BigInteger b = random(s[1]);
            BigInteger error = HugeDecimal.approximateQuotient(a, b, true).subtract(a.divide(b)).abs();
            assertTrue(error.compareTo(BigInteger.valueOf(3)) <= 0, s[0] + " / " + s[1] + ": off by " + error);
        }
    }

    /** The oracle: floor(y 10^digits / 2^bits) by BigInteger, padded. */
    private static String plainDigits(BigInteger y, int bits, int digits) {
        String s = y.multiply(BigInteger.TEN.pow(digits)).shiftRight(bits).toString();
        return "0".repeat(digits - s.length()) + s;
    }

    @Test
    void fractionDigitsEqualPlainConversion() {
        for (int digits : new int[] {1, 1024, 1025, 5000, 300_001}) {
            for (int forkDepth : new int[] {0, 2}) {
                int bits = HugeDecimal.bitsFor(digits) + 7;
                BigInteger y = new BigInteger(bits, random);
                assertEquals(plainDigits(y, bits, digits), HugeDecimal.fractionDigits(y, bits, 1, digits, forkDepth),
                    digits + " digits");
            }
        }
        // leading zeros: y below 2^-100, so its first 30 digits are 0
        int bits = HugeDecimal.bitsFor(4000);
        BigInteger tiny = random(bits - 100);
        String digits = HugeDecimal.fractionDigits(tiny, bits, 1, 4000, 1);
        assertEquals(plainDigits(tiny, bits, 4000), digits);
        assertTrue(digits.startsWith("0".repeat(30)));
    }

    @Test
    void undecidedDigitsFailInsteadOfGuessing() {
        // y = 1/2 - 2^-bits with an error of 4 units: digit 1 is 4 or 5, the tree cannot know
        int bits = HugeDecimal.bitsFor(3000);
        BigInteger y = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        assertThrows(ArithmeticException.class, () -> HugeDecimal.fractionDigits(y, bits, 4, 3000, 1));
        // an error of one unit still reaches 1/2
        assertThrows(ArithmeticException.class, () -> HugeDecimal.fractionDigits(y, bits, 1, 3000, 0));
    }

    @Test
    void powersOfTenBySquaring() {
        for (int k = 1; k <= 1 << 15; k <<= 1) {
            assertEquals(BigInteger.TEN.pow(k), HugeDecimal.powerOfTen(k, k % 4 == 0), "10^" + k);
        }
    }
}
