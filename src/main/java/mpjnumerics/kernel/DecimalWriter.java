package mpjnumerics.kernel;

/** Appends non-negative longs in decimal, one per line, to a byte buffer; no allocation per number. */
public final class DecimalWriter {
    private final byte[] buf;
    private int len;
    private final byte[] digits = new byte[20];

    public DecimalWriter(int capacity) {
        buf = new byte[capacity];
    }

    /** Room for one more line of any long. */
    public boolean hasRoom() {
        return len + 21 <= buf.length;
    }

    public void line(long n) {
        int d = 0;
        do {
            digits[d++] = (byte) ('0' + n % 10);
            n /= 10;
        } while (n != 0);
        while (d > 0) {
            buf[len++] = digits[--d];
        }
        buf[len++] = '\n';
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
