package mpjnumerics.kernel;

/**
 * Whether kernels may use the Vector API: only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launchers add it for the jobs that declare it),
 * and not when the system property mpjnumerics.scalar is set (to compare the two paths).
 * Classes that import the API are loaded only behind this flag.
 */
public final class VectorApi {
    /** The JVM option that makes the API available. */
    public static final String JVM_OPTION = "--add-modules=jdk.incubator.vector";
    public static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    public static final boolean ENABLED = PRESENT && !Boolean.getBoolean("mpjnumerics.scalar");

    private VectorApi() {}
}
