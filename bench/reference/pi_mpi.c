/* Reference for PiMonteCarlo: C + MPI, scalar xoshiro256+ (two draws per point), each
 * rank samples N/p points and MPI_Reduce sums the hits on rank 0. Usage: pi_mpi SAMPLES */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t splitmix(uint64_t *z) {
    uint64_t r = (*z += 0x9E3779B97F4A7C15ULL);
    r = (r ^ (r >> 30)) * 0xBF58476D1CE4E5B9ULL;
    r = (r ^ (r >> 27)) * 0x94D049BB133111EBULL;
    return r ^ (r >> 31);
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    long long n = argc > 1 ? atoll(argv[1]) : 100000000LL;
    long long lo = n * rank / size, hi = n * (rank + 1) / size;
    uint64_t z = 12345 + (uint64_t)rank, s0 = splitmix(&z), s1 = splitmix(&z), s2 = splitmix(&z), s3 = splitmix(&z);
    long long hits = 0;
    for (long long i = lo; i < hi; i++) {
        uint64_t r = s0 + s3, t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45);
        double x = (r >> 11) * 0x1.0p-53;
        r = s0 + s3; t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45);
        double y = (r >> 11) * 0x1.0p-53;
        hits += x * x + y * y < 1.0;
    }
    long long total = 0;
    MPI_Reduce(&hits, &total, 1, MPI_LONG_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
    if (rank == 0) printf("pi ~ %.10f from %lld samples\n", 4.0 * total / n, n);
    MPI_Finalize();
    return 0;
}
