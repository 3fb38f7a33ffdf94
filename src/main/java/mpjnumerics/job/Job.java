package mpjnumerics.job;

import mpjnumerics.cli.Options;

/**
 * One SPMD job. {@link #run} runs on every rank: it takes this rank's piece of the work,
 * calls a kernel inside {@link Context#compute}, reduces to rank 0, and there returns the
 * result (null on the other ranks).
 */
public interface Job {
    /** Name, summary, options and examples; parsed before MPJ starts where possible. */
    Options options();

    Outcome run(Context ctx) throws Exception;
}
