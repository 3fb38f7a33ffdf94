import mpi.MPI;

/** Aborts RANK CODE: that rank calls MPI.COMM_WORLD.Abort(CODE) while the others wait in a Barrier. */
public class Aborts {
    public static void main(String[] args) throws Exception {
        String[] user = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        if (rank == Integer.parseInt(user[0])) {
            MPI.COMM_WORLD.Abort(Integer.parseInt(user[1]));
            System.out.println("rank " + rank + " went on after Abort");
        }
        MPI.COMM_WORLD.Barrier();
        MPI.Finalize();
    }
}
