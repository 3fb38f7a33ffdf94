package mpjnumerics.kernel.montecarlo;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PiKernel} on the Vector API, in the machine's preferred width: with 512-bit vectors
 * one vector holds a block's 8 streams, and two blocks run side by side (two independent
 * dependency chains keep the vector units busy); with 256-bit vectors a block's streams are
 * two 4-lane vectors. Each lane does the scalar kernel's IEEE operations (no fused
 * multiply-add: Java forbids it), so every block counts what the scalar kernel counts. Loaded
 * only when the JVM was started with {@code --add-modules jdk.incubator.vector}.
 */
final class PiKernelVector {
    private PiKernelVector() {}

    /** Whether this machine has a vector width the kernel uses (512 or 256 bits). */
    static boolean usable() {
        int lanes = LongVector.SPECIES_PREFERRED.length();
        return lanes == 8 || lanes == 4;
    }

    /** Whether two blocks at once run faster than one after the other (512-bit vectors). */
    static boolean pairs() {
        return LongVector.SPECIES_PREFERRED.length() == 8;
    }

    static long hits(long[] st, int count) {
        return pairs() ? Wide.hits(st, count) : Narrow.hits(st, count);
    }

    /** Two blocks' hits, both of {@code count} samples (512-bit vectors only). */
    static long hits(long[] sa, long[] sb, int count) {
        return Wide.hits(sa, sb, count);
    }

    /** 8 lanes of 64 bits: one vector per state word of a block. */
    private static final class Wide {
        static final VectorSpecies<Long> L = LongVector.SPECIES_512;
        static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
        static final LongVector MANTISSA_HIGH32 = LongVector.broadcast(L, 0x000FFFFFFFF00000L);
        static final LongVector ONE_BITS = LongVector.broadcast(L, PiKernel.ONE_BITS);
        static final DoubleVector OFFSET = DoubleVector.broadcast(D, PiKernel.OFFSET);
        static final DoubleVector ONE = DoubleVector.broadcast(D, 1.0);
        static final LongVector ONES = LongVector.broadcast(L, 1);

        static long hits(long[] st, int count) {
            LongVector s0 = LongVector.fromArray(L, st, 0);
            LongVector s1 = LongVector.fromArray(L, st, 8);
            LongVector s2 = LongVector.fromArray(L, st, 16);
            LongVector s3 = LongVector.fromArray(L, st, 24);
            LongVector acc = LongVector.zero(L);
            int rounds = count / PiKernel.STREAMS;
            for (int i = 0; i < rounds; i++) {
                acc = count(acc, s0.add(s3).lanewise(VectorOperators.ROL, 23).add(s0));
                LongVector t = s1.lanewise(VectorOperators.LSHL, 17);
                s2 = s2.lanewise(VectorOperators.XOR, s0);
                s3 = s3.lanewise(VectorOperators.XOR, s1);
                s1 = s1.lanewise(VectorOperators.XOR, s2);
                s0 = s0.lanewise(VectorOperators.XOR, s3);
                s2 = s2.lanewise(VectorOperators.XOR, t);
                s3 = s3.lanewise(VectorOperators.ROL, 45);
            }
            s0.intoArray(st, 0);
            s3.intoArray(st, 24);
            return acc.reduceLanes(VectorOperators.ADD) + PiKernel.tail(st, count % PiKernel.STREAMS);
        }

        static long hits(long[] sa, long[] sb, int count) {
            LongVector a0 = LongVector.fromArray(L, sa, 0), b0 = LongVector.fromArray(L, sb, 0);
            LongVector a1 = LongVector.fromArray(L, sa, 8), b1 = LongVector.fromArray(L, sb, 8);
            LongVector a2 = LongVector.fromArray(L, sa, 16), b2 = LongVector.fromArray(L, sb, 16);
            LongVector a3 = LongVector.fromArray(L, sa, 24), b3 = LongVector.fromArray(L, sb, 24);
            LongVector acc = LongVector.zero(L);
            int rounds = count / PiKernel.STREAMS;
            for (int i = 0; i < rounds; i++) {
                LongVector ra = a0.add(a3).lanewise(VectorOperators.ROL, 23).add(a0);
                LongVector rb = b0.add(b3).lanewise(VectorOperators.ROL, 23).add(b0);
                acc = count(count(acc, ra), rb);
                LongVector t = a1.lanewise(VectorOperators.LSHL, 17);
                a2 = a2.lanewise(VectorOperators.XOR, a0);
                a3 = a3.lanewise(VectorOperators.XOR, a1);
                a1 = a1.lanewise(VectorOperators.XOR, a2);
                a0 = a0.lanewise(VectorOperators.XOR, a3);
                a2 = a2.lanewise(VectorOperators.XOR, t);
                a3 = a3.lanewise(VectorOperators.ROL, 45);
                t = b1.lanewise(VectorOperators.LSHL, 17);
                b2 = b2.lanewise(VectorOperators.XOR, b0);
                b3 = b3.lanewise(VectorOperators.XOR, b1);
                b1 = b1.lanewise(VectorOperators.XOR, b2);
                b0 = b0.lanewise(VectorOperators.XOR, b3);
                b2 = b2.lanewise(VectorOperators.XOR, t);
                b3 = b3.lanewise(VectorOperators.ROL, 45);
            }
            a0.intoArray(sa, 0);
            a3.intoArray(sa, 24);
            b0.intoArray(sb, 0);
            b3.intoArray(sb, 24);
            int tail = count % PiKernel.STREAMS;
            return acc.reduceLanes(VectorOperators.ADD) + PiKernel.tail(sa, tail) + PiKernel.tail(sb, tail);
        }

        /**
         * acc plus, per lane, 1 if the point lies inside the quarter disc. x^2 + y^2 < 1 is the
         * scalar kernel's test: where x^2 + y^2 is within a factor 2 of 1 its difference with 1
         * is exact (Sterbenz), so the two tests agree on every point.
         */
        static LongVector count(LongVector acc, LongVector r) {
            // r's low and high halves in the top 32 bits of a mantissa: shift, mask, set 1.0's exponent
            DoubleVector x = r.lanewise(VectorOperators.LSHL, 20).and(MANTISSA_HIGH32).or(ONE_BITS)
                    .reinterpretAsDoubles().sub(OFFSET);
            DoubleVector y = r.lanewise(VectorOperators.LSHR, 12).and(MANTISSA_HIGH32).or(ONE_BITS)
                    .reinterpretAsDoubles().sub(OFFSET);
            return acc.add(ONES, x.mul(x).add(y.mul(y)).compare(VectorOperators.LT, ONE).cast(L));
        }
    }

    /** 4 lanes of 64 bits (AVX2): a block's 8 streams as two vectors per state word. */
    private static final class Narrow {
        static final VectorSpecies<Long> L = LongVector.SPECIES_256;
        static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
        static final LongVector LOW32 = LongVector.broadcast(L, 0xFFFFFFFFL);
        static final LongVector ONE_BITS = LongVector.broadcast(L, PiKernel.ONE_BITS);
        static final DoubleVector OFFSET = DoubleVector.broadcast(D, PiKernel.OFFSET);
        static final DoubleVector ONE = DoubleVector.broadcast(D, 1.0);

        static long hits(long[] st, int count) {
            LongVector a0 = LongVector.fromArray(L, st, 0), b0 = LongVector.fromArray(L, st, 4);
            LongVector a1 = LongVector.fromArray(L, st, 8), b1 = LongVector.fromArray(L, st, 12);
            LongVector a2 = LongVector.fromArray(L, st, 16), b2 = LongVector.fromArray(L, st, 20);
            LongVector a3 = LongVector.fromArray(L, st, 24), b3 = LongVector.fromArray(L, st, 28);
            LongVector acc = LongVector.zero(L);
            int rounds = count / PiKernel.STREAMS;
            for (int i = 0; i < rounds; i++) {
                LongVector ra = a0.add(a3).lanewise(VectorOperators.ROL, 23).add(a0);
                LongVector rb = b0.add(b3).lanewise(VectorOperators.ROL, 23).add(b0);
                acc = acc.add(inside(ra)).add(inside(rb));
                LongVector t = a1.lanewise(VectorOperators.LSHL, 17);
                a2 = a2.lanewise(VectorOperators.XOR, a0);
                a3 = a3.lanewise(VectorOperators.XOR, a1);
                a1 = a1.lanewise(VectorOperators.XOR, a2);
                a0 = a0.lanewise(VectorOperators.XOR, a3);
                a2 = a2.lanewise(VectorOperators.XOR, t);
                a3 = a3.lanewise(VectorOperators.ROL, 45);
                t = b1.lanewise(VectorOperators.LSHL, 17);
                b2 = b2.lanewise(VectorOperators.XOR, b0);
                b3 = b3.lanewise(VectorOperators.XOR, b1);
                b1 = b1.lanewise(VectorOperators.XOR, b2);
                b0 = b0.lanewise(VectorOperators.XOR, b3);
                b2 = b2.lanewise(VectorOperators.XOR, t);
                b3 = b3.lanewise(VectorOperators.ROL, 45);
            }
            a0.intoArray(st, 0);
            b0.intoArray(st, 4);
            a3.intoArray(st, 24);
            b3.intoArray(st, 28);
            return acc.reduceLanes(VectorOperators.ADD) + PiKernel.tail(st, count % PiKernel.STREAMS);
        }

        static LongVector inside(LongVector r) {
            DoubleVector x = r.and(LOW32).lanewise(VectorOperators.LSHL, 20).or(ONE_BITS)
                    .reinterpretAsDoubles().sub(OFFSET);
            DoubleVector y = r.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.LSHL, 20).or(ONE_BITS)
                    .reinterpretAsDoubles().sub(OFFSET);
            return x.mul(x).add(y.mul(y)).sub(ONE).reinterpretAsLongs().lanewise(VectorOperators.LSHR, 63);
        }
    }
}
