package mpjnumerics.launch;

import mpi.MPI;

/** A plain MPJ Express program, not one of the project's jobs: the launchers run it by class name. */
public final class ForeignProgram {
    private ForeignProgram() {}

    public static void main(String[] args) throws Exception {
        String[] user = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int[] one = {rank + 1};
        int[] sum = new int[1];
        MPI.COMM_WORLD.Reduce(one, 0, sum, 0, 1, MPI.INT, MPI.SUM, 0);
        if (user.length > 0 && user[0].equals("throw") && rank == 1) {
            throw new IllegalArgumentException("foreign failure");
        }
        if (rank == 0) {
            System.out.println("sum of ranks+1 = " + sum[0] + " args " + String.join(",", user));
        }
        MPI.Finalize();
    }
}
