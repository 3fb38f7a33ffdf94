/* Reference for EulerConstant --constant e --method montecarlo: C + MPI, scalar xoshiro256+.
 * The number of uniform draws until their sum exceeds 1 has mean e. Usage: euler_mc_mpi SAMPLES */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t s[4];
static inline double next(void) {
    uint64_t r = s[0] + s[3], t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
    return (r >> 11) * 0x1.0p-53;
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    long long n = argc > 1 ? atoll(argv[1]) : 100000000LL;
    long long lo = n * rank / size, hi = n * (rank + 1) / size;
    uint64_t z = 777 + (uint64_t)rank;
    for (int i = 0; i < 4; i++) {
        uint64_t r = (z += 0x9E3779B97F4A7C15ULL);
        r = (r ^ (r >> 30)) * 0xBF58476D1CE4E5B9ULL;
        r = (r ^ (r >> 27)) * 0x94D049BB133111EBULL;
        s[i] = r ^ (r >> 31);
    }
    long long draws = 0;
    for (long long i = lo; i < hi; i++) {
        double sum = 0;
        do { sum += next(); draws++; } while (sum <= 1.0);
    }
    long long total = 0;
    MPI_Reduce(&draws, &total, 1, MPI_LONG_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
    if (rank == 0) printf("e ~ %.10f\n", (double)total / n);
    MPI_Finalize();
    return 0;
}
