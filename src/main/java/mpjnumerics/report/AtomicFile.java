package mpjnumerics.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a whole file under a temporary name beside it, then renames it into place: a file
 * under its own name is always complete. Created like any file a command writes (the umask
 * decides its mode), and removed on any exit before the rename ({@link TempFiles}).
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** A new, empty temporary file beside {@code target}, registered for clean-up. */
    public static Path createTemp(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        while (true) {
            Path tmp = abs.resolveSibling("." + abs.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".partial");
            try {
                TempFiles.register(tmp);
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                TempFiles.release(tmp); // someone else's: try another name
            }
        }
    }

    /** Renames a finished temporary file to {@code target}, replacing what was there. */
    public static void commit(Path tmp, Path target) throws IOException {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        TempFiles.release(tmp);
    }

    public static void write(Path file, CharSequence text) {
        try {
            Path tmp = createTemp(file);
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                commit(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
                TempFiles.release(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
