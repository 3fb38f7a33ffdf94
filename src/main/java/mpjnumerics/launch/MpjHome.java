package mpjnumerics.launch;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the MPJ Express home: -Dmpj.home, else $MPJ_HOME, else the project's own mpj/ found by
 * walking up from this jar (target/mpj-numerics.jar lives beside mpj/).
 */
final class MpjHome {
    static final String[] REQUIRED = {"mpi.jar", "mpjdev.jar", "smpdev.jar", "xdev.jar", "mpjbuf.jar",
        "mpiExp.jar", "log4j-1.2.jar"};

    private MpjHome() {}

    static Path locate() throws LaunchException {
        String prop = System.getProperty("mpj.home");
        if (prop != null && !prop.isBlank()) {
            return check(Path.of(prop), "-Dmpj.home");
        }
        String env = System.getenv("MPJ_HOME");
        if (env != null && !env.isBlank()) {
            return check(Path.of(env), "MPJ_HOME");
        }
        Optional<Path> near = nearCode();
        if (near.isPresent()) {
            return near.get();
        }
        throw new LaunchException("cannot find the MPJ Express home: set MPJ_HOME, or run 'make build' "
                + "in the project to assemble mpj/");
    }

    private static Path check(Path home, String from) throws LaunchException {
        for (String jar : REQUIRED) {
            if (!Files.isRegularFile(home.resolve("lib").resolve(jar))) {
                throw new LaunchException(from + "=" + home + " is not a usable MPJ Express home (no lib/" + jar
                        + "); run 'make build' to assemble mpj/");
            }
        }
        return home.toAbsolutePath().normalize();
    }

    private static Optional<Path> nearCode() {
        try {
            Path p = Path.of(MpjHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = p.getParent(); dir != null; dir = dir.getParent()) {
                Path home = dir.resolve("mpj");
                if (Files.isRegularFile(home.resolve("lib").resolve("smpdev.jar"))) {
                    return Optional.of(check(home, "mpj home"));
                }
            }
        } catch (URISyntaxException | LaunchException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
