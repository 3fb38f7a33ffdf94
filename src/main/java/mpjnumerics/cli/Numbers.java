package mpjnumerics.cli;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Parses integer arguments the way people write them: {@code 1000000}, {@code 1_000_000},
 * {@code 1e6}, {@code 10^6}, {@code 2.5e9}, and sums or products of those such as
 * {@code 1e18+1e9} or {@code 2^63-1}. Arithmetic is exact (BigInteger); a value that does not
 * fit a signed 64-bit integer is an error, never wrapped.
 */
public final class Numbers {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** Exponents beyond this cannot give a 64-bit value and would only burn memory. */
    private static final int MAX_EXPONENT = 1000;
    /**
     * Longer text is no number anyone means, and bounds the parser's recursion and work: every
     * argument is evaluated in microseconds or refused.
     */
    static final int MAX_LENGTH = 100;
    /** Intermediate values beyond this many bits cannot come back to 64 bits in MAX_LENGTH characters of sums. */
    private static final int MAX_BITS = 8192;

    private final String text;
    private int pos;

    private Numbers(String text) {
        this.text = text;
    }

    /** The value of {@code text} as a long, or a UsageException naming {@code what}. */
    public static long parseLong(String what, String text) throws UsageException {
        BigInteger v;
        try {
            v = parseExact(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(what + ": '" + text + "' is not an integer (" + e.getMessage() + ")");
        }
        if (v.compareTo(LONG_MIN) < 0 || v.compareTo(LONG_MAX) > 0) {
            throw new UsageException(what + ": " + text + " does not fit a signed 64-bit integer (max 2^63-1 = "
                    + Long.MAX_VALUE + ")");
        }
        return v.longValueExact();
    }

    /** The exact integer value of an expression; NumberFormatException when it is not one. */
    static BigInteger parseExact(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new NumberFormatException("longer than " + MAX_LENGTH + " characters");
        }
        String t = text.replace("_", "").replace(" ", "");
        if (t.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        Numbers p = new Numbers(t);
        BigInteger v = p.sum();
        if (p.pos != t.length()) {
            throw new NumberFormatException("unexpected '" + t.charAt(p.pos) + "'");
        }
        return v;
    }

    private BigInteger sum() {
        BigInteger v = product();
        while (pos < text.length() && (peek() == '+' || peek() == '-')) {
            char op = text.charAt(pos++);
            BigInteger w = product();
            v = bounded(op == '+' ? v.add(w) : v.subtract(w));
        }
        return v;
    }

    private BigInteger product() {
        BigInteger v = signed();
        while (pos < text.length() && peek() == '*') {
            pos++;
            v = bounded(v.multiply(signed()));
        }
        return v;
    }

    private BigInteger signed() {
        if (pos < text.length() && peek() == '-') {
            pos++;
            return signed().negate();
        }
        if (pos < text.length() && peek() == '+') {
            pos++;
        }
        return power();
    }

    private BigInteger power() {
        BigDecimal mantissa = decimal();
        if (pos < text.length() && (peek() == 'e' || peek() == 'E')) {
            pos++;
            int exp = exponent();
            mantissa = mantissa.scaleByPowerOfTen(exp);
        } else if (pos < text.length() && peek() == '^') {
            pos++;
            int exp = exponent();
            if (exp < 0) {
                throw new NumberFormatException("negative power");
            }
            BigInteger base = integral(mantissa);
            if (base.bitLength() > 1 && (long) (base.bitLength() - 1) * exp > MAX_BITS) {
                throw new NumberFormatException("too large");
            }
            return bounded(base.pow(exp));
        }
        return integral(mantissa);
    }

    private int exponent() {
        boolean neg = false;
        if (pos < text.length() && (peek() == '+' || peek() == '-')) {
            neg = text.charAt(pos++) == '-';
        }
        BigInteger e = integral(decimal());
        if (e.bitLength() > 31 || e.intValue() > MAX_EXPONENT) {
            throw new NumberFormatException("exponent too large");
        }
        return neg ? -e.intValue() : e.intValue();
    }

    private BigDecimal decimal() {
        int start = pos;
        while (pos < text.length() && ((peek() >= '0' && peek() <= '9') || peek() == '.')) {
            pos++;
        }
        if (start == pos) {
            throw new NumberFormatException(pos < text.length() ? "unexpected '" + peek() + "'" : "number expected");
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private static BigInteger bounded(BigInteger v) {
        if (v.bitLength() > MAX_BITS) {
            throw new NumberFormatException("too large");
        }
        return v;
    }

    private static BigInteger integral(BigDecimal d) {
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new NumberFormatException("not a whole number");
        }
    }

    private char peek() {
        return text.charAt(pos);
    }
}
