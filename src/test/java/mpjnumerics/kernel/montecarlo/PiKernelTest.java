package mpjnumerics.kernel.montecarlo;

import mpjnumerics.kernel.VectorApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import mpjnumerics.testing.Oracles;
import org.junit.jupiter.api.Test;

class PiKernelTest {
    /** (2x+1)^2 + (2y+1)^2 < 2^66 for the cell centres ((x + 1/2) / 2^32, (y + 1/2) / 2^32). */
    static boolean insideExact(long r) {
        BigInteger x = BigInteger.valueOf(r & 0xFFFFFFFFL).shiftLeft(1).add(BigInteger.ONE);
        BigInteger y = BigInteger.valueOf(r >>> 32).shiftLeft(1).add(BigInteger.ONE);
        return x.multiply(x).add(y.multiply(y)).compareTo(BigInteger.ONE.shiftLeft(66)) < 0;
    }

    @Test
    void matchesTheSampleBySampleReferenceForEveryTailLength() {
        for (int count = 0; count < 70; count++) {
            long expected = Oracles.piHits(42, 3, count);
            assertEquals(expected, PiKernel.hits(42, 3, count, false), "scalar, count " + count);
            assertEquals(expected, PiKernel.hits(42, 3, count, true), "vector, count " + count);
        }
        for (int count : new int[] {4099, 65536, 100_003}) {
            assertEquals(Oracles.piHits(-7, 1234567, count), PiKernel.hits(-7, 1234567, count, false));
        }
    }

    @Test
    void vectorAndScalarKernelsCountWhatTheReferenceCounts() {
        assertTrue(VectorApi.PRESENT, "tests run with --add-modules=jdk.incubator.vector");
        for (long block = 0; block < 20; block++) {
            int count = (1 << 16) + (int) block;
            long expected = Oracles.piHits(1, block, count);
            assertEquals(expected, PiKernel.hits(1, block, count, false), "scalar, block " + block);
            assertEquals(expected, PiKernel.hits(1, block, count, true), "vector, block " + block);
        }
    }

    @Test
    void blockRangesCountWhatTheReferenceCountsBlockByBlock() {
        // With 512-bit vectors equal blocks go two at a time, the odd one and a short last
        // block alone: ranges of every parity, block sizes with every tail length mod 8.
        for (int blockSize : new int[] {8, 1000, 4099, 65541}) {
            BlockPlan plan = new BlockPlan(7L * blockSize + blockSize / 3, blockSize);
            long[] perBlock = new long[(int) plan.blocks()];
            for (int b = 0; b < perBlock.length; b++) {
                perBlock[b] = Oracles.piHits(11, b, plan.size(b));
            }
            for (int first = 0; first < perBlock.length; first++) {
                long expected = 0;
                for (int last = first; last < perBlock.length; last++) {
                    expected += perBlock[last];
                    String where = "block size " + blockSize + ", blocks " + first + ".." + last;
                    assertEquals(expected, PiKernel.hits(11, plan, first, last, true), "vector, " + where);
                    assertEquals(expected, PiKernel.hits(11, plan, first, last, false), "scalar, " + where);
                }
            }
        }
    }

    @Test
    void vectorKernelUsesThePreferredWidthWhereItHasOne() {
        int lanes = jdk.incubator.vector.LongVector.SPECIES_PREFERRED.length();
        assertEquals(lanes == 8 || lanes == 4, PiKernelVector.usable(), lanes + " lanes");
        assertEquals(lanes == 8, PiKernelVector.pairs(), lanes + " lanes");
    }

    @Test
    void referenceGeneratorsGiveThePublishedOutputs() {
        // rand_xoshiro's reference tests, values from Vigna's splitmix64.c and xoshiro256plusplus.c
        long[] splitMix = {1985237415132408290L, 2979275885539914483L, Long.parseUnsignedLong("13511426838097143398"),
            8488337342461049707L, Long.parseUnsignedLong("15141737807933549159")};
        SplitMix64 production = new SplitMix64(1477776061723855037L);
        for (int i = 0; i < splitMix.length; i++) {
            assertEquals(splitMix[i], Oracles.splitMix64(1477776061723855037L, i), "oracle, draw " + i);
            assertEquals(splitMix[i], production.next(), "SplitMix64, draw " + i);
        }
        long[] state = {1, 2, 3, 4};
        for (String want : new String[] {"41943041", "58720359", "3588806011781223", "3591011842654386",
            "9228616714210784205", "9973669472204895162", "14011001112246962877", "12406186145184390807",
            "15849039046786891736", "10450023813501588000"}) {
            assertEquals(Long.parseUnsignedLong(want), Oracles.xoshiro256pp(state));
        }
    }

    @Test
    void doubleTestAgreesWithExactIntegerTest() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            long r = rnd.nextLong();
            assertEquals(insideExact(r) ? 1 : 0, PiKernel.inside(r), Long.toHexString(r));
            assertEquals(insideExact(r), Oracles.piInside(r), "reference, " + Long.toHexString(r));
        }
        for (long r : new long[] {0, 0xFFFFFFFFL, 0xFFFFFFFF00000000L, -1, 0xB504F333B504F333L, 0xB504F334B504F334L}) {
            assertEquals(insideExact(r), Oracles.piInside(r), "reference, " + Long.toHexString(r));
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
    void eachBlockDrawsFromItsOwnStreamsInAnyOrder() {
        // Blocks counted out of order and again: each gives the reference's count for its own
        // (seed, block), so no state carries over from one call to the next.
        for (long block : new long[] {5, 0, 3, 5, 1, 0}) {
            assertEquals(Oracles.piHits(8, block, 1000), PiKernel.hits(8, block, 1000, false), "block " + block);
        }
        assertTrue(Oracles.piHits(1, 0, 1000) != Oracles.piHits(1, 1, 1000)
                || Oracles.piHits(1, 2, 1000) != Oracles.piHits(1, 3, 1000), "blocks draw different samples");
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
