package mpjnumerics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalWriterTest {
    @Test
    void linesMatchLongToStringAtEveryDigitCount() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 9L, 10L, 11L, 99L, 100L, 101L, Long.MAX_VALUE));
        long p = 1;
        for (int k = 1; k <= 18; k++) {
            p *= 10;
            values.add(p - 1);
            values.add(p);
            values.add(p + 1);
        }
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            values.add(r.nextLong(Long.MAX_VALUE) >>> r.nextInt(63));
        }
        DecimalWriter w = new DecimalWriter(64);
        for (long v : values) {
            w.line(v);
            assertEquals(Long.toString(v) + "\n", new String(w.buffer(), 0, w.length(), StandardCharsets.US_ASCII));
            assertEquals(Long.toString(v).length(), DecimalWriter.digits(v), "digits of " + v);
            w.clear();
        }
    }

    @Test
    void tuplesAsPrimesievePrintsThemAndTheirLengths() {
        DecimalWriter w = new DecimalWriter(1 << 12);
        StringBuilder expected = new StringBuilder();
        long[] firsts = {3, 5, 9, 97, 99_999_989, 9_223_372_036_854_775_783L - 16, Long.MAX_VALUE - 16};
        int[][] patterns = {{0, 2}, {0, 2, 6}, {0, 4, 6, 10, 12, 16}};
        int bytes = 0;
        for (long p : firsts) {
            for (int[] o : patterns) {
                assertTrue(w.hasRoomForTuple());
                w.tuple(p, o);
                StringBuilder line = new StringBuilder("(");
                for (int i = 0; i < o.length; i++) {
                    line.append(i == 0 ? "" : ", ").append(p + o[i]);
                }
                line.append(")\n");
                expected.append(line);
                assertEquals(line.length(), DecimalWriter.tupleBytes(p, o), line.toString());
                bytes += line.length();
            }
        }
        assertEquals(expected.toString(), new String(w.buffer(), 0, w.length(), StandardCharsets.US_ASCII));
        assertEquals(bytes, w.length());
    }

    @Test
    void fillsUntilNoRoomForAnotherLong() {
        DecimalWriter w = new DecimalWriter(100);
        StringBuilder expected = new StringBuilder();
        while (w.hasRoom()) {
            w.line(Long.MAX_VALUE);
            expected.append(Long.MAX_VALUE).append('\n');
        }
        assertTrue(w.length() <= 100);
        assertEquals(expected.toString(), new String(w.buffer(), 0, w.length(), StandardCharsets.US_ASCII));
    }

    /** Runs of near numbers (added to the last one's digits), across every power of ten. */
    @Test
    void runsOfNearNumbersAcrossPowersOfTen() {
        SplittableRandom r = new SplittableRandom(12);
        DecimalWriter w = new DecimalWriter(1 << 16);
        StringBuilder expected = new StringBuilder();
        long p = 1;
        for (int k = 0; k <= 18; k++) {
            long v = Math.max(0, p - 3000);
            for (int i = 0; i < 400 && v >= 0; i++) {
                w.line(v);
                expected.append(v).append('\n');
                v += i % 50 == 49 ? -r.nextInt(20) : r.nextInt(i % 7 == 0 ? 2000 : 40); // now and then back, or far
            }
            assertEquals(expected.toString(), new String(w.buffer(), 0, w.length(), StandardCharsets.US_ASCII), "near 10^" + k);
            w.clear();
            expected.setLength(0);
            p *= 10;
        }
        long top = Long.MAX_VALUE - 5000;
        for (long v = top; v > 0 && v <= Long.MAX_VALUE - 3; v += 1 + r.nextInt(3)) {
            w.line(v);
            expected.append(v).append('\n');
            if (!w.hasRoom()) {
                break;
            }
        }
        assertEquals(expected.toString(), new String(w.buffer(), 0, w.length(), StandardCharsets.US_ASCII), "below 2^63");
    }
}
