package mpjnumerics.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.Parsed;
import mpjnumerics.kernel.primes.Gaps;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.report.AtomicFile;
import mpjnumerics.report.Report;
import mpjnumerics.spmd.Range;
import mpjnumerics.spmd.Spmd;

/**
 * Gaps between consecutive primes in [from, to]: the largest with its first occurrence and
 * merit, the maximal-gap records, and a histogram of gap sizes. The ranks sieve pieces
 * (blocks dealt as they ask, or one fixed piece each for short ranges) and walk their primes;
 * rank 0 joins the pieces in order, adding the gap from each piece's last prime to the next
 * piece's first.
 */
public final class PrimeGaps implements Job {
    @Override
    public Options options() {
        return new Options("PrimeGaps", "gaps between consecutive primes in a range: largest, records, histogram")
                .range("0", "1e9", 0, "number")
                .output("histogram", "write a CSV of gap size and number of gaps to this file")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeGaps --to 1e10")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeGaps --from 1e15 --to 1e15+1e9 --histogram gaps.csv --json");
    }

    @Override
    public List<String> jvmOptions() {
        return List.of(PrimeSieve.YOUNG_GEN_OPTION); // the sieve's pre-sieve
    }

    @Override
    public VectorUse vectorUse() {
        return DealtSieve.VECTOR_USE;
    }

    @Override
    public boolean usesVector(Parsed options, int ranks) {
        return DealtSieve.usesVector(new Range(options.integer("from"), options.integer("to")), ranks);
    }

    @Override
    public Outcome run(Context ctx) {
        Spmd spmd = ctx.spmd();
        Range all = new Range(ctx.options().integer("from"), ctx.options().integer("to"));
        Gaps total = new Gaps();
        for (long[] piece : DealtSieve.worthDealing(all, spmd.size()) ? dealt(ctx, all) : fixedPieces(ctx, all)) {
            total = total.then(Gaps.fromLongs(piece));
        }
        if (!spmd.isRoot()) {
            return null;
        }
        String file = ctx.options().text("histogram");
        if (file != null) {
            writeHistogram(Path.of(file), total.histogram());
        }
        return outcome(all, total, file);
    }

    /** Rank 0: every block's gaps in order (empty elsewhere). */
    private static List<long[]> dealt(Context ctx, Range all) {
        return DealtSieve.run(ctx, all, (r, segmentDone) -> {
            Gaps g = new Gaps();
            g.addWheelPrimes(r.first(), r.last());
            PrimeSieve.sieve(r.first(), r.last(), (seg, first, len) -> {
                g.visit(seg, first, len);
                segmentDone.accept(len);
            });
            return g.toLongs();
        });
    }

    /** Rank 0: each rank's gaps in rank order, one fixed piece each (empty elsewhere). */
    private static List<long[]> fixedPieces(Context ctx, Range all) {
        Spmd spmd = ctx.spmd();
        Range mine = spmd.piece(all, Gaps::costDensity);
        ctx.progress().total(mine.isEmpty() ? 0 : mine.last() / 30 - mine.first() / 30 + 1);
        Gaps local = ctx.compute(() -> {
            Gaps g = new Gaps();
            if (!mine.isEmpty()) {
                g.addWheelPrimes(mine.first(), mine.last());
                long[] bytes = {0};
                PrimeSieve.sieve(mine.first(), mine.last(), (seg, first, len) -> {
                    g.visit(seg, first, len);
                    bytes[0] += len;
                    ctx.progress().update(bytes[0]);
                });
            }
            return g;
        });
        long[][] everyone = spmd.gather(local.toLongs());
        return spmd.isRoot() ? java.util.Arrays.asList(everyone) : List.of();
    }

    private static Outcome outcome(Range all, Gaps g, String file) {
        boolean any = g.gaps() > 0;
        List<Map<String, Object>> records = new ArrayList<>();
        StringBuilder human = new StringBuilder("  ").append(g.primes()).append(" primes in [").append(all.first())
                .append(", ").append(all.last()).append("], ").append(g.gaps()).append(" gaps between them\n");
        if (any) {
            human.append("  largest gap: ").append(g.largestGap()).append(" after ").append(g.largestGapAfter())
                    .append(", merit ").append(Report.fixed(g.merit(), 4)).append("\n  maximal gaps (gap after prime):");
        }
        for (long[] r : g.records()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("gap", r[0]);
            m.put("after", r[1]);
            records.add(m);
            human.append("\n    ").append(r[0]).append(" after ").append(r[1]);
        }
        List<Map<String, Object>> histogram = new ArrayList<>();
        long[] h = g.histogram();
        for (int s = 0; s < h.length; s++) {
            if (h[s] > 0) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("gap", s);
                m.put("count", h[s]);
                histogram.add(m);
            }
        }
        if (file != null) {
            human.append("\n  histogram written to ").append(file);
        }
        return new Outcome()
                .put("primes", g.primes())
                .put("gaps", g.gaps())
                .put("firstPrime", g.first() < 0 ? null : g.first())
                .put("lastPrime", g.last() < 0 ? null : g.last())
                .put("maxGap", any ? g.largestGap() : null)
                .put("maxGapAfter", any ? g.largestGapAfter() : null)
                .put("merit", any ? g.merit() : null)
                .put("records", records)
                .put("histogram", histogram)
                .put("histogramFile", file)
                .human(human.toString());
    }

    /** CSV of gap size and number of gaps, for the sizes that occur. */
    static void writeHistogram(Path file, long[] histogram) {
        StringBuilder b = new StringBuilder("gap,count\n");
        for (int s = 0; s < histogram.length; s++) {
            if (histogram[s] > 0) {
                b.append(s).append(',').append(histogram[s]).append('\n');
            }
        }
        AtomicFile.write(file, b);
    }
}
