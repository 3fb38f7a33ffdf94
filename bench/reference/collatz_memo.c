/* Reference for CollatzSteps: memoised C with OpenMP. A uint16 step table for every value
 * below n; each k steps until its value drops below k, then adds the table entry.
 * Usage: collatz_memo N (threads from OMP_NUM_THREADS). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long long n = argc > 1 ? atoll(argv[1]) : 100000000LL;
    uint16_t *steps = calloc((size_t)n + 1, sizeof *steps);
    long long total = 0, argmax = 1;
    int best = 0;
#pragma omp parallel for schedule(dynamic, 65536) reduction(+ : total)
    for (long long k = 2; k <= n; k++) {
        uint64_t v = (uint64_t)k;
        int s = 0;
        while (v >= (uint64_t)k) {
            v = (v & 1) ? 3 * v + 1 : v >> 1;
            s++;
        }
        /* Values below k were done by this or an earlier chunk; a rare late one is redone. */
        int rest = steps[v];
        if (v > 1 && rest == 0) {
            uint64_t w = v;
            while (w != 1) { w = (w & 1) ? 3 * w + 1 : w >> 1; rest++; }
        }
        s += rest;
        steps[k] = (uint16_t)s;
        total += s;
        if (s > best) {
#pragma omp critical
            if (s > best || (s == best && k < argmax)) { best = s; argmax = k; }
        }
    }
    printf("total %lld max %d at %lld\n", total, best, argmax);
    free(steps);
    return 0;
}
