package mpjnumerics.kernel.primes;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sieve's pre-sieve on the Vector API: each segment byte is the AND of the pattern bytes,
 * all patterns at once, a machine vector (64 bytes with AVX-512) at a time, so the segment is
 * written once instead of read and written once per pattern. Loaded only when
 * {@link VectorApi#ENABLED}.
 */
final class PresieveVector {
    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_PREFERRED;

    private PresieveVector() {}

    /** seg[i] = AND over g of patterns[g][at[g] + i], for i in [0, len). */
    static void and(byte[] seg, int len, byte[][] patterns, int[] at) {
        int groups = patterns.length;
        int i = 0;
        for (int whole = len - S.length(); i <= whole; i += S.length()) {
            ByteVector v = ByteVector.fromArray(S, patterns[0], at[0] + i);
            for (int g = 1; g < groups; g++) {
                v = v.and(ByteVector.fromArray(S, patterns[g], at[g] + i));
            }
            v.intoArray(seg, i);
        }
        for (; i < len; i++) {
            int b = patterns[0][at[0] + i];
            for (int g = 1; g < groups; g++) {
                b &= patterns[g][at[g] + i];
            }
            seg[i] = (byte) b;
        }
    }
}
