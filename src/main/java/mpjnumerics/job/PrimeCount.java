package mpjnumerics.job;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.Parsed;
import mpjnumerics.cli.UsageException;
import mpjnumerics.kernel.primecount.DelegliseRivat;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.kernel.primes.Tuplets;
import mpjnumerics.spmd.Range;
import mpjnumerics.spmd.Spmd;

/**
 * Counts the primes, or the prime k-tuplets (--tuplets K), in [from, to]. By a segmented
 * sieve: the ranks sieve pieces cut at multiples of 30 (blocks dealt as they ask, or one
 * fixed piece each for short ranges), counts are summed, and only a twin (30 m + 29,
 * 30 m + 31) can lie across a cut, which rank 0 finds from each piece's first and last
 * prime. Or, for primes, combinatorially as pi(to) - pi(from - 1) by Deleglise-Rivat (every
 * rank takes blocks of leaves as it asks), whichever the cost estimate says is faster.
 */
public final class PrimeCount implements Job {
    static final List<String> METHODS = List.of("auto", "sieve", "combinatorial");

    @Override
    public Options options() {
        return new Options("PrimeCount", "count the primes, or prime k-tuplets, in a range: by a segmented sieve or combinatorially")
                .range("0", "1e9", 0, "number")
                .integer("tuplets", "1", 1, Tuplets.MAX_K,
                        "count k-tuplets: 1 primes, 2 twins, 3 triplets, ... 6 sextuplets (all members in the range)")
                .choice("method", "auto", METHODS,
                        "sieve: a segmented sieve of the range, time ~ (to - from); combinatorial: "
                                + "pi(to) - pi(from-1) by Deleglise-Rivat, time ~ to^(2/3); auto: the faster by estimate")
                .checkpoint()
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --to 1e16")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --to 1e10 --tuplets 2")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeCount --from 1e18 --to 1e18+1e9 --json");
    }

    @Override
    public void validate(Parsed options, int ranks) throws UsageException {
        if (options.integer("tuplets") > 1 && options.text("method").equals("combinatorial")) {
            throw new UsageException("--tuplets " + options.integer("tuplets")
                    + " needs --method sieve: the combinatorial method counts primes only");
        }
    }

    @Override
    public List<String> jvmOptions() {
        // the pre-sieve's pattern copy; the combinatorial count's heap
        return List.of(PrimeSieve.YOUNG_GEN_OPTION, CombinatorialPi.INITIAL_HEAP_OPTION);
    }

    /** What mpjrun.sh can see: a sieve asked for by name over a long range. */
    @Override
    public VectorUse vectorUse() {
        VectorUse sieve = DealtSieve.VECTOR_USE;
        return new VectorUse(sieve.option(), sieve.perRank(), sieve.minus(), sieve.minusDefault(), List.of("method=sieve"));
    }

    /** The sieve over a long range; the combinatorial count where its P2 sieves wide windows. */
    @Override
    public boolean usesVector(Parsed options, int ranks) {
        long from = options.integer("from");
        long to = options.integer("to");
        if (method(options).equals("sieve")) {
            Range all = new Range(from, to);
            return options.has("checkpoint") ? PrimeSieve.wideBytes(to / 30 - from / 30 + 1) // units of 64 segments or more
                    : DealtSieve.usesVector(all, ranks);
        }
        return DelegliseRivat.sievesWideWindows(to) || (from > 2 && DelegliseRivat.sievesWideWindows(from - 1));
    }

    /** The method this run counts with: auto resolved. */
    private static String method(Parsed options) {
        String method = options.text("method");
        if (!method.equals("auto")) {
            return method;
        }
        return options.integer("tuplets") > 1 ? "sieve" : choose(options.integer("from"), options.integer("to"));
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

    /**
     * Estimated single-core seconds of each method (fitted on this project's kernels; only the
     * comparison matters): the sieve about 0.22 ns per number; Deleglise-Rivat about
     * 5.2e-9 x^(7/12) (fitted from 10^14 to 10^18; roots, as the project takes no powers)
     * for each of pi(to) and pi(from - 1).
     */
    static String choose(long from, long to) {
        double sieve = 0.22e-9 * ((double) to - from + 1);
        double comb = combinatorialSeconds(to) + (from > 2 ? combinatorialSeconds(from - 1) : 0);
        return to < 1_000_000 || sieve <= comb ? "sieve" : "combinatorial";
    }

    private static double combinatorialSeconds(long x) {
        double v = x;
        return 0.3 + 5.2e-9 * Math.sqrt(v) * Math.sqrt(Math.sqrt(Math.cbrt(v)));
    }

    @Override
    public Outcome run(Context ctx) {
        Range all = new Range(ctx.options().integer("from"), ctx.options().integer("to"));
        int k = (int) ctx.options().integer("tuplets");
        return method(ctx.options()).equals("sieve") ? sieve(ctx, all, k) : combinatorial(ctx, all);
    }

    private static Outcome combinatorial(Context ctx, Range all) {
        Journal journal = ctx.options().has("checkpoint") ? Journal.open(ctx) : null;
        List<CombinatorialPi.Counted> parts = new ArrayList<>();
        parts.add(CombinatorialPi.pi(ctx, all.last(), journal, "pi-to"));
        if (all.first() > 2) {
            parts.add(CombinatorialPi.pi(ctx, all.first() - 1, journal, "pi-from"));
        }
        if (!ctx.spmd().isRoot()) {
            return null;
        }
        if (journal != null) {
            journal.finish();
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

    /**
     * Bytes of the sieve (30 numbers) in a unit of a checkpointed count: at least 32 MiB, 1e9
     * numbers, 64 segments (enough for the vector pre-sieve), since each unit sets its sieve up
     * afresh (units of half a segment made PrimeCount 1e10 on 2 ranks 15-20% slower than one
     * long window; these, about 7%).
     */
    static final long MIN_UNIT_BYTES = 1L << 25;

    /**
     * A piece's {count, first prime, last prime} (-1 for none), each sieved segment's length
     * told to {@code segmentDone}.
     */
    static long[] countPiece(Range r, int k, LongConsumer segmentDone) {
        Tuplets.Counter counter = new Tuplets.Counter(k, r.first(), r.last());
        PrimeSieve.sieve(r.first(), r.last(), (seg, first, len) -> {
            counter.visit(seg, first, len);
            segmentDone.accept(len);
        });
        return new long[] {counter.count(), counter.firstPrime(), counter.lastPrime()};
    }

    /** The count over pieces given in order, each as {count, first, last}: a twin may lie across a cut. */
    static long combine(Iterable<long[]> pieces, int k) {
        long count = 0;
        long lastPrime = -1;
        for (long[] r : pieces) {
            count = Math.addExact(count, r[0]);
            if (r[1] >= 0) {
                count += Tuplets.acrossCut(k, lastPrime, r[1]);
                lastPrime = r[2];
            }
        }
        return count;
    }

    /** Rank 0's tally of a checkpointed count: every unit's {count, first, last}, in unit order. */
    static final class UnitTally implements Journal.Tally {
        long[] units;

        UnitTally(long n) {
            units = new long[Math.toIntExact(3 * n)];
        }

        @Override
        public void add(long unit, long[] result) {
            System.arraycopy(result, 0, units, (int) (3 * unit), 3);
        }

        @Override
        public long[] save() {
            return units.clone();
        }

        @Override
        public void load(long[] saved) {
            units = saved.clone();
        }

        long count(int k) {
            List<long[]> pieces = new ArrayList<>();
            for (int i = 0; i < units.length; i += 3) {
                pieces.add(java.util.Arrays.copyOfRange(units, i, i + 3));
            }
            return combine(pieces, k);
        }
    }

    private static long checkpointed(Context ctx, Range all, int k) {
        long bytes = all.last() / 30 - all.first() / 30 + 1;
        long per = Journal.perUnit(bytes, MIN_UNIT_BYTES);
        long n = Journal.units(bytes, per);
        UnitTally tally = new UnitTally(ctx.spmd().isRoot() ? n : 0);
        Journal journal = Journal.open(ctx);
        journal.run("pieces", n, u -> ctx.compute(() -> countPiece(DealtSieve.item(all, per, u), k, len -> { })), tally);
        if (!ctx.spmd().isRoot()) {
            return -1;
        }
        journal.finish();
        return tally.count(k);
    }

    private static Outcome sieve(Context ctx, Range all, int k) {
        Spmd spmd = ctx.spmd();
        if (ctx.options().has("checkpoint")) {
            long count = checkpointed(ctx, all, k);
            return spmd.isRoot() ? sieveOutcome(all, k, count) : null;
        }
        if (DealtSieve.worthDealing(all, spmd.size())) {
            List<long[]> pieces = DealtSieve.run(ctx, all, (r, segmentDone) -> countPiece(r, k, segmentDone));
            return spmd.isRoot() ? sieveOutcome(all, k, combine(pieces, k)) : null;
        }
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
        return sieveOutcome(all, k, combine(java.util.Arrays.asList(everyone), k));
    }

    private static Outcome sieveOutcome(Range all, int k, long count) {
        String what = Tuplets.name(k);
        return new Outcome().put("count", count).put("method", "sieve")
                .human("  " + count + " " + what + " in [" + all.first() + ", " + all.last() + "]");
    }
}
