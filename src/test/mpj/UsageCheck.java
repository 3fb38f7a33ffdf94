import mpi.MPI;

/** UsageCheck N: a program that checks its own arguments before MPI.Init and returns when they are wrong. */
public class UsageCheck {
    public static void main(String[] args) throws Exception {
        // MPJ's arguments come first (rank, configuration, device): the user's start at 3
        if (args.length < 4) {
            System.err.println("usage: UsageCheck N");
            return;
        }
        MPI.Init(args);
        System.out.println("rank " + MPI.COMM_WORLD.Rank() + " of " + args[3]);
        MPI.Finalize();
    }
}
