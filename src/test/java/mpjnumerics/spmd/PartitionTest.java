package mpjnumerics.spmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PartitionTest {
    /** The pieces cover the range in order, without gaps or overlaps, sizes within one. */
    static void checkCovers(Range all, int p) {
        BigInteger n = BigInteger.valueOf(all.last()).subtract(BigInteger.valueOf(all.first())).add(BigInteger.ONE);
        BigInteger next = BigInteger.valueOf(all.first());
        BigInteger minSize = null;
        BigInteger maxSize = null;
        for (int r = 0; r < p; r++) {
            Range piece = Partition.block(all, p, r);
            // Oracle: floor(n r / p) in exact arithmetic.
            BigInteger lo = BigInteger.valueOf(all.first()).add(n.multiply(BigInteger.valueOf(r)).divide(BigInteger.valueOf(p)));
            BigInteger hi = BigInteger.valueOf(all.first()).add(n.multiply(BigInteger.valueOf(r + 1)).divide(BigInteger.valueOf(p)));
            BigInteger size = hi.subtract(lo);
            if (size.signum() == 0) {
                assertTrue(piece.isEmpty(), piece.toString());
            } else {
                assertEquals(lo.longValueExact(), piece.first());
                assertEquals(hi.subtract(BigInteger.ONE).longValueExact(), piece.last());
                assertEquals(next, lo);
                next = hi;
            }
            minSize = minSize == null || size.compareTo(minSize) < 0 ? size : minSize;
            maxSize = maxSize == null || size.compareTo(maxSize) > 0 ? size : maxSize;
        }
        assertEquals(BigInteger.valueOf(all.last()).add(BigInteger.ONE), next);
        assertTrue(maxSize.subtract(minSize).compareTo(BigInteger.ONE) <= 0);
    }

    @Test
    void coversSmallRangesForManyRankCounts() {
        for (long first = 0; first < 5; first++) {
            for (long len = 1; len < 40; len++) {
                for (int p = 1; p <= 9; p++) {
                    checkCovers(new Range(first, first + len - 1), p);
                }
            }
        }
    }

    @Test
    void reachesLongMaxWithoutOverflow() {
        for (int p : new int[] {1, 2, 3, 7, 64, 1000}) {
            checkCovers(new Range(0, Long.MAX_VALUE), p);
            checkCovers(new Range(Long.MAX_VALUE - 2, Long.MAX_VALUE), p);
            checkCovers(new Range(1, Long.MAX_VALUE), p);
            checkCovers(new Range(Long.MAX_VALUE / 3, Long.MAX_VALUE - 5), p);
        }
    }

    @Test
    void fewerElementsThanRanksGivesEmptyPieces() {
        int empty = 0;
        for (int r = 0; r < 7; r++) {
            if (Partition.block(new Range(10, 12), 7, r).isEmpty()) {
                empty++;
            }
        }
        assertEquals(4, empty);
        assertTrue(Partition.block(Range.EMPTY, 3, 1).isEmpty());
    }

    /** The weighted pieces cover the range in order, without gaps or overlaps. */
    static Range[] checkWeightedCovers(Range all, int p, java.util.function.DoubleUnaryOperator cost) {
        Range[] pieces = new Range[p];
        long next = all.first();
        for (int r = 0; r < p; r++) {
            pieces[r] = Partition.weighted(all, p, r, cost);
            if (!pieces[r].isEmpty()) {
                assertEquals(next, pieces[r].first(), "piece " + r + " of " + p + " of " + all);
                next = pieces[r].last() + 1;
            }
        }
        assertEquals(all.last(), next - 1, "the last piece ends at the end of " + all);
        return pieces;
    }

    @Test
    void weightedPiecesCoverTheRangeAndFollowTheCost() {
        Range big = new Range(0, 100_000_000_000L);
        for (int p = 1; p <= 9; p++) {
            checkWeightedCovers(big, p, x -> 1);
            checkWeightedCovers(big, p, x -> 1 + Math.sqrt(x));
            checkWeightedCovers(new Range(Long.MAX_VALUE - (1L << 40), Long.MAX_VALUE), p, x -> 1 + x / 1e18);
            checkWeightedCovers(new Range(5, 5 + Partition.MIN_WEIGHTED + 3), p, x -> 2);
            checkWeightedCovers(new Range(0, Long.MAX_VALUE), p, x -> 1 + x / 1e18);
            checkWeightedCovers(new Range(3, 40), p, x -> x); // short: equal blocks
        }
        // A constant cost gives equal pieces, to within a step of the integral.
        Range[] flat = checkWeightedCovers(big, 4, x -> 3);
        for (Range r : flat) {
            assertEquals(25_000_000_000.0, r.size(), big.size() / 4096.0);
        }
        // Work growing with x: the first piece is the longer one.
        Range[] rising = checkWeightedCovers(big, 2, x -> 1 + x / 1e10);
        assertTrue(rising[0].size() > rising[1].size() * 1.5, rising[0] + " " + rising[1]);
    }
}
