package mpjnumerics.job;

import java.util.ArrayList;
import java.util.List;
import mpjnumerics.cli.Options;
import mpjnumerics.kernel.VectorApi;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.spmd.Range;
import mpjnumerics.spmd.Spmd;

/**
 * Counts the primes in [from, to]: by a segmented sieve (each rank sieves its contiguous
 * block, counts are summed), or combinatorially as pi(to) - pi(from - 1) by Deleglise-Rivat
 * (every rank takes blocks of leaves as it asks), whichever the cost estimate says is faster.
 */
public final class PrimeCount implements Job {
    static final List<String> METHODS = List.of("auto", "sieve", "combinatorial");

    @Override
    public Options options() {
        return new Options("PrimeCount", "count the primes in a range, by a segmented sieve or combinatorially")
                .range("0", "1e9", 0, "number")
                .choice("method", "auto", METHODS,
                        "sieve: a segmented sieve of the range, time ~ (to - from); combinatorial: "
                                + "pi(to) - pi(from-1) by Deleglise-Rivat, time ~ to^(2/3); auto: the faster by estimate")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --to 1e16")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --to 1e10 --method sieve")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --from 1e18 --to 1e18+1e9 --json");
    }

    @Override
    public List<String> jvmOptions() {
        return List.of(VectorApi.JVM_OPTION); // the pre-sieve's pattern copy
    }

    /**
     * Estimated single-core seconds of each method (fitted on this project's kernels; only the
     * comparison matters): the sieve about 0.22 ns per number; Deleglise-Rivat about
     * 2e-9 x^(2/3) for each of pi(to) and pi(from - 1).
     */
    static String choose(long from, long to) {
        double sieve = 0.22e-9 * ((double) to - from + 1);
        double comb = combinatorialSeconds(to) + (from > 2 ? combinatorialSeconds(from - 1) : 0);
        return to < 1_000_000 || sieve <= comb ? "sieve" : "combinatorial";
    }

    private static double combinatorialSeconds(long x) {
        double c = Math.cbrt((double) x);
        return 0.05 + 2e-9 * c * c;
    }

    @Override
    public Outcome run(Context ctx) {
        Range all = new Range(ctx.options().integer("from"), ctx.options().integer("to"));
        String method = ctx.options().text("method");
        if (method.equals("auto")) {
            method = choose(all.first(), all.last());
        }
        return method.equals("sieve") ? sieve(ctx, all) : combinatorial(ctx, all);
    }

    private static Outcome combinatorial(Context ctx, Range all) {
        List<CombinatorialPi.Counted> parts = new ArrayList<>();
        parts.add(CombinatorialPi.pi(ctx, all.last()));
        if (all.first() > 2) {
            parts.add(CombinatorialPi.pi(ctx, all.first() - 1));
        }
        if (!ctx.spmd().isRoot()) {
            return null;
        }
        long count = parts.get(0).pi() - (parts.size() > 1 ? parts.get(1).pi() : 0);
        List<Object> json = new ArrayList<>();
        for (CombinatorialPi.Counted c : parts) {
            json.add(c.json());
        }
        StringBuilder h = new StringBuilder("  ").append(count).append(" primes in [").append(all.first()).append(", ")
                .append(all.last()).append("] (combinatorial, Deleglise-Rivat)");
        return new Outcome().put("count", count).put("method", "combinatorial").put("pi", json).human(h.toString());
    }

    private static Outcome sieve(Context ctx, Range all) {
        Spmd spmd = ctx.spmd();
        Range mine = spmd.piece(all, PrimeSieve::costDensity); // higher numbers cost more
        long segments = mine.isEmpty() ? 0 : mine.last() / 30 - mine.first() / 30 + 1;
        ctx.progress().total(segments);
        long local = ctx.compute(() -> {
            if (mine.isEmpty()) {
                return 0L;
            }
            long[] n = {0, 0};
            PrimeSieve.sieve(mine.first(), mine.last(), (seg, first, len) -> {
                n[0] += PrimeSieve.countBits(seg, len);
                n[1] += len;
                ctx.progress().update(n[1]);
            });
            return n[0] + PrimeSieve.wheelPrimes(mine.first(), mine.last());
        });
        long count = spmd.sum(local);
        if (!spmd.isRoot()) {
            return null;
        }
        return new Outcome().put("count", count).put("method", "sieve")
                .human("  " + count + " primes in [" + all.first() + ", " + all.last() + "]");
    }
}
