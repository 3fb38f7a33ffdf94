package mpjnumerics.report;

/**
 * Which build of mpj-numerics is running: the jar's Implementation-Version, its version and
 * when it was built. Checkpoints record it, since work units are laid out by the code: every
 * development build is version 0.1.0-SNAPSHOT, and a checkpoint resumed by another build
 * with other block boundaries would add up the wrong blocks.
 */
public final class Build {
    private Build() {}

    /** "0.1.0 (built 2026-12-06T22:10:00Z)", or "(development build)" outside a jar. */
    public static String identity() {
        String v = Build.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
