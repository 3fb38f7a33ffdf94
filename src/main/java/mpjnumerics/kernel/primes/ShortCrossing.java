package mpjnumerics.kernel.primes;

/**
 * Crossing off where a prime's multiples may run out within the turn of the wheel it starts
 * in: a block or segment shorter than the full size (a window's last one), and a prime's
 * first block (its first multiple p² anywhere in it). One loop over the wheel's tables, where
 * {@link WheelCrossing} unrolls a turn per residue.
 *
 * <p>With these apart, the generated loops never take their exits within a turn for the
 * primes below a block's length. C2 compiles an exit its profile has not seen as a trap, and
 * each trap taken later cost a recompilation of an 800-byte method: some 30 in a run of
 * pi(1e16) or of the sieve to 1e10, compiler time that at np equal to the cores the ranks pay.
 */
final class ShortCrossing {
    private ShortCrossing() {}

    /** As {@link WheelCrossing#cross} for the list's primes from index {@code from} on. */
    static void cross(int r, byte[] seg, int base, int len, CrossingList list, int from) {
        byte[] mask = Wheel30.MASK[r];
        int[] carry = Wheel30.CARRY[r];
        int[] gaps = Wheel30.GAPS;
        int[] primes = list.prime;
        long[] next = list.next;
        byte[] places = list.place;
        int end = base + len;
        for (int i = from; i < list.count; i++) {
            long nb = next[i];
            if (nb >= len) { // no multiple here
                next[i] = nb - len;
                continue;
            }
            int a = primes[i] / 30;
            int b = base + (int) nb;
            int j = places[i];
            while (b < end) {
                seg[b] &= (byte) ~mask[j];
                b += a * gaps[j] + carry[j];
                j = (j + 1) & 7;
            }
            next[i] = b - end;
            places[i] = (byte) j;
        }
    }
}
