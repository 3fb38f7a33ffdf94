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

    /** Calls MPJ's Abort, between switches of both kinds (instructions padded to 4 bytes). */
    static final class Aborts {
        static int run(mpi.Comm comm, int code) throws Exception {
            int r = switch (code) {
                case 1 -> 10;
                case 2 -> 20;
                case 3 -> 30;
                default -> 0;
            };
            if (code < 0) {
                comm.Abort(code);
            }
            return r + switch (code * 1000) {
                case 1000 -> 1;
                case 5_000_000 -> 2;
                default -> 3;
            };
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

    /** {@code c} defined anew from {@code classFile} (the JVM verifies it), in a loader of its own. */
    Class<?> defined(Class<?> c, byte[] classFile) throws ClassNotFoundException {
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(c.getName())) {
                    return defineClass(name, classFile, 0, classFile.length);
                }
                return super.loadClass(name, resolve);
            }
        };
        return loader.loadClass(c.getName());
    }

    /** The rewritten class loads (the JVM verifies it) and its exit call names spmd.RankExit. */
    @Test
    void systemExitIsPointedAtTheRankWrapper() throws Exception {
        byte[] original = bytesOf("ProgramLoaderTest$Exits.class");
        byte[] rewritten = ProgramLoader.rewrite(original);
        String text = new String(rewritten, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(ProgramLoader.EXIT_TARGET));
        assertEquals(original.length + 3 + ProgramLoader.EXIT_TARGET.length() + 3, rewritten.length);
        Class<?> c = defined(Exits.class, rewritten);
        Method run = c.getDeclaredMethod("run", int.class);
        run.setAccessible(true);
        run.invoke(null, 3); // the exit branch is not taken; the class verified and ran
        java.lang.reflect.Field big = c.getDeclaredField("big");
        big.setAccessible(true);
        assertEquals(1234567890123L, big.getLong(null));
    }

    /** The call of Comm.Abort becomes one of RankExit.abort, and the class still verifies and runs. */
    @Test
    void mpjAbortIsPointedAtTheRankWrapper() throws Exception {
        byte[] original = bytesOf("ProgramLoaderTest$Aborts.class");
        byte[] rewritten = ProgramLoader.rewrite(original);
        String text = new String(rewritten, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(ProgramLoader.EXIT_TARGET) && text.contains("(Lmpi/Comm;I)V"));
        assertTrue(javap(original).contains("invokevirtual") && javap(original).contains("mpi/Comm.Abort:(I)V"));
        String after = javap(rewritten);
        assertTrue(after.contains("invokestatic") && after.contains("mpjnumerics/spmd/RankExit.abort:(Lmpi/Comm;I)V"), after);
        assertFalse(after.contains("Comm.Abort"), after);
        Method run = defined(Aborts.class, rewritten).getDeclaredMethod("run", mpi.Comm.class, int.class);
        run.setAccessible(true);
        assertEquals(11, run.invoke(null, null, 1));
        assertEquals(3, run.invoke(null, null, 7));
    }

    /** The JDK's disassembly of a class file's code. */
    static String javap(byte[] classFile) throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("rewritten", ".class");
        try {
            java.nio.file.Files.write(f, classFile);
            java.io.StringWriter out = new java.io.StringWriter();
            int rc = java.util.spi.ToolProvider.findFirst("javap").orElseThrow()
                    .run(new java.io.PrintWriter(out), new java.io.PrintWriter(out), "-c", "-p", f.toString());
            assertEquals(0, rc, out.toString());
            return out.toString();
        } finally {
            java.nio.file.Files.delete(f);
        }
    }

    @Test
    void aClassWithoutSystemExitIsLeftAsItIs() throws Exception {
        byte[] original = bytesOf("ProgramLoaderTest$Stays.class");
        assertSame(original, ProgramLoader.rewrite(original));
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
