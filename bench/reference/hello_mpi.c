/* Reference for Hello, the start-up measurement: C + MPI doing what the Hello job does. Each
 * rank reports rank, host and pid; MPI_Gather brings the lines to rank 0, which prints them in
 * rank order. Nearly all of its wall time is mpirun starting and ending the ranks.
 * Usage: hello_mpi */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINE 256

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size, len;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    char host[MPI_MAX_PROCESSOR_NAME], me[LINE];
    MPI_Get_processor_name(host, &len);
    snprintf(me, LINE, "rank %d of %d on %s, pid %ld", rank, size, host, (long)getpid());
    char *all = rank == 0 ? malloc((size_t)size * LINE) : NULL;
    MPI_Gather(me, LINE, MPI_CHAR, all, LINE, MPI_CHAR, 0, MPI_COMM_WORLD);
    if (rank == 0) {
        for (int r = 0; r < size; r++) printf("  %s\n", all + (size_t)r * LINE);
        free(all);
    }
    MPI_Finalize();
    return 0;
}
