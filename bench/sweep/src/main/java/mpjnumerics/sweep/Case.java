package mpjnumerics.sweep;

import java.util.List;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * One job of the sweep with its sizes, and the reference program it is compared with.
 *
 * @param unit        what size counts (samples, numbers, terms, digits), for the plots
 * @param args        the job and its options for a size
 * @param sizes       sizes for strong scaling (fixed total work)
 * @param weakPerRank work per rank for weak scaling, 0 for none (digit jobs do not scale so)
 * @param reference   the program compared with, or null
 */
record Case(String name, String unit, LongFunction<List<String>> args, long[] sizes, long weakPerRank,
            Reference reference) {

    /**
     * A reference program: a shell command for (np, size), run alternately with ours.
     *
     * @param agree       a pattern whose group 1 in the reference's output must equal...
     * @param resultKey   ...this result field of ours, or null for no cross-check
     * @param npMatters   false for a single-threaded reference (same program at every np)
     */
    record Reference(String name, Command command, Pattern agree, String resultKey, boolean npMatters) {}

    interface Command {
        String shell(int np, long size);
    }

    long largest() {
        return sizes[sizes.length - 1];
    }
}
