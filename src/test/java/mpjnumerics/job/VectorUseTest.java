package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mpjnumerics.cli.Parsed;
import mpjnumerics.cli.UsageException;
import mpjnumerics.kernel.montecarlo.PiKernel;
import mpjnumerics.kernel.primecount.DelegliseRivat;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.spmd.Range;
import org.junit.jupiter.api.Test;

/** When the launchers add the Vector API's module: only for runs whose kernels use it. */
class VectorUseTest {
    private static Parsed parse(Job job, String... args) throws UsageException {
        return job.options().parse(args);
    }

    @Test
    void piUsesTheVectorKernelFromTwoToTheThirtySamplesPerRank() throws UsageException {
        PiMonteCarlo pi = new PiMonteCarlo();
        assertEquals("samples 1073741824 - !checkpoint", pi.vectorUse().hint());
        assertFalse(pi.usesVector(parse(pi, "--samples", "1000"), 1));
        assertTrue(pi.usesVector(parse(pi, "--samples", "2^30"), 1));
        assertFalse(pi.usesVector(parse(pi, "--samples", "2^31-1"), 2));
        assertTrue(pi.usesVector(parse(pi, "--samples", "2^31"), 2));
        assertFalse(pi.vectorUse().holds(parse(pi, "--samples", "2^31", "--checkpoint", "c"), 1), "mpjrun.sh leaves it to Java");
    }

    @Test
    void jobsWithoutVectorKernelsNeverLoadTheModule() throws UsageException {
        for (String name : List.of("Hello", "PingPong", "CollatzSteps")) {
            Job job = Jobs.find(name).orElseThrow();
            assertEquals("", job.vectorUse().hint(), name);
            assertFalse(job.usesVector(parse(job), 2), name);
        }
    }

    @Test
    void eulerConstantUsesTheVectorKernelsForLongMonteCarloRunsOnly() throws UsageException {
        EulerConstant euler = new EulerConstant();
        assertEquals("samples 134217728 - !digits !method=series !checkpoint !constant=gamma", euler.vectorUse().hint());
        assertTrue(euler.usesVector(parse(euler, "--samples", "1e9"), 2));
        assertFalse(euler.usesVector(parse(euler, "--constant", "gamma", "--method", "montecarlo", "--samples", "1e9"), 2));
        assertTrue(euler.usesVector(parse(euler, "--constant", "gamma", "--samples", "2^31"), 2), "only Java tells");
        assertFalse(euler.vectorUse().holds(parse(euler, "--constant", "gamma", "--samples", "2^31"), 2));
        assertFalse(euler.usesVector(parse(euler, "--samples", "1e8"), 2));
        assertFalse(euler.usesVector(parse(euler, "--samples", "1e9", "--digits", "100"), 2));
        assertFalse(euler.usesVector(parse(euler, "--constant", "gamma", "--method", "series", "--samples", "1e9"), 2));
        assertFalse(euler.usesVector(parse(euler, "--samples", "1e9", "--checkpoint", "c"), 2));
    }

    @Test
    void theSieveJobsCountTheSpanOfTheRangeNotItsEnd() throws UsageException {
        PrimeGaps gaps = new PrimeGaps();
        assertEquals("to " + 8 * PrimeSieve.VECTOR_NUMBERS + " from=0", gaps.vectorUse().hint());
        assertFalse(gaps.usesVector(parse(gaps, "--from", "1e15", "--to", "1e15+1e8"), 1));
        assertFalse(gaps.vectorUse().holds(parse(gaps, "--from", "1e15", "--to", "1e15+1e8"), 1));
        assertTrue(gaps.usesVector(parse(gaps, "--to", "1e11"), 2));
        PrimeCount count = new PrimeCount();
        assertEquals("to " + 8 * PrimeSieve.VECTOR_NUMBERS + " from=0 method=sieve", count.vectorUse().hint());
        assertFalse(count.vectorUse().holds(parse(count, "--to", "1e11"), 2), "auto is for Java to resolve");
        assertFalse(count.usesVector(parse(count, "--to", "1e11"), 2), "auto counts combinatorially, P2 in narrow windows");
        assertTrue(count.usesVector(parse(count, "--to", "1e11", "--method", "sieve"), 2));
        assertTrue(count.usesVector(parse(count, "--from", "1e16", "--to", "1e16+9e9"), 2), "auto sieves a short range");
        assertFalse(new PrimeList().usesVector(parse(new PrimeList(), "--to", "1e10", "--out", "p", "--checkpoint", "c"), 2));
    }

    /**
     * What mpjrun.sh concludes from the command line must be true: wherever a job's rule holds,
     * the job uses the Vector API, or the JVM would print the module's warning for nothing.
     */
    @Test
    void whereTheRuleMpjrunAppliesHoldsTheJobUsesTheVectorApi() throws UsageException {
        long w = 8 * PrimeSieve.VECTOR_NUMBERS;
        long[] ends = {10_000_000_000L, 10_000_000_000_000L, 300_000_000_000_000L, 1_000_000_000_000_000L,
            10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L, Long.MAX_VALUE};
        for (int np : new int[] {1, 2, 3, 7, 16}) {
            for (long last : ends) {
                for (long span : new long[] {w * np, w * np + 29, w * np * 3 / 2 + 1234567}) {
                    if (span > last) {
                        continue;
                    }
                    String from = Long.toString(last - span);
                    String end = Long.toString(last);
                    for (Parsed o : List.of(parse(new PrimeCount(), "--from", from, "--to", end, "--method", "sieve"),
                            parse(new PrimeGaps(), "--from", from, "--to", end),
                            parse(new PrimeList(), "--from", from, "--to", end, "--out", "p"))) {
                        Job job = Jobs.find(o.job()).orElseThrow();
                        String what = o.job() + " [" + from + ", " + end + "] np " + np;
                        assertTrue(job.vectorUse().holds(o, np), what);
                        assertTrue(job.usesVector(o, np), what);
                    }
                }
            }
        }
        PiMonteCarlo pi = new PiMonteCarlo();
        for (int np : new int[] {1, 2, 3, 7}) {
            Parsed o = parse(pi, "--samples", Long.toString(PiKernel.VECTOR_MIN_SAMPLES * np));
            assertTrue(pi.vectorUse().holds(o, np) && pi.usesVector(o, np), "np " + np);
        }
    }

    @Test
    void theCombinatorialCountSievesWideWindowsOnlyForTheLargestX() {
        assertFalse(DelegliseRivat.sievesWideWindows(1_000_000_000_000_000_000L));
        assertTrue(DelegliseRivat.sievesWideWindows(2_000_000_000_000_000_000L));
        assertTrue(DealtSieve.usesVector(new Range(0, 100_000_000_000L), 2));
        assertFalse(DealtSieve.usesVector(new Range(0, 1_000_000_000L), 1));
    }
}
