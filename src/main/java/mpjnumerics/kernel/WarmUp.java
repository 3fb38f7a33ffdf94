package mpjnumerics.kernel;

/**
 * A few milliseconds of a job's kernel on a spare thread while the JVM and MPJ start the ranks,
 * so that the JIT has profiled, and mostly compiled, the kernel's loops by the time the ranks
 * run them. Results are thrown away; the job's own work is untouched.
 */
public final class WarmUp {
    private WarmUp() {}

    /** Warms the kernel of the named job, if it has one worth warming. */
    public static void forJob(String job) {
        switch (job) {
            case "CollatzSteps", "mpjnumerics.job.CollatzSteps" -> {
                CollatzStats s = new CollatzStats();
                CollatzKernel.run((1L << 26) + 1, (1L << 26) + (1L << 18), s);
            }
            default -> { }
        }
    }
}
