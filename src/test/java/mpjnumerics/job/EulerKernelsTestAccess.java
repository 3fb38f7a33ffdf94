package mpjnumerics.job;

/** Lets job tests use the kernel tests' independent spigot oracle. */
final class EulerKernelsTestAccess {
    private EulerKernelsTestAccess() {}

    static String spigot(int digits) {
        return mpjnumerics.kernel.EulerKernelsTestBridge.spigotE(digits);
    }
}
