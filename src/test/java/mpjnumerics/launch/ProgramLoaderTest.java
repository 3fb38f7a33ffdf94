package mpjnumerics.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgramLoaderTest {
    /** Calls System.exit, and holds two-slot constants (long, double) before and after it in the pool. */
    static final class Exits {
        static long big = 1234567890123L;

        static void run(int status) {
            double d = 2.718281828 * big;
            if (d < 0) {
                System.exit(status);
            }
        }
    }

    static final class Stays {
        static int run() {
            return 42;
        }
    }

    static byte[] bytesOf(String resource) throws Exception {
        try (InputStream in = ProgramLoaderTest.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    /** The rewritten class loads (the JVM verifies it) and its exit call names spmd.RankExit. */
    @Test
    void systemExitIsPointedAtTheRankWrapper() throws Exception {
        byte[] original = bytesOf("ProgramLoaderTest$Exits.class");
        byte[] rewritten = ProgramLoader.redirectExit(original);
        String text = new String(rewritten, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(ProgramLoader.EXIT_TARGET));
        assertEquals(original.length + 3 + ProgramLoader.EXIT_TARGET.length() + 3, rewritten.length);
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(Exits.class.getName())) {
                    return defineClass(name, rewritten, 0, rewritten.length);
                }
                return super.loadClass(name, resolve);
            }
        };
        Class<?> c = loader.loadClass(Exits.class.getName());
        Method run = c.getDeclaredMethod("run", int.class);
        run.setAccessible(true);
        run.invoke(null, 3); // the exit branch is not taken; the class verified and ran
        java.lang.reflect.Field big = c.getDeclaredField("big");
        big.setAccessible(true);
        assertEquals(1234567890123L, big.getLong(null));
    }

    @Test
    void aClassWithoutSystemExitIsLeftAsItIs() throws Exception {
        byte[] original = bytesOf("ProgramLoaderTest$Stays.class");
        assertSame(original, ProgramLoader.redirectExit(original));
    }

    @Test
    void aClassOnTheClassPathIsFoundByName() {
        String testClasses = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> e.endsWith("test-classes")).findFirst().orElseThrow();
        assertTrue(ProgramLoader.defines(testClasses, ProgramLoaderTest.class.getName()), testClasses);
        assertFalse(ProgramLoader.defines(testClasses, "Hello"));
        assertFalse(ProgramLoader.defines(null, "Hello"));
    }
}
