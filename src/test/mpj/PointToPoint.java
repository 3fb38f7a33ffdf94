import java.nio.ByteBuffer;
import mpi.MPI;
import mpi.Request;
import mpi.Status;

/** Blocking, non-blocking, probed, buffered and combined send-receive, each result checked. */
public class PointToPoint {
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        int next = (rank + 1) % size;
        int prev = (rank + size - 1) % size;

        // Blocking ring: rank 0 starts a token that every rank adds its rank to.
        int[] token = new int[1];
        if (rank == 0) {
            MPI.COMM_WORLD.Send(token, 0, 1, MPI.INT, next, 1);
            MPI.COMM_WORLD.Recv(token, 0, 1, MPI.INT, prev, 1);
            Check.that(token[0] == size * (size - 1) / 2, "ring sum " + token[0]);
        } else {
            MPI.COMM_WORLD.Recv(token, 0, 1, MPI.INT, prev, 1);
            token[0] += rank;
            MPI.COMM_WORLD.Send(token, 0, 1, MPI.INT, next, 1);
        }

        // Non-blocking exchange with both neighbours.
        long[] toNext = {1000L * rank + 1};
        long[] toPrev = {1000L * rank + 2};
        long[] fromPrev = new long[1];
        long[] fromNext = new long[1];
        Request[] reqs = {
            MPI.COMM_WORLD.Irecv(fromPrev, 0, 1, MPI.LONG, prev, 2),
            MPI.COMM_WORLD.Irecv(fromNext, 0, 1, MPI.LONG, next, 3),
            MPI.COMM_WORLD.Isend(toNext, 0, 1, MPI.LONG, next, 2),
            MPI.COMM_WORLD.Isend(toPrev, 0, 1, MPI.LONG, prev, 3)};
        Request.Waitall(reqs);
        Check.that(fromPrev[0] == 1000L * prev + 1 && fromNext[0] == 1000L * next + 2, "non-blocking exchange");

        // Probe: every rank sends rank+1 doubles to rank 0, which learns the count first.
        if (rank == 0) {
            for (int i = 1; i < size; i++) {
                Status st = MPI.COMM_WORLD.Probe(MPI.ANY_SOURCE, 4);
                int n = st.Get_count(MPI.DOUBLE);
                double[] got = new double[n];
                MPI.COMM_WORLD.Recv(got, 0, n, MPI.DOUBLE, st.source, 4);
                Check.that(n == st.source + 1, "probed count " + n + " from " + st.source);
                for (double d : got) {
                    Check.that(d == st.source * 0.5, "probed payload");
                }
            }
        } else {
            double[] mine = new double[rank + 1];
            java.util.Arrays.fill(mine, rank * 0.5);
            MPI.COMM_WORLD.Send(mine, 0, mine.length, MPI.DOUBLE, 0, 4);
        }

        // Buffered send to the next rank.
        MPI.Buffer_attach(ByteBuffer.allocateDirect(4096 + MPI.BSEND_OVERHEAD));
        char[] text = ("from " + rank).toCharArray();
        char[] in = new char[16];
        MPI.COMM_WORLD.Bsend(text, 0, text.length, MPI.CHAR, next, 5);
        Status st = MPI.COMM_WORLD.Recv(in, 0, in.length, MPI.CHAR, prev, 5);
        Check.that(new String(in, 0, st.Get_count(MPI.CHAR)).equals("from " + prev), "buffered send");
        MPI.Buffer_detach();

        // Sendrecv shift.
        int[] send = {rank * rank};
        int[] recv = new int[1];
        MPI.COMM_WORLD.Sendrecv(send, 0, 1, MPI.INT, next, 6, recv, 0, 1, MPI.INT, prev, 6);
        Check.that(recv[0] == prev * prev, "sendrecv");

        MPI.COMM_WORLD.Barrier();
        if (rank == 0) {
            System.out.println("ok PointToPoint");
        }
        MPI.Finalize();
    }
}
