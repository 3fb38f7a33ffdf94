package mpjnumerics.kernel.primecount;

/** Exact integer roots of non-negative longs: floating-point estimates corrected by integer checks. */
final class IntMath {
    private IntMath() {}

    /** floor(sqrt(n)) for 0 <= n. */
    static long isqrt(long n) {
        long r = (long) Math.sqrt((double) n);
        // A double carries 53 bits, so the estimate may be off by one or two either way near 2^63.
        while (r > 0 && (r > 3037000499L || r * r > n)) {
            r--;
        }
        while (r + 1 <= 3037000499L && (r + 1) * (r + 1) <= n) {
            r++;
        }
        return r;
    }

    /** floor(cbrt(n)) for 0 <= n. */
    static long icbrt(long n) {
        long r = (long) Math.cbrt((double) n);
        while (r > 0 && (r > 2097151L || r * r * r > n)) {
            r--;
        }
        while (r + 1 <= 2097151L && (r + 1) * (r + 1) * (r + 1) <= n) {
            r++;
        }
        return r;
    }
}
