package mpjnumerics.kernel;

/** Public door to the package-private test oracle. */
public final class EulerKernelsTestBridge {
    private EulerKernelsTestBridge() {}

    public static String spigotE(int digits) {
        return EulerKernelsTest.spigotE(digits);
    }
}
