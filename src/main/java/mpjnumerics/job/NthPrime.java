package mpjnumerics.job;

import java.util.List;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.Parsed;
import mpjnumerics.kernel.primecount.DelegliseRivat;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.spmd.Spmd;

/**
 * The n-th prime: a guess from the inverse of Riemann's R function, pi(guess) by
 * Deleglise-Rivat over all ranks, then rank 0 sieves the short gap to the exact prime.
 */
public final class NthPrime implements Job {
    @Override
    public Options options() {
        return new Options("NthPrime", "the n-th prime, by a combinatorial prime count and a short sieve")
                .integer("n", "1e9", 1, mpjnumerics.kernel.primecount.NthPrime.MAX_N,
                        "which prime: 1 gives 2; up to 216289611853439384, whose prime is the largest below 2^63")
                .example("mpj/bin/mpjrun.sh -np 4 NthPrime --n 1e15")
                .example("mpj/bin/mpjrun.sh -np 2 NthPrime --n 10^12 --json");
    }

    @Override
    public List<String> jvmOptions() {
        // the pre-sieve's pattern copy; the combinatorial count's heap
        return List.of(PrimeSieve.YOUNG_GEN_OPTION, CombinatorialPi.INITIAL_HEAP_OPTION);
    }

    /** Where the count of primes to the first guess sieves wide windows of P2 (n from about 3e16). */
    @Override
    public boolean usesVector(Parsed options, int ranks) {
        return DelegliseRivat.sievesWideWindows(mpjnumerics.kernel.primecount.NthPrime.guess(options.integer("n")));
    }

    @Override
    public Outcome run(Context ctx) {
        Spmd spmd = ctx.spmd();
        long n = ctx.options().integer("n");
        long guess = mpjnumerics.kernel.primecount.NthPrime.guess(n);
        CombinatorialPi.Counted counted = CombinatorialPi.pi(ctx, guess);
        if (!spmd.isRoot()) {
            return null;
        }
        long t0 = System.nanoTime();
        long prime = ctx.compute(() -> mpjnumerics.kernel.primecount.NthPrime.finish(n, guess, counted.pi()));
        double sieveSeconds = (System.nanoTime() - t0) / 1e9;
        return new Outcome()
                .put("n", n)
                .put("prime", prime)
                .put("guess", guess)
                .put("piGuess", counted.json())
                .put("sieveSeconds", sieveSeconds)
                .human("  prime number " + n + " is " + prime + " (guess " + guess + ", pi(guess) = " + counted.pi() + ")");
    }
}
