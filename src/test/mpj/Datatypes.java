import mpi.Datatype;
import mpi.MPI;

/** Contiguous, vector and indexed derived datatypes from rank 0 to every other rank, checked. */
public class Datatypes {
    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int n = MPI.COMM_WORLD.Size();
        // A 4x4 matrix, row-major: a[i][j] = 10 i + j.
        int[] a = new int[16];
        for (int i = 0; i < 16; i++) {
            a[i] = rank == 0 ? 10 * (i / 4) + i % 4 : -1;
        }
        Datatype row = Datatype.Contiguous(4, MPI.INT);
        row.Commit();
        Datatype column = Datatype.Vector(4, 1, 4, MPI.INT);
        column.Commit();
        Datatype diagonal = Datatype.Indexed(new int[] {1, 1, 1, 1}, new int[] {0, 5, 10, 15}, MPI.INT);
        diagonal.Commit();
        if (rank == 0) {
            for (int r = 1; r < n; r++) {
                MPI.COMM_WORLD.Send(a, 8, 1, row, r, 1); // row 2
                MPI.COMM_WORLD.Send(a, 1, 1, column, r, 2); // column 1
                MPI.COMM_WORLD.Send(a, 0, 1, diagonal, r, 3);
            }
        } else {
            int[] got = new int[4];
            MPI.COMM_WORLD.Recv(got, 0, 4, MPI.INT, 0, 1);
            for (int j = 0; j < 4; j++) {
                Check.that(got[j] == 20 + j, "row");
            }
            MPI.COMM_WORLD.Recv(got, 0, 4, MPI.INT, 0, 2);
            for (int i = 0; i < 4; i++) {
                Check.that(got[i] == 10 * i + 1, "column");
            }
            MPI.COMM_WORLD.Recv(got, 0, 4, MPI.INT, 0, 3);
            for (int i = 0; i < 4; i++) {
                Check.that(got[i] == 11 * i, "diagonal");
            }
        }
        MPI.COMM_WORLD.Barrier();
        if (rank == 0) {
            System.out.println("ok Datatypes");
        }
        MPI.Finalize();
    }
}
