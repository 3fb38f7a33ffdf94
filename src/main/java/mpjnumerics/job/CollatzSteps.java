package mpjnumerics.job;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import mpjnumerics.cli.Options;
import mpjnumerics.kernel.collatz.CollatzKernel;
import mpjnumerics.kernel.collatz.CollatzStats;
import mpjnumerics.kernel.collatz.CollatzWork;
import mpjnumerics.report.AtomicFile;
import mpjnumerics.report.Report;
import mpjnumerics.spmd.Dealer;
import mpjnumerics.spmd.Spmd;

/** Collatz step statistics for every start in [from, to]: total, record, peak, histogram. */
public final class CollatzSteps implements Job {
    /** Odd numbers per chunk, the unit the ranks are dealt. */
    static final long CHUNK = 1L << 15;

    @Override
    public Options options() {
        return new Options("CollatzSteps", "steps of the Collatz map to reach 1, for every start in a range")
                .range("1", "1e6", 1, "start")
                .output("histogram", "write a CSV of step count and number of starts to this file")
                .checkpoint()
                .example("mpj/bin/mpjrun.sh -np 4 CollatzSteps --to 1e8")
                .example("mpj/bin/mpjrun.sh -np 4 CollatzSteps --from 1e15 --to 1e15+1e7 --json");
    }

    /** The kernel's tables (some 20-30 ms on a cold JVM), built while MPJ starts. */
    @Override
    public void prepare() {
        Thread t = new Thread(CollatzKernel::prepare, "collatz-tables");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The kernel runs its loops in short calls (a batch of 512 starts each, tens of thousands per
     * rank). With the JVM's default on-stack replacement threshold, C2 compiles the batch method
     * once per loop as an on-stack replacement before the one compilation that serves every
     * later call; raised, only that one is made. Jobs with long loops keep the default.
     */
    @Override
    public List<String> jvmOptions() {
        return List.of("-XX:Tier4BackEdgeThreshold=1000000");
    }

    @Override
    public Outcome run(Context ctx) {
        Spmd spmd = ctx.spmd();
        long from = ctx.options().integer("from");
        long to = ctx.options().integer("to");
        CollatzWork work = CollatzWork.of(from, to);
        long chunks = (work.count() + CHUNK - 1) / CHUNK;
        if (ctx.options().has("checkpoint")) {
            CollatzStats total = checkpointed(ctx, work, chunks);
            return total == null ? null : outcome(ctx, total);
        }
        ctx.progress().total(chunks);
        CollatzStats local = ctx.compute(() -> {
            CollatzStats s = new CollatzStats();
            // Chunks dealt on demand (a rank that the JIT or anything else slows takes fewer),
            // from the top down: the first chunks the JIT profiles are the costly kind that fill
            // the run (long trajectories, a high peak bound), not the starts below the memo,
            // whose profile the compiled code would have to unlearn.
            Dealer dealer = new Dealer(spmd, chunks);
            for (long c; (c = dealer.take()) >= 0;) {
                work.run(c * CHUNK, Math.min(work.count(), (c + 1) * CHUNK) - 1, s);
                ctx.progress().update(dealer.dealt());
            }
            return s;
        });
        long[][] all = spmd.gather(local.toLongs());
        if (!spmd.isRoot()) {
            return null;
        }
        CollatzStats total = new CollatzStats();
        for (long[] a : all) {
            total.merge(CollatzStats.fromLongs(a));
        }
        return outcome(ctx, total);
    }

    /**
     * With --checkpoint: units of whole chunks, dealt one at a time from the top down; rank 0
     * merges each unit's statistics (the merge is associative and commutative, so the result is
     * the same in any order, over any number of runs).
     */
    private static CollatzStats checkpointed(Context ctx, CollatzWork work, long chunks) {
        long per = Journal.perUnit(chunks, 1);
        CollatzStats[] total = {new CollatzStats()};
        Journal journal = Journal.open(ctx);
        journal.run("chunks", Journal.units(chunks, per), u -> ctx.compute(() -> {
            CollatzStats s = new CollatzStats();
            for (long c = Math.min(chunks, (u + 1) * per) - 1; c >= u * per; c--) {
                work.run(c * CHUNK, Math.min(work.count(), (c + 1) * CHUNK) - 1, s);
            }
            return s.toLongs();
        }), new Journal.Tally() {
            @Override
            public void add(long unit, long[] result) {
                total[0].merge(CollatzStats.fromLongs(result));
            }

            @Override
            public long[] save() {
                return total[0].toLongs();
            }

            @Override
            public void load(long[] saved) {
                total[0] = CollatzStats.fromLongs(saved);
            }
        });
        if (!ctx.spmd().isRoot()) {
            return null;
        }
        journal.finish();
        return total[0];
    }

    private static Outcome outcome(Context ctx, CollatzStats total) {
        long from = ctx.options().integer("from");
        long to = ctx.options().integer("to");
        String file = ctx.options().text("histogram");
        if (file != null) {
            writeHistogram(Path.of(file), total.histogram());
        }
        BigInteger peak = total.peak();
        Object peakValue = peak.bitLength() < 64 ? (Object) peak.longValue() : peak.toString();
        return new Outcome()
                .put("count", total.count())
                .put("totalSteps", total.totalSteps())
                .put("maxSteps", total.maxSteps())
                .put("argMax", total.argMax())
                .put("peak", peakValue)
                .put("peakStart", total.peakStart())
                .put("histogramFile", file)
                .human(new StringBuilder("  ").append(total.count()).append(" starts in [").append(from).append(", ")
                        .append(to).append("]: ").append(total.totalSteps()).append(" steps in all, ")
                        .append(Report.fixed((double) total.totalSteps() / total.count(), 2)).append(" on average\n")
                        .append("  most steps: ").append(total.maxSteps()).append(", first reached by ")
                        .append(total.argMax()).append("\n  highest value: ").append(peak).append(", first met from ")
                        .append(total.peakStart()).append(file == null ? "" : "\n  histogram written to " + file)
                        .toString());
    }

    /** CSV of step count and number of starts, for the counts that occur. */
    static void writeHistogram(Path file, long[] histogram) {
        StringBuilder b = new StringBuilder("steps,count\n");
        for (int s = 0; s < histogram.length; s++) {
            if (histogram[s] > 0) {
                b.append(s).append(',').append(histogram[s]).append('\n');
            }
        }
        AtomicFile.write(file, b);
    }
}
