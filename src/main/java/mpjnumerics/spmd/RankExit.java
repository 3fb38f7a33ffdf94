package mpjnumerics.spmd;

import mpi.MPI;
import mpjnumerics.runtime.Failure;

/**
 * What {@code System.exit} and MPJ's {@code Abort} do in an MPJ program of a user's own: the
 * rank wrapper's class loader points the program's calls here. An exit while MPI is in use (after {@code Init},
 * before {@code Finalize}) leaves the other ranks waiting for this one, so it ends the job at
 * once with the status asked for (1 for 0). An exit outside it ends this rank only, with that
 * status; the job's status is the highest of its ranks'.
 */
public final class RankExit {
    private RankExit() {}

    public static void exit(int status) {
        boolean inMpi;
        try {
            inMpi = MPI.Initialized();
        } catch (Throwable t) {
            inMpi = false;
        }
        String who = who();
        if (inMpi) {
            Failure.halt(failure(status), "error: " + who + " called System.exit(" + status + ") before MPI.Finalize");
        }
        Failure.rankExited(rank(), status & 0xff, "error: " + who + " exited with status " + (status & 0xff));
    }

    /**
     * What {@code comm.Abort(code)} does in a user's program (MPJ's own does nothing): ends
     * every rank of the job, with {@code code} as its status ({@link #failure}), as mpirun does.
     */
    public static void abort(mpi.Comm comm, int code) { // every rank ends, whatever comm holds
        Failure.halt(failure(code), "error: " + who() + " called MPI Abort(" + code + ")");
    }

    /** The process status a code ends the job with: its low 8 bits, as a shell sees them, and 1 for 0. */
    static int failure(int code) {
        return (code & 0xff) == 0 ? Failure.EXIT_FAILURE : code & 0xff;
    }

    /** The calling rank's world rank once MPI.Init has run (also after Finalize), else the wrapper's number; -1 unknown. */
    private static int rank() {
        try {
            if (Spmd.everInitialized()) {
                return MPI.COMM_WORLD.Rank();
            }
        } catch (Throwable t) {
            // fall back on the wrapper's number
        }
        return Failure.rankOfThisThread(Integer.getInteger(Failure.RANK_PROPERTY, -1));
    }

    private static String who() {
        int rank = rank();
        return rank < 0 ? "a rank" : "rank " + rank;
    }
}
