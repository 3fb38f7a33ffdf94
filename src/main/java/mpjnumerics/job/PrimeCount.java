package mpjnumerics.job;

import java.util.List;
import mpjnumerics.cli.Options;
import mpjnumerics.kernel.VectorApi;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.spmd.Range;
import mpjnumerics.spmd.Spmd;

/** Counts the primes in [from, to]: each rank sieves its contiguous block, counts are summed. */
public final class PrimeCount implements Job {
    @Override
    public Options options() {
        return new Options("PrimeCount", "count the primes in a range with a segmented sieve")
                .range("0", "1e9", 0, "number")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --to 1e10")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --from 1e18 --to 1e18+1e9 --json");
    }

    @Override
    public List<String> jvmOptions() {
        return List.of(VectorApi.JVM_OPTION); // the pre-sieve's pattern copy
    }

    @Override
    public Outcome run(Context ctx) {
        Spmd spmd = ctx.spmd();
        Range all = new Range(ctx.options().integer("from"), ctx.options().integer("to"));
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
        return new Outcome().put("count", count).human("  " + count + " primes in [" + all.first() + ", " + all.last() + "]");
    }
}
