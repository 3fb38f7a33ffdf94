package mpjnumerics.launch;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

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

    /** The MPJ Express version the home's conf/mpjexpress.conf states, as MPJ's starter reads it. */
    static Optional<String> version(Path home) {
        Properties conf = new Properties();
        try (var in = Files.newInputStream(home.resolve("conf").resolve("mpjexpress.conf"))) {
            conf.load(in);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(conf.getProperty("mpjexpress.version")).map(String::strip);
    }

    /**
     * A jar of the home's lib/. log4j goes by two names: log4j-1.2.jar (Debian's MPJ, whose
     * manifests name it so, and the home make assembles) and log4j-1.2.11.jar (MPJ Express's own
     * release); either serves.
     */
    static Path jar(Path home, String name) {
        Path lib = home.resolve("lib");
        Path p = lib.resolve(name);
        if (name.equals(LOG4J) && !Files.isRegularFile(p)) {
            return lib.resolve("log4j-1.2.11.jar");
        }
        return p;
    }

    private static final String LOG4J = "log4j-1.2.jar";

    private static Path check(Path home, String from) throws LaunchException {
        for (String jar : REQUIRED) {
            if (!Files.isRegularFile(jar(home, jar))) {
                throw new LaunchException(from + "=" + home + " is not a usable MPJ Express home (no lib/" + jar
                        + "): point it at an MPJ Express 0.44 installation, or unset it to use the bundled one");
            }
        }
        return home.toAbsolutePath().normalize();
    }

    private static Optional<Path> nearCode() {
        try {
            Path p = Path.of(MpjHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = p.getParent(); dir != null; dir = dir.getParent()) {
                // A release keeps the jar in the home's own lib/; a source tree, in target/ beside mpj/.
                if (Files.isRegularFile(dir.resolve("lib").resolve("smpdev.jar"))) {
                    return Optional.of(check(dir, "mpj home"));
                }
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
