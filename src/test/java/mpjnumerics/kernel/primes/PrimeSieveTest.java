package mpjnumerics.kernel.primes;

import mpjnumerics.kernel.VectorApi;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import mpjnumerics.testing.Oracles;
import org.junit.jupiter.api.Test;

class PrimeSieveTest {
    /** Oracle for larger windows: a plain sieve (no wheel, no pre-sieve, no buckets). */
    static long plainSegmentCount(long a, long b) {
        int root = (int) Math.sqrt((double) b) + 1;
        boolean[] composite = new boolean[root + 1];
        boolean[] window = new boolean[(int) (b - a + 1)];
        for (int p = 2; p <= root; p++) {
            if (composite[p]) {
                continue;
            }
            for (long m = (long) p * p; m <= root; m += p) {
                composite[(int) m] = true;
            }
            for (long m = Math.max((long) p * p, (a + p - 1) / p * p); m <= b; m += p) {
                window[(int) (m - a)] = true;
            }
        }
        long n = 0;
        for (long x = Math.max(a, 2); x <= b; x++) {
            if (!window[(int) (x - a)]) {
                n++;
            }
        }
        return n;
    }

    static List<Long> sieveList(long lo, long hi) {
        List<Long> out = new ArrayList<>();
        PrimeSieve.forEach(lo, hi, out::add);
        return out;
    }

    @Test
    void knownValuesOfPiOfPowersOfTen() {
        long[] known = {4, 25, 168, 1229, 9592, 78498, 664579, 5761455, 50847534};
        long p = 1;
        for (int k = 1; k <= 9; k++) {
            p *= 10;
            assertEquals(known[k - 1], PrimeSieve.count(0, p), "pi(10^" + k + ")");
        }
    }

    @Test
    void edgesAgainstTrialDivision() {
        long seg = 30L * PrimeSieve.SEGMENT_BYTES; // numbers per segment
        long[] starts = {0, 1, 2, 3, 4, 5, 6, 7, 11, 23, 29, 30, 31, 49, 97, 101, 103, 121, 169, 361, 529, 10_007,
            seg - 7, seg, seg + 1, 2 * seg - 1, 1_000_003 * 1_000_003L - 20};
        for (long a : starts) {
            for (long len : new long[] {0, 1, 2, 3, 29, 30, 31, 200}) {
                long b = a + len;
                List<Long> expected = new ArrayList<>();
                for (long n = a; n <= b; n++) {
                    if (Oracles.isPrime(n)) {
                        expected.add(n);
                    }
                }
                assertEquals(expected, sieveList(a, b), "[" + a + ", " + b + "]");
                assertEquals(expected.size(), PrimeSieve.count(a, b), "count [" + a + ", " + b + "]");
            }
        }
        assertEquals(0, PrimeSieve.count(10, 9));
    }

    @Test
    void randomWindowsAgainstTrialDivision() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            long a = r.nextLong(1L << (10 + r.nextInt(22)));
            long b = a + r.nextInt(i % 10 == 0 ? 100_000 : 2_000);
            long expected = 0;
            for (long n = a; n <= b; n++) {
                if (Oracles.isPrime(n)) {
                    expected++;
                }
            }
            assertEquals(expected, PrimeSieve.count(a, b), "[" + a + ", " + b + "]");
        }
    }

    @Test
    void windowsCrossingManySegmentsWithLargeSievingPrimes() {
        // sqrt(hi) above the bucket threshold: large primes go through the buckets.
        long a = 20_000_000_000_000L; // sqrt above 15 * SEGMENT_BYTES
        long b = a + 30L * PrimeSieve.SEGMENT_BYTES + 12_345;
        long expected = plainSegmentCount(a, b);
        assertEquals(expected, PrimeSieve.count(a, b));
        long split = a + 1_234_567;
        assertEquals(expected, PrimeSieve.count(a, split) + PrimeSieve.count(split + 1, b));
    }

    /**
     * A sieving prime joins the crossing in the block that holds p²: p² placed at the window's
     * start, on and beside block and segment boundaries, in a later segment, for primes crossed
     * block by block (below 4096) and segment by segment (up to the bucket threshold).
     */
    @Test
    void primesJoinTheCrossingWhereTheirSquareLies() {
        long block = 1 << 15;
        long seg = PrimeSieve.SEGMENT_BYTES;
        for (long p : new long[] {173, 4093, 4099, 1_000_003, 7_864_301}) {
            long sq = p * p;
            for (long bytesBefore : new long[] {0, 1, block - 1, block, block + 1, seg - 1, seg, seg + 1}) {
                long a = sq - 30 * bytesBefore;
                if (a < 0) {
                    continue; // 173² is 997 bytes from 0: only the nearest places fit
                }
                long b = sq + 30 * block + 7;
                assertEquals(plainSegmentCount(a, b), PrimeSieve.count(a, b), "p " + p + ", [" + a + ", " + b + "]");
            }
        }
    }

    @Test
    void topOfTheLongRangeAgainstBigIntegerPrimality() {
        long a = Long.MAX_VALUE - 2000;
        List<Long> expected = new ArrayList<>();
        for (long n = a; n > 0 && n <= Long.MAX_VALUE; n++) {
            if (BigInteger.valueOf(n).isProbablePrime(64)) {
                expected.add(n);
            }
            if (n == Long.MAX_VALUE) {
                break;
            }
        }
        assertEquals(expected, sieveList(a, Long.MAX_VALUE));
        assertEquals(9223372036854775783L, expected.get(expected.size() - 1)); // largest prime below 2^63
    }

    @Test
    void costModelLogarithmIsCloseAndTheCostGrows() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double y = 1 + r.nextDouble() * Math.scalb(1.0, r.nextInt(62));
            org.junit.jupiter.api.Assertions.assertEquals(Math.log(y) / Math.log(2), PrimeSieve.log2(y), 0.09, "log2 " + y);
        }
        double previous = 0;
        for (double x = 1e3; x < 9e18; x *= 3) {
            double c = PrimeSieve.costDensity(x);
            org.junit.jupiter.api.Assertions.assertTrue(c > 0 && c >= previous, "cost at " + x);
            previous = c;
        }
    }

    @Test
    void vectorPresieveEqualsTheScalarOne() {
        org.junit.jupiter.api.Assertions.assertTrue(VectorApi.ENABLED, "tests run with the Vector API");
        SplittableRandom r = new SplittableRandom(5);
        byte[] vector = new byte[PrimeSieve.SEGMENT_BYTES];
        byte[] scalar = new byte[PrimeSieve.SEGMENT_BYTES];
        for (int i = 0; i < 40; i++) {
            long start = i < 3 ? i : r.nextLong(Long.MAX_VALUE / 30);
            int len = i % 4 == 0 ? PrimeSieve.SEGMENT_BYTES : 1 + r.nextInt(i % 2 == 0 ? 200 : PrimeSieve.SEGMENT_BYTES);
            PrimeSieve.presieve(vector, len, start, true);
            PrimeSieve.presieveScalar(scalar, len, start, PrimeSieve.Presieve.PATTERNS, PrimeSieve.Presieve.PERIODS);
            org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOf(scalar, len),
                java.util.Arrays.copyOf(vector, len), "start " + start + " len " + len);
        }
    }
}
