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

    /**
     * Starts work that needs no MPI and that every rank of a JVM shares (a kernel's tables), on
     * a thread of its own, before MPJ starts: it then overlaps the JVM's and MPJ's start-up,
     * which leave a core idle part of the time. Called once per JVM; by default nothing.
     */
    default void prepare() {}

    Outcome run(Context ctx) throws Exception;
}
