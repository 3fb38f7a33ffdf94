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
    private CrossingList waiting;
    private int waitHead;

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
        if (waiting == null) {
            waiting = new CrossingList();
        }
        waiting.add(p, offset, wheelPlace);
    }

    /**
     * Adds the waiting primes whose first multiple lies before window offset {@code pos + len},
     * with offsets from {@code pos}, the start of the block about to be crossed off; returns
     * the index of the first one added (= count when none).
     */
    int admit(long pos, int len) {
        int first = count;
        if (waiting != null) {
            while (waitHead < waiting.count && waiting.next[waitHead] < pos + len) {
                add(waiting.prime[waitHead], waiting.next[waitHead] - pos, waiting.place[waitHead]);
                waitHead++;
            }
        }
        return first;
    }
}
