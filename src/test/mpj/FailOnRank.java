import mpi.MPI;

/**
 * FailOnRank RANK throw|exit|exit0 finalize|barrier: that rank throws (or calls System.exit(4),
 * or System.exit(0)) while MPI is in use; the others call Finalize, or wait in a Barrier.
 */
public class FailOnRank {
    public static void main(String[] args) throws Exception {
        String[] user = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        if (rank == Integer.parseInt(user[0])) {
            switch (user[1]) {
                case "throw" -> throw new IllegalStateException("student bug on rank " + rank);
                case "exit" -> System.exit(4);
                default -> System.exit(0);
            }
        }
        if (user[2].equals("barrier")) {
            MPI.COMM_WORLD.Barrier();
        }
        MPI.Finalize();
    }
}
