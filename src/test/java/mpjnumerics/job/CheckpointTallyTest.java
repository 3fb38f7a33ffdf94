package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mpjnumerics.kernel.primes.Tuplets;
import mpjnumerics.report.Checkpoint;
import mpjnumerics.spmd.Range;
import mpjnumerics.testing.Oracles;
import org.junit.jupiter.api.Test;

/**
 * A checkpointed count resumed after any number of finished units (its journal written and read
 * back in between) gives the uninterrupted answer: checked at every unit boundary, against a
 * count by trial division.
 */
class CheckpointTallyTest {
    /** Trial division: primes (k 1) or twin pairs (k 2) with both members in [lo, hi]. */
    private static long oracle(long lo, long hi, int k) {
        long n = 0;
        for (long p = lo; p <= hi; p++) {
            if (Oracles.isPrime(p) && (k == 1 || (p + 2 <= hi && Oracles.isPrime(p + 2)))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void resumingAtEveryUnitBoundaryGivesTheUninterruptedCount() throws Exception {
        for (int k : new int[] {1, 2}) {
            Range all = new Range(7, 4_001); // cuts at multiples of 30, some through twins (29, 31)
            long per = 3; // sieve bytes of 30 numbers a unit
            long bytes = all.last() / 30 - all.first() / 30 + 1;
            long n = Journal.units(bytes, per);
            long[][] results = new long[(int) n][];
            for (int u = 0; u < n; u++) {
                results[u] = PrimeCount.countPiece(DealtSieve.item(all, per, u), k, len -> { });
            }
            long expected = oracle(all.first(), all.last(), k);
            PrimeCount.UnitTally whole = new PrimeCount.UnitTally(n);
            for (int u = 0; u < n; u++) {
                whole.add(u, results[u]);
            }
            assertEquals(expected, whole.count(k), "uninterrupted, k " + k);
            for (int stop = 0; stop <= n; stop++) {
                // the first run finishes units n-1 .. n-stop (dealt from the top), then stops
                PrimeCount.UnitTally first = new PrimeCount.UnitTally(n);
                Checkpoint c = new Checkpoint("PrimeCount", "v", "p");
                Checkpoint.Phase phase = c.phase("pieces", n);
                for (int u = (int) n - 1; u >= n - stop; u--) {
                    first.add(u, results[u]);
                    phase.markDone(u);
                }
                phase.tally(first.save());
                Checkpoint read = Checkpoint.fromBytes(c.toBytes(), "f");
                Checkpoint.Phase again = read.phase("pieces", n);
                PrimeCount.UnitTally second = new PrimeCount.UnitTally(n);
                second.load(again.tally());
                for (int u = 0; u < n; u++) {
                    if (!again.isDone(u)) {
                        second.add(u, results[u]);
                    }
                }
                assertEquals(expected, second.count(k), Tuplets.name(k) + ", stopped after " + stop + " units");
            }
        }
    }
}
