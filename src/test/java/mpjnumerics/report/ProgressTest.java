package mpjnumerics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void plainLinesWaitTheirPeriodAndSayPercentRateAndTimeLeft() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress p = new Progress("Job", Progress.Mode.LINES, 1, out);
        p.total(100);
        p.update(10);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing before the first period");
        Thread.sleep(1100);
        p.update(25);
        p.update(26); // within the period: no second line
        p.done();
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, s.lines().count(), s);
        assertTrue(s.matches("Job: 25\\.0% done after [0-9]+ s, [0-9.]+% a second, about [0-9]+ s left\n"), s);
        assertTrue(!s.contains("\r") && !s.contains("\033"), "no terminal control in a plain line");
    }

    @Test
    void offPrintsNothing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress("Job", Progress.Mode.OFF, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        p.total(10);
        Thread.sleep(1100);
        p.update(5);
        p.done();
        assertEquals(0, bytes.size());
    }

    @Test
    void durations() {
        assertEquals("59 s", Progress.duration(59.2));
        assertEquals("2 min 05 s", Progress.duration(125));
        assertEquals("3 h 20 min", Progress.duration(12_000));
    }
}
