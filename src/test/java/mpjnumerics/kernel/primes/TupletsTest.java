package mpjnumerics.kernel.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import mpjnumerics.testing.Oracles;
import org.junit.jupiter.api.Test;

class TupletsTest {
    /** primesieve's patterns, written out again here as the oracle's own copy. */
    static final int[][][] PATTERNS = {
        {},
        {{0}},
        {{0, 2}},
        {{0, 2, 6}, {0, 4, 6}},
        {{0, 2, 6, 8}},
        {{0, 2, 6, 8, 12}, {0, 4, 6, 10, 12}},
        {{0, 4, 6, 10, 12, 16}},
    };

    /** Primality below limit by a plain sieve of Eratosthenes (no wheel). */
    static boolean[] plainSieve(int limit) {
        boolean[] prime = new boolean[limit];
        Arrays.fill(prime, 2, limit, true);
        for (int p = 2; (long) p * p < limit; p++) {
            if (prime[p]) {
                for (int m = p * p; m < limit; m += p) {
                    prime[m] = false;
                }
            }
        }
        return prime;
    }

    static final boolean[] PRIME = plainSieve(100_200);

    /** Every k-tuplet in [a, b] as "(p, q, ...)", by trying every pattern at every prime. */
    static List<String> brute(int k, int a, int b) {
        List<String> out = new ArrayList<>();
        for (int p = a; p <= b; p++) {
            for (int[] pattern : PATTERNS[k]) {
                boolean all = true;
                for (int o : pattern) {
                    all &= p + o <= b && PRIME[p + o];
                }
                if (all) {
                    StringBuilder s = new StringBuilder("(");
                    for (int i = 0; i < pattern.length; i++) {
                        s.append(i == 0 ? "" : ", ").append(p + pattern[i]);
                    }
                    out.add(s.append(')').toString());
                }
            }
        }
        return out;
    }

    static List<String> listed(int k, long a, long b, long firstMax) {
        List<String> out = new ArrayList<>();
        Tuplets.forEach(k, a, b, firstMax, (p, offsets) -> {
            StringBuilder s = new StringBuilder("(");
            for (int i = 0; i < offsets.length; i++) {
                s.append(i == 0 ? "" : ", ").append(p + offsets[i]);
            }
            out.add(s.append(')').toString());
        });
        return out;
    }

    @Test
    void primesievesCountsBelowOneHundred() {
        long[] expected = {25, 8, 8, 2, 3, 1}; // primesieve 100 -c1 -c2 -c3 -c4 -c5 -c6
        for (int k = 1; k <= 6; k++) {
            assertEquals(expected[k - 1], Tuplets.count(k, 0, 100), "k " + k);
        }
        assertEquals(List.of("(3, 5)", "(5, 7)", "(11, 13)", "(17, 19)", "(29, 31)", "(41, 43)", "(59, 61)", "(71, 73)"),
                listed(2, 0, 100, 100));
        assertEquals(List.of("(5, 7, 11)", "(7, 11, 13)", "(11, 13, 17)", "(13, 17, 19)", "(17, 19, 23)",
                "(37, 41, 43)", "(41, 43, 47)", "(67, 71, 73)"), listed(3, 0, 100, 100));
        assertEquals(List.of("(5, 7, 11, 13)", "(11, 13, 17, 19)"), listed(4, 0, 100, 100));
        assertEquals(List.of("(5, 7, 11, 13, 17)", "(7, 11, 13, 17, 19)", "(11, 13, 17, 19, 23)"), listed(5, 0, 100, 100));
        assertEquals(List.of("(7, 11, 13, 17, 19, 23)"), listed(6, 0, 100, 100));
    }

    @Test
    void everySmallWindowAgainstBruteForce() {
        for (int a = 0; a <= 64; a++) {
            for (int b = a; b <= 64; b++) {
                for (int k = 1; k <= 6; k++) {
                    List<String> expected = brute(k, a, b);
                    assertEquals(expected.size(), Tuplets.count(k, a, b), "k " + k + " [" + a + ", " + b + "]");
                    assertEquals(expected, listed(k, a, b, b), "k " + k + " [" + a + ", " + b + "]");
                }
            }
        }
    }

    @Test
    void randomWindowsBelowOneHundredThousandAgainstBruteForce() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int t = 0; t < 300; t++) {
            int a = rnd.nextInt(100_001);
            int b = t % 3 == 0 ? a + rnd.nextInt(200) : a + rnd.nextInt(100_001 - a);
            b = Math.min(b, 100_000);
            int k = 1 + t % 6;
            List<String> expected = brute(k, a, b);
            assertEquals(expected.size(), Tuplets.count(k, a, b), "k " + k + " [" + a + ", " + b + "]");
            assertEquals(expected, listed(k, a, b, b), "k " + k + " [" + a + ", " + b + "]");
            int firstMax = a + rnd.nextInt(b - a + 1);
            assertEquals(expected.stream().filter(s -> Long.parseLong(s.split("[(),]")[1]) <= firstMax).toList(),
                    listed(k, a, b, firstMax), "k " + k + " [" + a + ", " + b + "] first <= " + firstMax);
        }
    }

    /** OEIS A007508: twin prime pairs (p, p + 2) with p + 2 below 10^k (10^k is never a member). */
    @Test
    void twinPrimesBelowPowersOfTen() {
        long[] known = {2, 8, 35, 205, 1224, 8169, 58980, 440312, 3424506};
        long n = 1;
        for (int k = 1; k <= known.length; k++) {
            n *= 10;
            assertEquals(known[k - 1], Tuplets.count(2, 0, n), "10^" + k);
        }
    }

    /**
     * OEIS A050258: prime quadruplets whose first member is below 10^k. Beyond k = 1 every
     * quadruplet starting below 10^k also ends below it (brute force to 10^5 above; the sieve's
     * lists agree further on), so the counts are those of [0, 10^k]; for k = 1 only
     * (5, 7, 11, 13) starts below 10, and ends below 18.
     */
    @Test
    void primeQuadrupletsBelowPowersOfTen() {
        assertEquals(0, Tuplets.count(4, 0, 10));
        assertEquals(1, Tuplets.count(4, 0, 18));
        long[] known = {2, 5, 12, 38, 166, 899, 4768, 28388};
        long n = 10;
        for (int k = 2; k <= 9; k++) {
            n *= 10;
            assertEquals(known[k - 2], Tuplets.count(4, 0, n), "10^" + k);
            long starting = n;
            long[] byStart = {0};
            Tuplets.forEach(4, 0, n + 8, starting - 1, (p, o) -> byStart[0]++);
            assertEquals(known[k - 2], byStart[0], "first member below 10^" + k);
        }
    }

    /** primesieve 1e12 1e12+1e8 -c1 ... -c6: six segments and more, far from the small primes. */
    @Test
    void aWindowNearTenToTheTwelveAgainstPrimesieve() {
        long lo = 1_000_000_000_000L;
        long hi = lo + 100_000_000L;
        long[] expected = {3_618_282, 172_900, 27_284, 699, 145, 5};
        for (int k = 1; k <= 6; k++) {
            assertEquals(expected[k - 1], Tuplets.count(k, lo, hi), "k " + k);
            long[] listed = {0};
            long[] prev = {-1};
            Tuplets.forEach(k, lo, hi, hi, (p, o) -> {
                assertEquals(true, p > prev[0], "in order");
                prev[0] = p;
                listed[0]++;
            });
            assertEquals(expected[k - 1], listed[0], "listed, k " + k);
        }
    }

    /** Twins (30 m + 29, 30 m + 31) across segment edges, counted once, against brute force. */
    @Test
    void twinsAcrossSegmentEdges() {
        long edge = 30L * PrimeSieve.SEGMENT_BYTES; // the second segment's first number
        for (long centre : new long[] {edge, 2 * edge}) {
            long a = centre - 3000;
            long b = centre + 3000;
            boolean[] prime = new boolean[(int) (b - a + 1)];
            for (long x = a; x <= b; x++) {
                prime[(int) (x - a)] = Oracles.isPrime(x);
            }
            for (int k = 1; k <= 6; k++) {
                List<String> expected = new ArrayList<>();
                for (long p = a; p <= b; p++) {
                    for (int[] pattern : PATTERNS[k]) {
                        boolean all = true;
                        for (int o : pattern) {
                            all &= p + o <= b && prime[(int) (p + o - a)];
                        }
                        if (all) {
                            expected.add(Long.toString(p));
                        }
                    }
                }
                // The window starts at 0, so its segments' edges are multiples of edge.
                List<String> got = new ArrayList<>();
                long[] all = {0};
                Tuplets.forEach(k, 0, b, b, (p, o) -> {
                    all[0]++;
                    if (p >= a) {
                        got.add(Long.toString(p));
                    }
                });
                assertEquals(expected, got, "k " + k + " near " + centre);
                assertEquals(all[0], Tuplets.count(k, 0, b), "k " + k + " to " + b);
            }
        }
    }

    @Test
    void counterKeepsTheFirstAndLastPrimeAndCutsJoin() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int t = 0; t < 200; t++) {
            int k = 1 + t % 6;
            int a = rnd.nextInt(50_000);
            int b = a + rnd.nextInt(50_000);
            // cut [a, b] at multiples of 30, like the jobs' pieces
            List<Long> cuts = new ArrayList<>();
            cuts.add((long) a);
            for (int c = 0; c < 3; c++) {
                cuts.add((long) (30 * ((a + rnd.nextInt(b - a + 1)) / 30)));
            }
            cuts.add((long) b + 1);
            cuts.sort(null);
            long total = 0;
            long lastPrime = -1;
            for (int i = 0; i + 1 < cuts.size(); i++) {
                long lo = Math.max(a, cuts.get(i));
                long hi = cuts.get(i + 1) - 1;
                if (hi < lo) {
                    continue;
                }
                Tuplets.Counter c = new Tuplets.Counter(k, lo, hi);
                PrimeSieve.sieve(lo, hi, c);
                List<String> primes = brute(1, (int) lo, (int) hi);
                assertEquals(primes.isEmpty() ? -1 : Long.parseLong(primes.get(0).replaceAll("[()]", "")), c.firstPrime());
                assertEquals(primes.isEmpty() ? -1 : Long.parseLong(primes.get(primes.size() - 1).replaceAll("[()]", "")),
                        c.lastPrime());
                if (c.firstPrime() >= 0) {
                    total += Tuplets.acrossCut(k, lastPrime, c.firstPrime());
                    lastPrime = c.lastPrime();
                }
                total += c.count();
            }
            assertEquals(brute(k, a, b).size(), total, "k " + k + " [" + a + ", " + b + "] cut at " + cuts);
        }
    }

    @Test
    void namesSpansAndBadK() {
        assertEquals("twin primes", Tuplets.name(2));
        assertEquals("prime sextuplets", Tuplets.name(6));
        assertEquals(16, Tuplets.span(6));
        assertEquals(0, Tuplets.span(1));
        assertThrows(IllegalArgumentException.class, () -> Tuplets.count(0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> Tuplets.count(7, 0, 10));
        assertEquals(0, Tuplets.count(2, 10, 9));
    }
}
