import mpi.MPI;

/**
 * Output that looks like the launcher's own or like errors, on stdout and stderr, many lines
 * from every rank at once, and a last stdout line without its newline on rank 0.
 */
public class Streams {
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            pad.append((char) ('a' + i % 26));
        }
        for (int i = 0; i < 300; i++) {
            System.out.println("out " + rank + " " + i + " " + pad);
            System.err.println("err " + rank + " " + i + " " + pad);
        }
        MPI.COMM_WORLD.Barrier();
        if (rank == 0) {
            System.out.println("error: this is data, not an error");
            System.out.println("java.lang.IllegalStateException: data too");
            System.out.println("WARNING: data");
            System.out.println("\tat data");
            System.out.println("[data-Wrapper.java]");
            System.out.println("Stopping Process <0> on <data>");
            System.err.println("a line on stderr");
        }
        MPI.COMM_WORLD.Barrier();
        if (rank == 0) {
            System.out.print("last words without a newline");
        }
        MPI.Finalize();
    }
}
