package mpjnumerics.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stops a rank whose launcher is gone, so that a killed mpjrun.sh leaves no rank behind. On
 * niodev and hybdev the job's MPJ home (the folder of -Dmpjnumerics.statusFile, on the shared
 * file system) exists exactly while mpjrun.sh runs the job: mpjrun.sh removes it when it ends,
 * however it ends (a guard process does it when mpjrun.sh itself is killed). Under srun the
 * rank's connection to the rendezvous plays that part ({@link Rendezvous#proxy}).
 */
public final class LauncherWatch {
    private static final long POLL_MILLIS = 1_000;

    private LauncherWatch() {}

    /** Once per rank JVM; does nothing without a status file (a rank started by hand). */
    public static void start() {
        String file = System.getProperty("mpjnumerics.statusFile");
        Path home = file == null ? null : Path.of(file).toAbsolutePath().getParent();
        if (home == null || !Files.isDirectory(home)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                while (Files.isDirectory(home)) {
                    Thread.sleep(POLL_MILLIS);
                }
                Failure.launcherGone();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "launcher-watch");
        t.setDaemon(true);
        t.start();
    }
}
