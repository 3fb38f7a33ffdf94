import mpi.Intracomm;
import mpi.MPI;

/** Even and odd ranks in communicators of their own: sizes, new ranks and a sum in each, checked. */
public class Splits {
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int n = MPI.COMM_WORLD.Size();
        int color = rank % 2;
        Intracomm half = MPI.COMM_WORLD.Split(color, -rank); // reversed order within each half
        int expectSize = color == 0 ? (n + 1) / 2 : n / 2;
        Check.that(half.Size() == expectSize, "split size " + half.Size());
        Check.that(half.Rank() == (expectSize - 1 - rank / 2), "split rank " + half.Rank());
        int[] sum = new int[1];
        half.Allreduce(new int[] {rank}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
        int want = 0;
        for (int r = color; r < n; r += 2) {
            want += r;
        }
        Check.that(sum[0] == want, "sum in half " + sum[0]);
        Intracomm dup = (Intracomm) MPI.COMM_WORLD.clone();
        int[] total = new int[1];
        dup.Allreduce(new int[] {1}, 0, total, 0, 1, MPI.INT, MPI.SUM);
        Check.that(total[0] == n, "dup");
        MPI.COMM_WORLD.Barrier();
        if (rank == 0) {
            System.out.println("ok Splits");
        }
        MPI.Finalize();
    }
}
