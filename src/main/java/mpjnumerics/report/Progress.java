package mpjnumerics.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on stderr for long runs: silent for the first two seconds, then updated
 * at most twice a second. Only rank 0 shows it (its share stands in for the whole job), and
 * only when someone watches: -Dmpjnumerics.progress=on or off (mpjrun.sh sets it from whether
 * stderr is a terminal), else whether the JVM has a console.
 */
public final class Progress {
    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long PERIOD_NANOS = 500_000_000L;

    private final String label;
    private final boolean enabled;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long total = 1;
    private long lastShown;
    private boolean shown;

    public Progress(String label, boolean enabled, PrintStream out) {
        this.label = label;
        this.enabled = enabled;
        this.out = out;
    }

    public static boolean wanted(boolean root) {
        String p = System.getProperty("mpjnumerics.progress", "auto");
        return root && (p.equals("on") || (p.equals("auto") && System.console() != null));
    }

    /** The amount of work this rank will report through {@link #update}. */
    public void total(long units) {
        this.total = Math.max(1, units);
    }

    public void update(long done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < QUIET_NANOS || now - lastShown < PERIOD_NANOS) {
            return;
        }
        lastShown = now;
        shown = true;
        double f = Math.min(1.0, (double) done / total);
        double elapsed = (now - start) / 1e9;
        String eta = f > 0 ? String.format(Locale.ROOT, ", about %.0f s left", elapsed * (1 - f) / f) : "";
        out.printf(Locale.ROOT, "\r%s: %5.1f%% after %.0f s%s   ", label, 100 * f, elapsed, eta);
        out.flush();
    }

    public void done() {
        if (shown) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
