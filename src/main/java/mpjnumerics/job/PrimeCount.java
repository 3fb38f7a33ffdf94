package mpjnumerics.job;

import java.util.List;
import mpjnumerics.cli.Options;
import mpjnumerics.kernel.VectorApi;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.kernel.primes.Tuplets;
import mpjnumerics.spmd.Range;
import mpjnumerics.spmd.Spmd;

/**
 * Counts the primes, or the prime k-tuplets (--tuplets K), in [from, to]: each rank sieves a
 * contiguous piece cut at a multiple of 30, counts are summed. Only a twin (30 m + 29,
 * 30 m + 31) can then lie across a cut; rank 0 finds those from each rank's first and last prime.
 */
public final class PrimeCount implements Job {
    @Override
    public Options options() {
        return new Options("PrimeCount", "count the primes, or prime k-tuplets, in a range with a segmented sieve")
                .range("0", "1e9", 0, "number")
                .integer("tuplets", "1", 1, Tuplets.MAX_K,
                        "count k-tuplets: 1 primes, 2 twins, 3 triplets, ... 6 sextuplets (all members in the range)")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --to 1e10")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --to 1e10 --tuplets 2")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --from 1e18 --to 1e18+1e9 --json");
    }

    @Override
    public List<String> jvmOptions() {
        return List.of(VectorApi.JVM_OPTION); // the pre-sieve's pattern copy
    }

    /**
     * This rank's piece of [from, to], cut at multiples of 30 (whole bytes of the sieve), by
     * estimated cost.
     */
    static Range byteAlignedPiece(Spmd spmd, Range all) {
        long lastByte = all.last() / 30;
        Range bytes = spmd.piece(new Range(all.first() / 30, lastByte), b -> PrimeSieve.costDensity(30 * b));
        if (bytes.isEmpty()) {
            return Range.EMPTY;
        }
        long first = Math.max(all.first(), 30 * bytes.first());
        long last = bytes.last() == lastByte ? all.last() : 30 * bytes.last() + 29; // no overflow near 2^63
        return new Range(first, last);
    }

    @Override
    public Outcome run(Context ctx) {
        Spmd spmd = ctx.spmd();
        Range all = new Range(ctx.options().integer("from"), ctx.options().integer("to"));
        int k = (int) ctx.options().integer("tuplets");
        Range mine = byteAlignedPiece(spmd, all);
        long segments = mine.isEmpty() ? 0 : mine.last() / 30 - mine.first() / 30 + 1;
        ctx.progress().total(segments);
        long[] local = ctx.compute(() -> {
            if (mine.isEmpty()) {
                return new long[] {0, -1, -1};
            }
            Tuplets.Counter counter = new Tuplets.Counter(k, mine.first(), mine.last());
            long[] bytes = {0};
            PrimeSieve.sieve(mine.first(), mine.last(), (seg, first, len) -> {
                counter.visit(seg, first, len);
                bytes[0] += len;
                ctx.progress().update(bytes[0]);
            });
            return new long[] {counter.count(), counter.firstPrime(), counter.lastPrime()};
        });
        long[][] everyone = spmd.gather(local);
        if (!spmd.isRoot()) {
            return null;
        }
        long count = 0;
        long lastPrime = -1;
        for (long[] r : everyone) {
            count = Math.addExact(count, r[0]);
            if (r[1] >= 0) {
                count += Tuplets.acrossCut(k, lastPrime, r[1]);
                lastPrime = r[2];
            }
        }
        String what = Tuplets.name(k);
        return new Outcome().put("count", count)
                .human("  " + count + " " + what + " in [" + all.first() + ", " + all.last() + "]");
    }
}
