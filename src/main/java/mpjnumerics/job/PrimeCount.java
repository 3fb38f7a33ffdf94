package mpjnumerics.job;

import mpjnumerics.cli.Options;
import mpjnumerics.cli.UsageException;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.spmd.Range;
import mpjnumerics.spmd.Spmd;

/** Counts the primes in [from, to]: each rank sieves its contiguous block, counts are summed. */
public final class PrimeCount implements Job {
    public static void main(String[] args) {
        mpjnumerics.launch.Main.main(args, new PrimeCount());
    }

    @Override
    public Options options() {
        return new Options("PrimeCount", "count the primes in a range with a segmented sieve")
                .integer("from", "0", 0, Long.MAX_VALUE, "first number of the range")
                .integer("to", "1e9", 0, Long.MAX_VALUE, "last number of the range (inclusive, up to 2^63-1)")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --to 1e10")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --from 1e18 --to 1e18+1e9 --json");
    }

    /** The range of a prime job, checked: from <= to. */
    static Range range(Context ctx) throws UsageException {
        long from = ctx.options().integer("from");
        long to = ctx.options().integer("to");
        if (from > to) {
            throw new UsageException("--from " + from + " is above --to " + to);
        }
        return new Range(from, to);
    }

    @Override
    public Outcome run(Context ctx) throws UsageException {
        Spmd spmd = ctx.spmd();
        Range all = range(ctx);
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
