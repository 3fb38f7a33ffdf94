import mpi.MPI;

/** FinalizeThenExit [RANK STATUS ...]: after Finalize each rank named exits with its status, the others with 0. */
public class FinalizeThenExit {
    public static void main(String[] args) throws Exception {
        String[] user = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int status = 0;
        for (int i = 0; i + 1 < user.length; i += 2) {
            if (Integer.parseInt(user[i]) == rank) {
                status = Integer.parseInt(user[i + 1]);
            }
        }
        System.out.println("rank " + rank + " done");
        MPI.Finalize();
        System.exit(status);
    }
}
