package mpjnumerics.report;

import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * Which build of mpj-numerics is running: its version and, from the jar's manifest, when the
 * jar was built. Checkpoints record it, since work units are laid out by the code: every
 * development build is version 0.1.0-SNAPSHOT, and a checkpoint resumed by another build
 * with other block boundaries would add up the wrong blocks.
 */
public final class Build {
    private static final String IDENTITY = identify();

    private Build() {}

    /** "0.1.0 (built 2026-12-06T22:10:00Z)", or "(development build)" outside a jar. */
    public static String identity() {
        return IDENTITY;
    }

    private static String identify() {
        String v = Build.class.getPackage().getImplementationVersion();
        if (v == null) {
            return "(development build)";
        }
        String built = builtAt();
        return built == null ? v : v + " (built " + built + ")";
    }

    private static String builtAt() {
        try (JarFile jar = new JarFile(Path.of(Build.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
            return jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Build-Time");
        } catch (Exception e) { // not in a jar, or unreadable: the version alone
            return null;
        }
    }
}
