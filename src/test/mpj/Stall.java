import mpi.MPI;

/** Stall RANK TAG: every rank says it is past Init, then that rank sleeps while the others wait in a Barrier. */
public class Stall {
    public static void main(String[] args) throws Exception {
        String[] user = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        System.out.println("rank " + rank + " in MPI");
        if (rank == Integer.parseInt(user[0])) {
            Thread.sleep(120_000);
        }
        MPI.COMM_WORLD.Barrier();
        MPI.Finalize();
    }
}
