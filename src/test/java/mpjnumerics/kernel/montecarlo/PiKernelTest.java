package mpjnumerics.kernel.montecarlo;

import mpjnumerics.kernel.VectorApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PiKernelTest {
    /** Independent oracle: draws sample by sample and tests the point with exact integers. */
    static long reference(long seed, long block, int count) {
        long[][] s = new long[8][4];
        for (int k = 0; k < 8; k++) {
            long z = SplitMix64.derive(seed, block, k);
            for (int w = 0; w < 4; w++) {
                z += 0x9E3779B97F4A7C15L;
                s[k][w] = SplitMix64.mix(z);
            }
        }
        long hits = 0;
        for (int j = 0; j < count; j++) {
            long[] st = s[j % 8];
            long r = Long.rotateLeft(st[0] + st[3], 23) + st[0]; // xoshiro256++
            long t = st[1] << 17;
            st[2] ^= st[0];
            st[3] ^= st[1];
            st[1] ^= st[2];
            st[0] ^= st[3];
            st[2] ^= t;
            st[3] = Long.rotateLeft(st[3], 45);
            if (insideExact(r)) {
                hits++;
            }
        }
        return hits;
    }

    /** (2x+1)^2 + (2y+1)^2 < 2^66 for the cell centres ((x + 1/2) / 2^32, (y + 1/2) / 2^32). */
    static boolean insideExact(long r) {
        BigInteger x = BigInteger.valueOf(r & 0xFFFFFFFFL).shiftLeft(1).add(BigInteger.ONE);
        BigInteger y = BigInteger.valueOf(r >>> 32).shiftLeft(1).add(BigInteger.ONE);
        return x.multiply(x).add(y.multiply(y)).compareTo(BigInteger.ONE.shiftLeft(66)) < 0;
    }

    @Test
    void matchesTheSampleBySampleReferenceForEveryTailLength() {
        for (int count = 0; count < 70; count++) {
            long expected = reference(42, 3, count);
            assertEquals(expected, PiKernel.hits(42, 3, count, false), "scalar, count " + count);
            assertEquals(expected, PiKernel.hits(42, 3, count, true), "vector, count " + count);
        }
        for (int count : new int[] {4099, 65536, 100_003}) {
            assertEquals(reference(-7, 1234567, count), PiKernel.hits(-7, 1234567, count, false));
        }
    }

    @Test
    void vectorAndScalarKernelsCountTheSame() {
        assertTrue(VectorApi.PRESENT, "tests run with --add-modules=jdk.incubator.vector");
        for (long block = 0; block < 20; block++) {
            int count = (1 << 16) + (int) block;
            assertEquals(PiKernel.hits(1, block, count, false), PiKernel.hits(1, block, count, true));
        }
    }

    @Test
    void doubleTestAgreesWithExactIntegerTest() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            long r = rnd.nextLong();
            assertEquals(insideExact(r) ? 1 : 0, PiKernel.inside(r), Long.toHexString(r));
        }
        // Points on and next to the circle: x = 2^32 - 1 cells is outside only with y large.
        assertEquals(1, PiKernel.inside(0xFFFFFFFFL));            // x near 1, y near 0
        assertEquals(0, PiKernel.inside(0xFFFFFFFFFFFFFFFFL));     // both near 1
        assertEquals(1, PiKernel.inside(0L));
    }

    @Test
    void estimateLiesWithinFourStandardErrors() {
        long samples = 0;
        long hits = 0;
        for (long b = 0; b < 16; b++) {
            hits += PiKernel.hits(99, b, 1 << 20, true);
            samples += 1 << 20;
        }
        double p = (double) hits / samples;
        double se = 4 * Math.sqrt(p * (1 - p) / samples);
        assertTrue(Math.abs(4 * p - Math.PI) < 4 * se, 4 * p + " +- " + se);
    }

    @Test
    void blocksAreIndependentOfEachOther() {
        assertTrue(PiKernel.hits(1, 0, 1000, false) != PiKernel.hits(1, 1, 1000, false)
                || PiKernel.hits(1, 2, 1000, false) != PiKernel.hits(1, 3, 1000, false));
        assertEquals(PiKernel.hits(8, 5, 1000, false), PiKernel.hits(8, 5, 1000, false));
    }

    @Test
    void blockPlanCoversEverySampleOnce() {
        for (long n : new long[] {0, 1, 1 << 20, (1 << 20) + 1, 5_000_123, 3L << 21}) {
            BlockPlan plan = new BlockPlan(n, 1 << 20);
            long total = 0;
            for (long b = 0; b < plan.blocks(); b++) {
                assertTrue(plan.size(b) > 0);
                total += plan.size(b);
            }
            assertEquals(n, total);
        }
        assertEquals((Long.MAX_VALUE >> 20) + 1, BlockPlan.of(Long.MAX_VALUE).blocks());
    }
}
