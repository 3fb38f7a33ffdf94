import mpi.MPI;

/** Default package: each rank says who it is. */
public class Greeting {
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        System.out.println("greeting from rank " + MPI.COMM_WORLD.Rank() + " of " + MPI.COMM_WORLD.Size());
        MPI.Finalize();
    }
}
