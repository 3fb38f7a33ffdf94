package mpjnumerics.jmh;

import java.util.concurrent.TimeUnit;
import mpjnumerics.kernel.collatz.CollatzKernel;
import mpjnumerics.kernel.collatz.CollatzStats;
import mpjnumerics.kernel.digits.EDigits;
import mpjnumerics.kernel.montecarlo.EulerMonteCarlo;
import mpjnumerics.kernel.digits.FftMultiply;
import mpjnumerics.kernel.digits.HugeDecimal;
import mpjnumerics.kernel.montecarlo.PiKernel;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.kernel.series.Vacca;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One benchmark per kernel, each on one block of typical work, single-threaded: a kernel
 * change shows its effect here in isolation. Times are per call; divide by the work size
 * (in the method name) for a per-item cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KernelBenchmarks {
    private long block;

    /** 2^20 points, scalar kernel. */
    @Benchmark
    public long piScalar1M() {
        return PiKernel.hits(1, block++, 1 << 20, false);
    }

    /** 2^20 points, Vector API kernel (scalar if the JVM lacks jdk.incubator.vector). */
    @Benchmark
    public long piVector1M() {
        return PiKernel.hits(1, block++, 1 << 20, true);
    }

    private static final mpjnumerics.kernel.montecarlo.BlockPlan PAIR = mpjnumerics.kernel.montecarlo.BlockPlan.of(1L << 40);

    /**
     * 2 x 2^20 points, two blocks as a rank counts them once the vector kernel is warm (with
     * 512-bit vectors side by side). {@code -prof gc} shows what the loop allocates: nothing.
     */
    @Benchmark
    public long piVectorPair2M() {
        long b = block;
        block += 2;
        return PiKernel.hits(1, PAIR, b, b + 1, true);
    }

    /** Primes in [10^10, 10^10 + 3 * 10^7]: about four segments. */
    @Benchmark
    public long primeCount30M() {
        return PrimeSieve.count(10_000_000_000L, 10_030_000_000L);
    }

    /** Collatz statistics of 10^6 consecutive starts from 10^8. */
    @Benchmark
    public long collatz1M() {
        CollatzStats s = new CollatzStats();
        CollatzKernel.run(100_000_000L, 100_999_999L, s);
        return s.totalSteps();
    }

    /** 2^20 samples of the number of uniforms to pass 1 (Monte Carlo e). */
    @Benchmark
    public long eMonteCarlo1M() {
        return EulerMonteCarlo.eBlock(1, block++, 1 << 20)[0];
    }

    private static final mpjnumerics.kernel.montecarlo.BlockPlan EULER = mpjnumerics.kernel.montecarlo.BlockPlan.of(1L << 40);
    private final long[] eulerSums = new long[16];

    /**
     * e Monte Carlo, one block of 2^20 samples a vector lane (8 with AVX-512), as the job runs
     * it once the vector kernel is warm; per operation, the lanes' blocks.
     */
    @Benchmark
    public long eMonteCarloVectorLanes() {
        return eulerVectorLanes(false);
    }

    /** gamma Monte Carlo, as {@link #eMonteCarloVectorLanes}. */
    @Benchmark
    public long gammaMonteCarloVectorLanes() {
        return eulerVectorLanes(true);
    }

    private long eulerVectorLanes(boolean gamma) {
        int lanes = EulerMonteCarlo.vectorBlocks();
        long b = block;
        block += lanes;
        EulerMonteCarlo.blocks(gamma, 1, EULER, b, b + lanes - 1, true, eulerSums, 0);
        return eulerSums[0];
    }

    /** 2^20 pairs of Vacca's series from 2^30. */
    @Benchmark
    public double vacca1M() {
        return Vacca.pairs(1L << 30, (1L << 30) + (1 << 20) - 1);
    }

    /** e to 10^4 digits by binary splitting. */
    @Benchmark
    public int eDigits10k() {
        return EDigits.digits(EDigits.split(0, EDigits.termsFor(10_000)), 10_000).length();
    }

    private static final java.math.BigInteger A = new java.math.BigInteger(1 << 21, new java.util.Random(1));
    private static final java.math.BigInteger B = new java.math.BigInteger(1 << 21, new java.util.Random(2));
    private static final int FRACTION_DIGITS = 100_000;
    private static final int FRACTION_BITS = HugeDecimal.bitsFor(FRACTION_DIGITS);
    private static final java.math.BigInteger FRACTION = new java.math.BigInteger(FRACTION_BITS, new java.util.Random(3));

    /** A product of two 2^21-bit numbers by the floating-point FFT, one thread. */
    @Benchmark
    public int fftMultiply2Mbit() {
        return FftMultiply.multiply(A, B).bitLength();
    }

    /** 10^5 decimal digits of a binary fraction by the scaled remainder tree, one thread. */
    @Benchmark
    public int fractionDigits100k() {
        return HugeDecimal.fractionDigits(FRACTION, FRACTION_BITS, 1, FRACTION_DIGITS, 0).length();
    }
}
