package mpjnumerics.kernel.primecount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import mpjnumerics.kernel.primes.PrimeSieve;
import org.junit.jupiter.api.Test;

class DelegliseRivatTest {
    /** OEIS A006880: pi(10^k), k = 0 .. 18. */
    static final long[] PI_10 = {0, 4, 25, 168, 1229, 9592, 78498, 664579, 5761455, 50847534, 455052511,
        4118054813L, 37607912018L, 346065536839L, 3204941750802L, 29844570422669L, 279238341033925L,
        2623557157654233L, 24739954287740860L};
    /** OEIS A007053: pi(2^k), k = 0 .. 63. */
    static final long[] PI_2 = {0, 1, 2, 4, 6, 11, 18, 31, 54, 97, 172, 309, 564, 1028, 1900, 3512, 6542, 12251,
        23000, 43390, 82025, 155611, 295947, 564163, 1077871, 2063689, 3957809, 7603553, 14630843, 28192750,
        54400028, 105097565, 203280221, 393615806, 762939111, 1480206279, 2874398515L, 5586502348L,
        10866266172L, 21151907950L, 41203088796L, 80316571436L, 156661034233L, 305761713237L, 597116381732L,
        1166746786182L, 2280998753949L, 4461632979717L, 8731188863470L, 17094432576778L, 33483379603407L,
        65612899915304L, 128625503610475L, 252252704148404L, 494890204904784L, 971269945245201L,
        1906879381028850L, 3745011184713964L, 7357400267843990L, 14458792895301660L, 28423094496953330L,
        55890484045084135L, 109932807585469973L, 216289611853439384L};

    static long power10(int k) {
        long v = 1;
        for (int i = 0; i < k; i++) {
            v *= 10;
        }
        return v;
    }

    @Test
    void powersOfTenUpTo1e13() {
        for (int k = 0; k <= 13; k++) {
            assertEquals(PI_10[k], DelegliseRivat.pi(power10(k)), "pi(10^" + k + ")");
        }
    }

    @Test
    void powersOfTwoUpTo2e43() {
        for (int k = 0; k <= 43; k++) {
            assertEquals(PI_2[k], DelegliseRivat.pi(1L << k), "pi(2^" + k + ")");
        }
    }

    @Test
    void randomXBelow1e9AgreeWithTheSieve() {
        SplittableRandom r = new SplittableRandom(20240611);
        for (int i = 0; i < 120; i++) {
            // Spread over every order of magnitude, where y, z and the parts change shape.
            long x = (long) Math.floor(Math.scalb(1.0 + r.nextDouble(), r.nextInt(0, 29)));
            assertEquals(PrimeSieve.count(0, x), DelegliseRivat.pi(x), "x = " + x);
        }
    }

    @Test
    void aroundTheSmallCutAndPrimeSquares() {
        for (long x = DelegliseRivat.SMALL - 50; x <= DelegliseRivat.SMALL + 50; x++) {
            assertEquals(PrimeSieve.count(0, x), DelegliseRivat.pi(x), "x = " + x);
        }
        for (long p : new long[] {101, 211, 1009}) { // x at p^2, p^3 and their neighbours
            for (long x : new long[] {p * p - 1, p * p, p * p + 1, p * p * p - 1, p * p * p, p * p * p + 1}) {
                if (x >= DelegliseRivat.SMALL) {
                    assertEquals(PrimeSieve.count(0, x), DelegliseRivat.pi(x), "x = " + x);
                }
            }
        }
    }

    @Test
    void randomShortRangesAgreeWithTheSieve() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20; i++) {
            long lo = r.nextLong(0, 200_000_000_000L);
            long hi = lo + r.nextLong(0, 2_000_000);
            assertEquals(PrimeSieve.count(lo, hi), DelegliseRivat.count(lo, hi), "[" + lo + ", " + hi + "]");
        }
        assertEquals(0, DelegliseRivat.count(10, 9));
        assertEquals(1, DelegliseRivat.count(2, 2));
        assertEquals(4, DelegliseRivat.count(0, 10));
    }

    /** Any alpha gives the same count: y moves work between the parts, never changes the total. */
    @Test
    void everyAlphaGivesTheSameCount() {
        for (double alpha : new double[] {1, 1.7, 3, 6, 20, 1e9}) {
            assertEquals(PI_10[11], new DelegliseRivat(power10(11), alpha).computeAll().pi(), "alpha " + alpha);
        }
    }

    /** Blocks computed in any order, combined in block order, give the sequential result. */
    @Test
    void blocksInAnyOrderGiveTheSameResult() {
        DelegliseRivat d = new DelegliseRivat(power10(12), 2);
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < d.hardBlocks(); k++) {
            order.add(k);
        }
        assertTrue(order.size() > 8, "blocks: " + order.size());
        Collections.shuffle(order, new java.util.Random(3));
        long[][] hard = new long[d.hardBlocks()][];
        for (int k : order) {
            hard[k] = d.hard(k);
        }
        long[] s1 = new long[d.s1Blocks()];
        for (int k = s1.length - 1; k >= 0; k--) {
            s1[k] = d.s1(k);
        }
        long[] easy = new long[d.easyBlocks()];
        for (int k = easy.length - 1; k >= 0; k--) {
            easy[k] = d.easy(k);
        }
        long[][] p2 = new long[d.p2Blocks()][];
        for (int k = p2.length - 1; k >= 0; k--) {
            p2[k] = d.p2(k);
        }
        DelegliseRivat.Result r = d.finish(s1, easy, p2, hard);
        assertEquals(d.computeAll(), r);
        assertEquals(PI_10[12], r.pi());
    }
}
