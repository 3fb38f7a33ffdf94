package mpjnumerics.kernel.primes;

import java.util.Arrays;

/**
 * Sieving primes of one residue class mod 30 with, for each, where its next multiple is: a
 * byte offset from the start of the next block or segment, and the multiple's place on the
 * wheel. {@link WheelCrossing} reads and advances them.
 *
 * <p>A prime whose first multiple p² lies ahead in the window waits, in order of p², until
 * the block or segment that holds p² ({@link #admit}). Its first crossing may then start
 * anywhere in the block and run out of multiples within a turn of the wheel, which the
 * generated loops otherwise meet only in short blocks; so {@link ShortCrossing} takes that
 * first crossing.
 */
final class CrossingList {
    int count;
    int[] prime = new int[64];
    long[] next = new long[64];
    byte[] place = new byte[64];

    /** The waiting primes from {@code waitHead} on, each with its first multiple's byte offset from the window's start. */
    private int waitCount;
    private int waitHead;
    private int[] waitPrime = new int[16];
    private long[] waitAt = new long[16];
    private byte[] waitPlace = new byte[16];

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

    /** A prime whose first multiple is p², at this byte offset from the window's start; added in increasing order. */
    void addWaiting(int p, long offset, int wheelPlace) {
        if (waitCount == waitPrime.length) {
            waitPrime = Arrays.copyOf(waitPrime, 2 * waitCount);
            waitAt = Arrays.copyOf(waitAt, 2 * waitCount);
            waitPlace = Arrays.copyOf(waitPlace, 2 * waitCount);
        }
        waitPrime[waitCount] = p;
        waitAt[waitCount] = offset;
        waitPlace[waitCount] = (byte) wheelPlace;
        waitCount++;
    }

    /**
     * Adds the waiting primes whose first multiple lies before window offset {@code pos + len},
     * with offsets from {@code pos}, the start of the block about to be crossed off; returns
     * the index of the first one added (= count when none).
     */
    int admit(long pos, int len) {
        int first = count;
        while (waitHead < waitCount && waitAt[waitHead] < pos + len) {
            add(waitPrime[waitHead], waitAt[waitHead] - pos, waitPlace[waitHead]);
            waitHead++;
        }
        return first;
    }
}
