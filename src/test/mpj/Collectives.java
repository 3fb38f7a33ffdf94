import mpi.MPI;

/** Bcast, Reduce, Allreduce, Gather, Scatter, Allgather, Alltoall, Scan, each result checked. */
public class Collectives {
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int n = MPI.COMM_WORLD.Size();

        int[] b = {rank == 0 ? 42 : -1};
        MPI.COMM_WORLD.Bcast(b, 0, 1, MPI.INT, 0);
        Check.that(b[0] == 42, "bcast");

        long[] mine = {rank + 1L};
        long[] sum = new long[1];
        MPI.COMM_WORLD.Reduce(mine, 0, sum, 0, 1, MPI.LONG, MPI.SUM, 0);
        Check.that(rank != 0 || sum[0] == (long) n * (n + 1) / 2, "reduce sum");

        double[] v = {rank * 1.5};
        double[] max = new double[1];
        MPI.COMM_WORLD.Allreduce(v, 0, max, 0, 1, MPI.DOUBLE, MPI.MAX);
        Check.that(max[0] == (n - 1) * 1.5, "allreduce max");

        int[] one = {rank * 10};
        int[] all = new int[n];
        MPI.COMM_WORLD.Gather(one, 0, 1, MPI.INT, all, 0, 1, MPI.INT, 0);
        for (int r = 0; rank == 0 && r < n; r++) {
            Check.that(all[r] == r * 10, "gather");
        }

        int[] parts = new int[2 * n];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = i * 7;
        }
        int[] part = new int[2];
        MPI.COMM_WORLD.Scatter(parts, 0, 2, MPI.INT, part, 0, 2, MPI.INT, 0);
        Check.that(part[0] == 2 * rank * 7 && part[1] == (2 * rank + 1) * 7, "scatter");

        int[] everyone = new int[n];
        MPI.COMM_WORLD.Allgather(new int[] {rank * rank}, 0, 1, MPI.INT, everyone, 0, 1, MPI.INT);
        for (int r = 0; r < n; r++) {
            Check.that(everyone[r] == r * r, "allgather");
        }

        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            out[r] = 100 * rank + r;
        }
        int[] in = new int[n];
        MPI.COMM_WORLD.Alltoall(out, 0, 1, MPI.INT, in, 0, 1, MPI.INT);
        for (int r = 0; r < n; r++) {
            Check.that(in[r] == 100 * r + rank, "alltoall");
        }

        int[] prefix = new int[1];
        MPI.COMM_WORLD.Scan(new int[] {rank + 1}, 0, prefix, 0, 1, MPI.INT, MPI.SUM);
        Check.that(prefix[0] == (rank + 1) * (rank + 2) / 2, "scan");

        MPI.COMM_WORLD.Barrier();
        if (rank == 0) {
            System.out.println("ok Collectives");
        }
        MPI.Finalize();
    }
}
