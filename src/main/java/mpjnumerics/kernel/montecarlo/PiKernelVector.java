package mpjnumerics.kernel.montecarlo;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PiKernel} on the Vector API: the 8 streams as two 4-lane vectors (AVX2 width), the
 * same IEEE operations per lane, so the same count as the scalar kernel. Loaded only when
 * the JVM was started with {@code --add-modules jdk.incubator.vector}.
 */
final class PiKernelVector {
    private PiKernelVector() {}

    static long hits(long[] st, int count) {
        return Impl.hits(st, count);
    }

    /** Holds the vector constants: initialised only when first used. */
    private static final class Impl {
        static final VectorSpecies<Long> L = LongVector.SPECIES_256;
        static final LongVector LOW32 = LongVector.broadcast(L, 0xFFFFFFFFL);
        static final LongVector ONE_BITS = LongVector.broadcast(L, PiKernel.ONE_BITS);
        static final DoubleVector OFFSET = DoubleVector.broadcast(DoubleVector.SPECIES_256, PiKernel.OFFSET);
        static final DoubleVector ONE = DoubleVector.broadcast(DoubleVector.SPECIES_256, 1.0);

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
            a0.intoArray(st, 0); b0.intoArray(st, 4);
            a3.intoArray(st, 24); b3.intoArray(st, 28);
            return acc.reduceLanes(VectorOperators.ADD) + PiKernel.tail(st, count % PiKernel.STREAMS);
        }

        /** Per lane: 1 if inside the quarter disc, else 0 (the sign of x^2 + y^2 - 1). */
        static LongVector inside(LongVector r) {
            DoubleVector x = r.and(LOW32).lanewise(VectorOperators.LSHL, 20).or(ONE_BITS)
                    .reinterpretAsDoubles().sub(OFFSET);
            DoubleVector y = r.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.LSHL, 20).or(ONE_BITS)
                    .reinterpretAsDoubles().sub(OFFSET);
            return x.mul(x).add(y.mul(y)).sub(ONE).reinterpretAsLongs().lanewise(VectorOperators.LSHR, 63);
        }
    }
}
