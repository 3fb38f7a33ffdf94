/* Reference for PiMonteCarlo: C + MPI with 8 xoshiro256+ streams held in one 512-bit vector
 * (GCC vector extensions, built -O3 -march=native: AVX-512 where the CPU has it). Each
 * iteration steps all 8 lanes twice (x, then y), converts (r >> 11) * 2^-53 to double and
 * counts x*x + y*y < 1 in lane-wise counters. Each rank samples N/p points (whole groups of
 * 8, the last few scalar) and MPI_Reduce sums the hits on rank 0. Usage: pi_avx512_mpi SAMPLES */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef uint64_t u8v __attribute__((vector_size(64)));
typedef int64_t i8v __attribute__((vector_size(64)));
typedef double d8v __attribute__((vector_size(64)));

static uint64_t splitmix(uint64_t *z) {
    uint64_t r = (*z += 0x9E3779B97F4A7C15ULL);
    r = (r ^ (r >> 30)) * 0xBF58476D1CE4E5B9ULL;
    r = (r ^ (r >> 27)) * 0x94D049BB133111EBULL;
    return r ^ (r >> 31);
}

#define STEP(r) do { \
        r = s0 + s3; u8v t = s1 << 17; \
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 45) | (s3 >> 19); \
    } while (0)

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    long long n = argc > 1 ? atoll(argv[1]) : 100000000LL;
    long long lo = n * rank / size, hi = n * (rank + 1) / size;
    uint64_t z = 12345 + 1000003ULL * (uint64_t)rank;
    u8v s0, s1, s2, s3;
    for (int l = 0; l < 8; l++) {
        s0[l] = splitmix(&z); s1[l] = splitmix(&z); s2[l] = splitmix(&z); s3[l] = splitmix(&z);
    }
    const d8v scale = {0x1.0p-53, 0x1.0p-53, 0x1.0p-53, 0x1.0p-53, 0x1.0p-53, 0x1.0p-53, 0x1.0p-53, 0x1.0p-53};
    const d8v one = {1, 1, 1, 1, 1, 1, 1, 1};
    i8v acc = {0};
    long long groups = (hi - lo) / 8;
    for (long long i = 0; i < groups; i++) {
        u8v rx, ry;
        STEP(rx);
        STEP(ry);
        d8v x = __builtin_convertvector(rx >> 11, d8v) * scale;
        d8v y = __builtin_convertvector(ry >> 11, d8v) * scale;
        acc -= (i8v)(x * x + y * y < one); /* true lanes are -1 */
    }
    long long hits = 0;
    for (int l = 0; l < 8; l++) hits += acc[l];
    for (long long i = lo + groups * 8; i < hi; i++) { /* the last (hi - lo) mod 8 points */
        u8v rx, ry;
        STEP(rx);
        STEP(ry);
        double x = (rx[0] >> 11) * 0x1.0p-53, y = (ry[0] >> 11) * 0x1.0p-53;
        hits += x * x + y * y < 1.0;
    }
    long long total = 0;
    MPI_Reduce(&hits, &total, 1, MPI_LONG_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
    if (rank == 0) printf("pi ~ %.10f from %lld samples\n", 4.0 * total / n, n);
    MPI_Finalize();
    return 0;
}
