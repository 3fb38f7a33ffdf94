package mpjnumerics.job;

import java.util.List;
import java.util.Map;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.Parsed;
import mpjnumerics.cli.UsageException;

/**
 * One SPMD job, as the launchers see it: everything about it is declared here, so that a new
 * job touches its own class and nothing in the launchers or scripts.
 *
 * <p>Before any rank starts, the launcher parses the job's {@link #options} and calls
 * {@link #validate} once; then every rank runs {@link #run}, which takes this rank's share of
 * the work, calls a kernel inside {@link Context#compute}, reduces to rank 0 and returns there
 * the {@link Outcome}, the job's result (null on the other ranks).
 */
public interface Job {
    /** Name, summary, options and examples. */
    Options options();

    /**
     * Checks that involve more than one option, or the number of ranks; run once, before any
     * rank or host starts, so a bad command line costs milliseconds.
     */
    default void validate(Parsed options, int ranks) throws UsageException {}

    /**
     * Options the job's JVMs need (a heap or compiler setting; the Vector API's module comes
     * from {@link #usesVector}): the launchers start them so. The kernels must give the same results without them, only slower.
     */
    default List<String> jvmOptions() {
        return List.of();
    }

    /**
     * When the kernels use the Vector API, as a rule mpjrun.sh can apply to the command line;
     * by default never.
     */
    default VectorUse vectorUse() {
        return VectorUse.NEVER;
    }

    /** Options the job's JVMs need besides the module when its kernels use the Vector API. */
    default List<String> vectorJvmOptions() {
        return List.of();
    }

    /**
     * Whether this run's kernels use the Vector API, so that its JVMs need the module: by
     * default {@link #vectorUse}'s rule. A job whose use depends on more overrides this; it must
     * then hold wherever that rule does.
     */
    default boolean usesVector(Parsed options, int ranks) {
        return vectorUse().holds(options, ranks);
    }

    /**
     * Starts work that needs no MPI and that every rank of a JVM shares (a kernel's tables), on
     * a thread of its own, before MPJ starts: it then overlaps the JVM's and MPJ's start-up,
     * which leave a core idle part of the time. Called once per JVM; by default nothing.
     */
    default void prepare() {}

    /**
     * The parameters the report lists (its {@code params}): those this run used, named as the
     * report names every key (camel case). By default every option's value, defaults included;
     * a job whose options depend on one another leaves out those the run did not use.
     */
    default Map<String, Object> params(Parsed options) {
        return options.params();
    }

    Outcome run(Context ctx) throws Exception;
}
