package mpjnumerics.spmd;

/**
 * An inclusive range of longs [first, last]; empty when {@code last < first}. Inclusive ends
 * let a range reach Long.MAX_VALUE, which a half-open [lo, hi) cannot.
 */
public record Range(long first, long last) {
    public static final Range EMPTY = new Range(0, -1);

    public boolean isEmpty() {
        return last < first;
    }

    /** Number of elements; exact as an unsigned value (the full [0, 2^63-1] has 2^63 elements). */
    public long size() {
        return isEmpty() ? 0 : last - first + 1;
    }

    @Override
    public String toString() {
        return isEmpty() ? "[]" : "[" + first + ", " + last + "]";
    }
}
