package mpjnumerics.job;

import mpjnumerics.kernel.montecarlo.BlockPlan;
import mpjnumerics.spmd.Range;

/**
 * A Monte Carlo job's work on this rank: --samples split into fixed blocks whose random
 * streams depend only on (--seed, block), and this rank's share of the blocks.
 */
record Sampling(long samples, long seed, BlockPlan plan, Range mine) {
    static Sampling of(Context ctx) {
        long samples = ctx.options().integer("samples");
        BlockPlan plan = BlockPlan.of(samples);
        return new Sampling(samples, ctx.options().integer("seed"), plan, ctx.myBlocks(plan.blocks()));
    }
}
