package mpjnumerics.kernel.montecarlo;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link EulerMonteCarlo}'s kernels on the Vector API, one block per lane of the machine's
 * preferred vectors (8 with AVX-512, 4 with AVX2): each lane runs its block's stream with the
 * plain kernel's IEEE operations, so each block's sums are the plain kernel's. States are laid
 * out block after block as {@link EulerMonteCarlo} keeps them. Loaded only when the JVM was
 * started with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Each loop is one method, with the generator's step written out in it as in
 * {@link PiKernelVector}: vectors passed to or returned from a helper are not reliably kept in
 * registers, and one boxed vector a step costs more than the step (gamma ran at 5.5 ns a
 * sample with Neumaier's step in a helper, 1.8 ns written out).
 */
final class EulerMonteCarloVector {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final long ONE_BITS = EulerMonteCarlo.ONE_BITS;
    private static final double TWO_52 = 0x1p52;
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(TWO_52);
    /**
     * An e block's lanes run together while every lane has at least this many samples left
     * (each step ends at most one sample a lane); the last few samples of each run alone.
     */
    private static final int MIN_STEPS = 64;

    private EulerMonteCarloVector() {}

    /** Whether this machine has a vector width the kernels use (512 or 256 bits). */
    static boolean usable() {
        return L.length() == 8 || L.length() == 4;
    }

    static int lanes() {
        return L.length();
    }

    /** Carries every lane's e block (states of {@link EulerMonteCarlo#E_STATE} words each) to its end. */
    static void e(long[] st) {
        int n = L.length();
        int w = EulerMonteCarlo.E_STATE;
        long[] soa = transpose(st, w, n);
        for (long steps; (steps = minLeft(soa, n)) >= MIN_STEPS; ) {
            eSteps(soa, (int) steps);
        }
        untranspose(soa, st, w, n);
        for (int l = 0; l < n; l++) {
            EulerMonteCarlo.eContinue(st, l);
        }
    }

    private static long minLeft(long[] soa, int n) {
        long min = Long.MAX_VALUE;
        for (int l = 0; l < n; l++) {
            min = Math.min(min, soa[8 * n + l]);
        }
        return min;
    }

    /** {@code steps} draws on every lane: no lane ends more samples than it has left. */
    private static void eSteps(long[] soa, int steps) {
        int n = L.length();
        LongVector s0 = LongVector.fromArray(L, soa, 0), s1 = LongVector.fromArray(L, soa, n);
        LongVector s2 = LongVector.fromArray(L, soa, 2 * n), s3 = LongVector.fromArray(L, soa, 3 * n);
        LongVector sum = LongVector.fromArray(L, soa, 4 * n), k = LongVector.fromArray(L, soa, 5 * n);
        LongVector sumK = LongVector.fromArray(L, soa, 6 * n), sumK2 = LongVector.fromArray(L, soa, 7 * n);
        LongVector left = LongVector.fromArray(L, soa, 8 * n);
        for (int i = 0; i < steps; i++) {
            LongVector r = s0.add(s3).lanewise(VectorOperators.ROL, 23).add(s0);
            LongVector t = s1.lanewise(VectorOperators.LSHL, 17);
            s2 = s2.lanewise(VectorOperators.XOR, s0);
            s3 = s3.lanewise(VectorOperators.XOR, s1);
            s1 = s1.lanewise(VectorOperators.XOR, s2);
            s0 = s0.lanewise(VectorOperators.XOR, s3);
            s2 = s2.lanewise(VectorOperators.XOR, t);
            s3 = s3.lanewise(VectorOperators.ROL, 45);
            DoubleVector u = r.lanewise(VectorOperators.LSHR, 12).lanewise(VectorOperators.OR, ONE_BITS)
                    .reinterpretAsDoubles().sub(1.0);
            sum = sum.reinterpretAsDoubles().add(u).reinterpretAsLongs();
            k = k.add(1);
            LongVector end = sum.sub(ONE_BITS + 1).lanewise(VectorOperators.ASHR, 63)
                    .lanewise(VectorOperators.XOR, -1L); // sum > 1.0: all ones
            sumK = sumK.add(k.and(end));
            sumK2 = sumK2.add(k.mul(k).and(end));
            left = left.add(end);
            LongVector keep = end.not();
            sum = sum.and(keep);
            k = k.and(keep);
        }
        s0.intoArray(soa, 0);
        s1.intoArray(soa, n);
        s2.intoArray(soa, 2 * n);
        s3.intoArray(soa, 3 * n);
        sum.intoArray(soa, 4 * n);
        k.intoArray(soa, 5 * n);
        sumK.intoArray(soa, 6 * n);
        sumK2.intoArray(soa, 7 * n);
        left.intoArray(soa, 8 * n);
    }

    /** Carries every lane's gamma block (states of {@link EulerMonteCarlo#GAMMA_STATE} words) on by counts[lane] samples. */
    static void gamma(long[] st, int[] counts) {
        int n = L.length();
        int w = EulerMonteCarlo.GAMMA_STATE;
        int common = Integer.MAX_VALUE;
        for (int c : counts) {
            common = Math.min(common, c);
        }
        long[] soa = transpose(st, w, n);
        double[] sums = new double[4 * n];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = Double.longBitsToDouble(soa[4 * n + i]);
        }
        gammaSteps(soa, sums, common);
        for (int i = 0; i < sums.length; i++) {
            soa[4 * n + i] = Double.doubleToRawLongBits(sums[i]);
        }
        untranspose(soa, st, w, n);
        for (int l = 0; l < n; l++) {
            EulerMonteCarlo.gammaContinue(st, l, counts[l] - common);
        }
    }

    /** {@code steps} samples on every lane: the streams in soa, the compensated sums in sums. */
    private static void gammaSteps(long[] soa, double[] sums, int steps) {
        int n = L.length();
        LongVector s0 = LongVector.fromArray(L, soa, 0), s1 = LongVector.fromArray(L, soa, n);
        LongVector s2 = LongVector.fromArray(L, soa, 2 * n), s3 = LongVector.fromArray(L, soa, 3 * n);
        DoubleVector sum = DoubleVector.fromArray(D, sums, 0), comp = DoubleVector.fromArray(D, sums, n);
        DoubleVector sq = DoubleVector.fromArray(D, sums, 2 * n), sqComp = DoubleVector.fromArray(D, sums, 3 * n);
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        for (int i = 0; i < steps; i++) {
            LongVector r = s0.add(s3).lanewise(VectorOperators.ROL, 23).add(s0);
            LongVector t = s1.lanewise(VectorOperators.LSHL, 17);
            s2 = s2.lanewise(VectorOperators.XOR, s0);
            s3 = s3.lanewise(VectorOperators.XOR, s1);
            s1 = s1.lanewise(VectorOperators.XOR, s2);
            s0 = s0.lanewise(VectorOperators.XOR, s3);
            s2 = s2.lanewise(VectorOperators.XOR, t);
            s3 = s3.lanewise(VectorOperators.ROL, 45);
            // ((r >>> 11) + 0.5) * 2^-53, never 0, with r >>> 11 = 2 h + b made a double exactly
            // as 2 h + b: below 2^52, h and b are the mantissas of doubles 2^52 + h and 2^52 + b.
            LongVector m = r.lanewise(VectorOperators.LSHR, 11);
            DoubleVector h = m.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.OR, TWO_52_BITS)
                    .reinterpretAsDoubles().sub(TWO_52);
            DoubleVector b = m.lanewise(VectorOperators.AND, 1L).lanewise(VectorOperators.OR, TWO_52_BITS)
                    .reinterpretAsDoubles().sub(TWO_52);
            DoubleVector u = h.add(h).add(b).add(0.5).mul(0x1p-53);
            DoubleVector inv = one.div(u);
            // floor(inv), exactly: below 2^52 adding and taking away 2^52 rounds to the nearest
            // integer (one too many where that rounded up); from 2^52 on inv is an integer.
            DoubleVector near = inv.add(TWO_52).sub(TWO_52);
            DoubleVector floor = near.blend(near.sub(1.0), near.compare(VectorOperators.GT, inv))
                    .blend(inv, inv.compare(VectorOperators.GE, TWO_52));
            DoubleVector frac = inv.sub(floor);
            // Neumaier's compensated sums, lane by lane as Neumaier.add does them.
            DoubleVector ts = sum.add(frac);
            comp = comp.add(frac.sub(ts).add(sum).blend(sum.sub(ts).add(frac),
                    sum.abs().compare(VectorOperators.GE, frac.abs())));
            sum = ts;
            DoubleVector f2 = frac.mul(frac);
            DoubleVector tq = sq.add(f2);
            sqComp = sqComp.add(f2.sub(tq).add(sq).blend(sq.sub(tq).add(f2),
                    sq.abs().compare(VectorOperators.GE, f2.abs())));
            sq = tq;
        }
        s0.intoArray(soa, 0);
        s1.intoArray(soa, n);
        s2.intoArray(soa, 2 * n);
        s3.intoArray(soa, 3 * n);
        sum.intoArray(sums, 0);
        comp.intoArray(sums, n);
        sq.intoArray(sums, 2 * n);
        sqComp.intoArray(sums, 3 * n);
    }

    /** What adding x to sum (giving t) loses: (sum - t) + x where |sum| >= |x|, else (x - t) + sum. */
    private static DoubleVector compensation(DoubleVector sum, DoubleVector x, DoubleVector t) {
        VectorMask<Double> sumLarger = sum.abs().compare(VectorOperators.GE, x.abs());
        return x.sub(t).add(sum).blend(sum.sub(t).add(x), sumLarger);
    }

    /** States of w words, block after block, as word after word: word f of lane l at [f n + l]. */
    private static long[] transpose(long[] st, int w, int n) {
        long[] soa = new long[w * n];
        for (int l = 0; l < n; l++) {
            for (int f = 0; f < w; f++) {
                soa[f * n + l] = st[l * w + f];
            }
        }
        return soa;
    }

    private static void untranspose(long[] soa, long[] st, int w, int n) {
        for (int l = 0; l < n; l++) {
            for (int f = 0; f < w; f++) {
                st[l * w + f] = soa[f * n + l];
            }
        }
    }
}
