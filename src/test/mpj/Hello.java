import mpi.MPI;

/** Named like the project's Hello job: with -cp, this one must run. */
public class Hello {
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        System.out.println("the user's Hello, rank " + MPI.COMM_WORLD.Rank());
        MPI.Finalize();
    }
}
