package mpjnumerics.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr for long runs, shown by rank 0 only (its view stands in for the whole
 * job). On a terminal: one line, redrawn at most twice a second after the first two seconds.
 * Elsewhere (a batch log, a pipe): a plain line every N seconds (--progress-every), so that
 * a log shows how far a job got. -Dmpjnumerics.progress=on (terminal), lines or off
 * (mpjrun.sh sets it from whether stderr is a terminal) overrides the JVM's own guess.
 */
public final class Progress {
    public enum Mode { TERMINAL, LINES, OFF }

    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long PERIOD_NANOS = 500_000_000L;

    private final String label;
    private final Mode mode;
    private final long lineNanos;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long total = 1;
    /** Units already done when this run began (a resumed run), left out of the rate. */
    private long base;
    private long lastShown;
    private boolean shown;

    public Progress(String label, Mode mode, long lineSeconds, PrintStream out) {
        this.label = label;
        this.mode = mode;
        this.lineNanos = lineSeconds * 1_000_000_000L;
        this.out = out;
        this.lastShown = start;
    }

    /** The mode for this rank: off except on rank 0, then as the property or the console says. */
    public static Mode wanted(boolean root) {
        String p = System.getProperty("mpjnumerics.progress", "auto");
        if (!root || p.equals("off")) {
            return Mode.OFF;
        }
        if (p.equals("on")) {
            return Mode.TERMINAL;
        }
        return p.equals("lines") || System.console() == null ? Mode.LINES : Mode.TERMINAL;
    }

    /** The amount of work this rank will report through {@link #update}. */
    public void total(long units) {
        this.total = Math.max(1, units);
    }

    /** Units done before this run began: they count in the percentage, not in the rate. */
    public void resumedAt(long done) {
        this.base = done;
    }

    public void update(long done) {
        if (mode == Mode.OFF) {
            return;
        }
        long now = System.nanoTime();
        if (mode == Mode.TERMINAL ? now - start < QUIET_NANOS || now - lastShown < PERIOD_NANOS
                : now - lastShown < lineNanos) {
            return;
        }
        lastShown = now;
        double f = Math.min(1.0, (double) done / total);
        double elapsed = (now - start) / 1e9;
        double rate = (done - base) / (double) total / elapsed; // fraction of the whole per second
        String eta = rate > 0 ? String.format(Locale.ROOT, ", about %s left", duration((1 - f) / rate)) : "";
        if (mode == Mode.TERMINAL) {
            shown = true;
            out.printf(Locale.ROOT, "\r%s: %5.1f%% after %.0f s%s   ", label, 100 * f, elapsed, eta);
        } else {
            // the rate per minute, or per second where a minute would pass 100%
            boolean perSecond = 6000 * rate > 100;
            double pct = perSecond ? 100 * rate : 6000 * rate;
            out.printf(Locale.ROOT, "%s: %.1f%% done after %s, %s%% a %s%s%n", label, 100 * f, duration(elapsed),
                    String.format(Locale.ROOT, pct < 10 ? "%.2f" : pct < 100 ? "%.1f" : "%.0f", pct),
                    perSecond ? "second" : "minute", eta);
        }
        out.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    public void done() {
        if (shown) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
