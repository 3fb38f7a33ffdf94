package mpjnumerics.launch;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;

/**
 * MPI.Init reads $MPJ_HOME/conf from the environment, never from a system property, and
 * prints a stack trace when it is missing. A JVM started without MPJ_HOME (java -jar) puts it
 * into its own copy of the environment, which the jar's manifest opens for this
 * (Add-Opens: java.base/java.util), instead of starting a second JVM just to have it set.
 */
final class MpjHomeEnvironment {
    private MpjHomeEnvironment() {}

    /** True when MPJ_HOME is set in this JVM's environment, now or already. */
    @SuppressWarnings("unchecked")
    static boolean set(Path home) {
        if (System.getenv("MPJ_HOME") != null) {
            return true;
        }
        try {
            Map<String, String> env = System.getenv();
            Field backing = env.getClass().getDeclaredField("m"); // Collections.UnmodifiableMap's map
            backing.setAccessible(true);
            ((Map<String, String>) backing.get(env)).put("MPJ_HOME", home.toString());
            return home.toString().equals(System.getenv("MPJ_HOME"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // not opened (java -cp), or another JDK's layout: start a JVM with it set
        }
    }
}
