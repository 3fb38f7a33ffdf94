package mpjnumerics.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files this JVM is writing (an output under its temporary name): deleted on
 * every exit the process lives through, the normal one, a signal's (through a shutdown hook)
 * and a failure's halt (which skips shutdown hooks, so it calls {@link #deleteAll} itself).
 */
public final class TempFiles {
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private TempFiles() {}

    public static void register(Path file) {
        if (!hooked) {
            synchronized (TempFiles.class) {
                if (!hooked) {
                    Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "temp-files"));
                    hooked = true;
                }
            }
        }
        OPEN.add(file);
    }

    /** The file was renamed into place (or deleted): nothing to clean up. */
    public static void release(Path file) {
        OPEN.remove(file);
    }

    public static void deleteAll() {
        for (Path p : OPEN) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException | RuntimeException e) {
                // best effort on the way out
            }
            OPEN.remove(p);
        }
    }
}
