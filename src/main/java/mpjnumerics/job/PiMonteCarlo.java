package mpjnumerics.job;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.Parsed;
import mpjnumerics.kernel.montecarlo.BlockPlan;
import mpjnumerics.kernel.montecarlo.PiKernel;
import mpjnumerics.spmd.Range;
import mpjnumerics.spmd.Spmd;

/** pi from random points in the unit square: 4 * (points inside the quarter disc) / samples. */
public final class PiMonteCarlo implements Job {
    @Override
    public Options options() {
        return new Options("PiMonteCarlo", "estimate pi from random points in the unit square")
                .integer("samples", "1e8", 1, Long.MAX_VALUE, "number of random points")
                .seed()
                .checkpoint()
                .example("mpj/bin/mpjrun.sh -np 4 PiMonteCarlo --samples 1e9 --json");
    }

    @Override
    public List<String> jvmOptions() {
        // A small young generation: the vector kernel's warm-up allocates hundreds of megabytes
        // of short-lived boxes, which would otherwise all become resident.
        return List.of("-Xmn8m");
    }

    /** Every rank counting without a checkpoint has its share of the samples, the largest at least the mean. */
    @Override
    public VectorUse vectorUse() {
        return new VectorUse("samples", PiKernel.VECTOR_MIN_SAMPLES, "", "0", List.of("!checkpoint"));
    }

    @Override
    public boolean usesVector(Parsed options, int ranks) {
        return options.has("checkpoint") ? PiKernel.vectorPays(checkpointUnitSamples(options.integer("samples")))
                : vectorUse().holds(options, ranks);
    }

    /** The samples of the first unit of a checkpointed run. */
    private static long checkpointUnitSamples(long samples) {
        BlockPlan plan = BlockPlan.of(samples);
        return Math.min(samples, Journal.perUnit(plan.blocks(), 1) * plan.blockSize());
    }

    /** Blocks per vector kernel call (an even number: 512-bit vectors take blocks in pairs). */
    private static final int VECTOR_CHUNK = 16;
    private static final AtomicBoolean WARMING = new AtomicBoolean();

    /**
     * Once per JVM, a thread that runs the vector kernel until the JIT has compiled it, while
     * the ranks count with the scalar kernel: a rank that ran the vector kernel cold would
     * spend about a second at a hundredth of the scalar kernel's speed.
     */
    private static void warmUpVectorKernel() {
        if (WARMING.compareAndSet(false, true)) {
            Thread t = new Thread(() -> PiKernel.warmUpVector(WARM_UP_LIMIT_NANOS), "pi-vector-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    /** After this long without a compiled vector kernel, ranks stay scalar. */
    private static final long WARM_UP_LIMIT_NANOS = 20_000_000_000L;

    @Override
    public Outcome run(Context ctx) {
        Spmd spmd = ctx.spmd();
        if (ctx.options().has("checkpoint")) {
            return checkpointed(ctx);
        }
        Sampling work = Sampling.of(ctx);
        Range mine = work.mine();
        boolean vector = PiKernel.vectorFor(mine.size() * work.plan().blockSize());
        if (vector) {
            warmUpVectorKernel();
        }

        long localHits = ctx.compute(() -> {
            long h = 0;
            long b = mine.first();
            while (b <= mine.last()) {
                // Scalar block by block until the vector kernel is compiled, then in chunks.
                boolean v = vector && PiKernel.vectorWarm();
                long end = Math.min(mine.last(), b + (v ? VECTOR_CHUNK - 1 : 0));
                h += PiKernel.hits(work.seed(), work.plan(), b, end, v);
                ctx.progress().update(end - mine.first() + 1);
                b = end + 1;
            }
            return h;
        });
        long hits = spmd.sum(localHits);
        if (!spmd.isRoot()) {
            return null;
        }
        return outcome(hits, work.samples(), work.seed());
    }

    /** With --checkpoint: units of whole blocks, dealt one at a time; the hits of a unit are summed. */
    private static Outcome checkpointed(Context ctx) {
        long samples = ctx.options().integer("samples");
        long seed = ctx.options().integer("seed");
        BlockPlan plan = BlockPlan.of(samples);
        long per = Journal.perUnit(plan.blocks(), 1);
        boolean vector = PiKernel.vectorFor(checkpointUnitSamples(samples));
        long[] hits = {0};
        Journal journal = Journal.open(ctx);
        journal.run("blocks", Journal.units(plan.blocks(), per), u -> ctx.compute(() -> {
            long h = 0;
            for (long b = u * per; b < Math.min(plan.blocks(), (u + 1) * per); b++) {
                h += PiKernel.hits(seed, b, plan.size(b), vector);
            }
            return new long[] {h};
        }), new Journal.Tally() {
            @Override
            public void add(long unit, long[] result) {
                hits[0] = Math.addExact(hits[0], result[0]);
            }

            @Override
            public long[] save() {
                return hits.clone();
            }

            @Override
            public void load(long[] saved) {
                hits[0] = saved[0];
            }
        });
        if (!ctx.spmd().isRoot()) {
            return null;
        }
        journal.finish();
        return outcome(hits[0], samples, seed);
    }

    private static Outcome outcome(long hits, long samples, long seed) {
        Sampling work = new Sampling(samples, seed, null, null);
        double p = (double) hits / work.samples();
        double estimate = 4 * p;
        double stdError = 4 * Math.sqrt(p * (1 - p) / work.samples());
        double absError = Math.abs(estimate - Math.PI);
        return new Outcome()
                .put("hits", hits)
                .put("samples", work.samples())
                .put("estimate", estimate)
                .put("stdError", stdError)
                .put("absError", absError)
                .human(String.format(Locale.ROOT,
                        "  pi ~ %.10f +- %.2g (one standard error)%n"
                                + "  %d of %d points inside, seed %d%n"
                                + "  |estimate - pi| = %.3g (%.2f standard errors)",
                        estimate, stdError, hits, work.samples(), work.seed(), absError,
                        stdError > 0 ? absError / stdError : 0.0));
    }
}
