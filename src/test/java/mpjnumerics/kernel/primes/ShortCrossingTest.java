package mpjnumerics.kernel.primes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import mpjnumerics.testing.Oracles;
import org.junit.jupiter.api.Test;

class ShortCrossingTest {
    /** Primes of residue class r mod 30 in [lo, hi), by trial division. */
    private static CrossingList primesOfClass(int r, int lo, int hi, SplittableRandom rnd, int maxOffset) {
        CrossingList list = new CrossingList();
        for (int p = lo; p < hi; p++) {
            if (p % 30 == Wheel30.RESIDUES[r] && Oracles.isPrime(p)) {
                list.add(p, rnd.nextInt(maxOffset), rnd.nextInt(8));
            }
        }
        return list;
    }

    private static CrossingList copy(CrossingList a) {
        CrossingList b = new CrossingList();
        for (int i = 0; i < a.count; i++) {
            b.add(a.prime[i], a.next[i], a.place[i]);
        }
        return b;
    }

    /** The table-driven loop and the generated unrolled ones cross off the same bits and leave the same states. */
    @Test
    void crossesOffWhatTheGeneratedLoopsDo() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int r = 0; r < 8; r++) {
            for (int len : new int[] {1 << 15, 1 << 12, 4000, 1}) {
                CrossingList a = primesOfClass(r, 31, 20_000, rnd, len + 700);
                CrossingList b = copy(a);
                byte[] segA = new byte[len + 64];
                java.util.Arrays.fill(segA, (byte) -1);
                byte[] segB = segA.clone();
                for (int round = 0; round < 5; round++) { // the states carry over from block to block
                    WheelCrossing.cross(r, segA, 32, len, a);
                    ShortCrossing.cross(r, segB, 32, len, b, 0);
                    assertArrayEquals(segA, segB, "r " + r + ", len " + len + ", round " + round);
                    assertArrayEquals(a.next, b.next);
                    assertArrayEquals(a.place, b.place);
                }
            }
        }
    }

    @Test
    void waitingPrimesJoinInTheBlockOfTheirFirstMultiple() {
        CrossingList list = new CrossingList();
        list.add(31, 0, 0);
        list.addWaiting(37, 100, 3);
        list.addWaiting(41, 250, 5);
        assertEquals(1, list.admit(0, 100));
        assertEquals(1, list.count);
        assertEquals(1, list.admit(100, 100)); // 37 at offset 0 of this block
        assertEquals(2, list.count);
        assertEquals(0, list.next[1]);
        assertEquals(3, list.place[1]);
        assertEquals(2, list.admit(200, 100)); // 41 at offset 50
        assertEquals(50, list.next[2]);
        assertEquals(3, list.admit(300, 100));
        assertEquals(3, list.count);
    }
}
