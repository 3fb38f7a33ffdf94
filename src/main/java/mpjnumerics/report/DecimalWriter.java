package mpjnumerics.report;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Appends non-negative longs in decimal, one per line, to a byte buffer; no allocation per
 * number. When primes are listed, a plain conversion would cost more than the sieve, so: a
 * number that differs from the last one only in its last 4 digits (consecutive primes nearly
 * always do) is the last one's line with those 4 digits rewritten; any other is converted two
 * digits at a time from a table of the 100 pairs, in int arithmetic below 10^8.
 */
public final class DecimalWriter {
    /** Bytes copied per line: three longs, enough for 19 digits and the newline. */
    private static final int LINE_COPY = 24;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] PAIRS = new byte[200];
    /** 10^k for k = 0..18. */
    private static final long[] POW10 = new long[19];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        long p = 1;
        for (int k = 0; k < POW10.length; k++) {
            POW10[k] = p;
            p *= 10;
        }
    }

    private final byte[] buf;
    private int len;
    /** The last number, its last 4 digits, and its line (digits and newline) at the start of last. */
    private long lastValue = -1;
    private int lastLow;
    private final byte[] last = new byte[LINE_COPY];
    private int lastDigits;

    public DecimalWriter(int capacity) {
        buf = new byte[capacity];
    }

    /** Room for one more line of any long. */
    public boolean hasRoom() {
        return len + LINE_COPY <= buf.length;
    }

    /** Appends n (>= 0) and a newline. */
    public void line(long n) {
        long gap = n - lastValue;
        if (lastValue >= 1000 && gap >= 0 && gap < 10_000 - lastLow) {
            // Same digits above the last 4: rewrite those (no branch on how far a carry runs).
            int low = lastLow + (int) gap;
            int hi = low / 100;
            int lo = low - 100 * hi;
            int at = lastDigits - 4;
            last[at] = PAIRS[2 * hi];
            last[at + 1] = PAIRS[2 * hi + 1];
            last[at + 2] = PAIRS[2 * lo];
            last[at + 3] = PAIRS[2 * lo + 1];
            lastLow = low;
        } else {
            lastDigits = convert(n);
            System.arraycopy(buf, len, last, 0, lastDigits);
            last[lastDigits] = '\n';
            lastLow = (int) (n % 10_000);
        }
        lastValue = n;
        // The whole line in three 8-byte moves; what lies past its end is overwritten later.
        LONGS.set(buf, len, (long) LONGS.get(last, 0));
        LONGS.set(buf, len + 8, (long) LONGS.get(last, 8));
        LONGS.set(buf, len + 16, (long) LONGS.get(last, 16));
        len += lastDigits + 1;
    }

    /** Room for one more tuple line of up to six longs. */
    public boolean hasRoomForTuple() {
        return len + TUPLE_MAX <= buf.length;
    }

    /** Longest tuple line: six 19-digit members, five ", ", the parentheses and the newline. */
    private static final int TUPLE_MAX = 6 * 19 + 5 * 2 + 3;

    /** Appends a prime tuplet as primesieve prints it, "(p, p + o1, ...)" and a newline. */
    public void tuple(long first, int[] offsets) {
        buf[len++] = '(';
        for (int i = 0; i < offsets.length; i++) {
            if (i > 0) {
                buf[len++] = ',';
                buf[len++] = ' ';
            }
            len += convert(first + offsets[i]);
        }
        buf[len++] = ')';
        buf[len++] = '\n';
    }

    /** Bytes {@link #tuple} writes for that tuple. */
    public static int tupleBytes(long first, int[] offsets) {
        int n = 2 * offsets.length + 1; // "(", ", " between members, ")", newline
        for (int o : offsets) {
            n += digits(first + o);
        }
        return n;
    }

    /** Writes the digits of n at buf[len...] (no newline; len unchanged); returns how many. */
    private int convert(long n) {
        int d = digits(n);
        int end = len + d;
        int at = end;
        while (n >= 100_000_000) {
            long q = n / 100_000_000;
            int r = (int) (n - q * 100_000_000);
            n = q;
            for (int k = 0; k < 4; k++) {
                int pair = r % 100;
                r /= 100;
                at -= 2;
                buf[at] = PAIRS[2 * pair];
                buf[at + 1] = PAIRS[2 * pair + 1];
            }
        }
        int v = (int) n;
        while (v >= 100) {
            int pair = v % 100;
            v /= 100;
            at -= 2;
            buf[at] = PAIRS[2 * pair];
            buf[at + 1] = PAIRS[2 * pair + 1];
        }
        if (v >= 10) {
            buf[at - 2] = PAIRS[2 * v];
            buf[at - 1] = PAIRS[2 * v + 1];
        } else {
            buf[at - 1] = (byte) ('0' + v);
        }
        return d;
    }

    /** Decimal digits of n >= 0: from its bit length (log10 2 ~ 1233 / 4096), then one comparison. */
    static int digits(long n) {
        int t = (64 - Long.numberOfLeadingZeros(n | 1)) * 1233 >>> 12;
        return t < POW10.length && n >= POW10[t] ? t + 1 : Math.max(t, 1);
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return len;
    }

    public void clear() {
        len = 0;
    }
}
