package mpjnumerics.kernel.primes;

/**
 * The mod-30 wheel behind {@link PrimeSieve}: one byte stands for 30 consecutive integers,
 * its 8 bits for the residues coprime to 30. Multiples p q of a sieving prime p are visited
 * for q coprime to 30 only; which bit each one hits, and how far in bytes the next one is,
 * depend only on p mod 30 and q's place on the wheel, so they come from small tables.
 */
final class Wheel30 {
    static final int[] RESIDUES = {1, 7, 11, 13, 17, 19, 23, 29};
    /** Gap from each residue to the next one (29 to 31 = 1 + 30). */
    static final int[] GAPS = {6, 4, 2, 4, 2, 4, 6, 2};
    /** Bit of residue n mod 30, or -1 if n shares a factor with 30. */
    static final int[] BIT = new int[30];
    /** For p with p mod 30 = RESIDUES[r] and q on wheel place j: the bit p q hits. */
    static final byte[][] MASK = new byte[8][8];
    /** ... and the carry into the byte step to the next multiple: step = (p/30) GAPS[j] + CARRY[r][j]. */
    static final int[][] CARRY = new int[8][8];
    /** For any q mod 30: how far up to the next q' coprime to 30, and the place of q' on the wheel. */
    static final int[] UP = new int[30];
    static final int[] PLACE_UP = new int[30];

    static {
        java.util.Arrays.fill(BIT, -1);
        for (int b = 0; b < 8; b++) {
            BIT[RESIDUES[b]] = b;
        }
        for (int r = 0; r < 8; r++) {
            for (int j = 0; j < 8; j++) {
                int s = RESIDUES[r] * RESIDUES[j] % 30;
                MASK[r][j] = (byte) (1 << BIT[s]);
                CARRY[r][j] = (s + RESIDUES[r] * GAPS[j]) / 30;
            }
        }
        for (int x = 0; x < 30; x++) {
            int d = 0;
            while (BIT[(x + d) % 30] < 0) {
                d++;
            }
            UP[x] = d;
            PLACE_UP[x] = BIT[(x + d) % 30];
        }
    }

    private Wheel30() {}
}
