package mpjnumerics.kernel.primes;

import java.util.Arrays;

/**
 * Sieving primes of one residue class mod 30 with, for each, where its next multiple is: a
 * byte offset from the start of the next block or segment, and the multiple's place on the
 * wheel. {@link WheelCrossing} reads and advances them.
 */
final class CrossingList {
    int count;
    int[] prime = new int[64];
    long[] next = new long[64];
    byte[] place = new byte[64];

    void add(int p, long offset, int wheelPlace) {
        if (count == prime.length) {
            prime = Arrays.copyOf(prime, 2 * count);
            next = Arrays.copyOf(next, 2 * count);
            place = Arrays.copyOf(place, 2 * count);
        }
        prime[count] = p;
        next[count] = offset;
        place[count] = (byte) wheelPlace;
        count++;
    }
}
