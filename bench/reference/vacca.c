/* Reference for EulerConstant --constant gamma --method series: Vacca's series in a plain
 * single-threaded C loop. Usage: vacca TERMS */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long long n = argc > 1 ? atoll(argv[1]) : 1000000000LL;
    double sum = 0;
    for (long long k = 2; k <= n + 1; k++) {
        double m = 63 - __builtin_clzll((unsigned long long)k);
        sum += (k & 1) ? -m / (double)k : m / (double)k;
    }
    printf("gamma ~ %.16f\n", sum);
    return 0;
}
