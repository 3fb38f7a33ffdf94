package mpjnumerics.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SmpdevLoaderTest {
    static final Path LIB = Path.of(System.getProperty("project.root", "."), "mpj", "lib");

    static URL[] smpdevJars() throws Exception {
        return new URL[] {LIB.resolve("smpdev.jar").toUri().toURL(), LIB.resolve("xdev.jar").toUri().toURL()};
    }

    /** new Key(context, dest, src, tag) in {@code loader}. */
    static Object key(ClassLoader loader, int context, UUID dest, UUID src, int tag) throws Exception {
        Class<?> pid = loader.loadClass("xdev.ProcessID");
        Constructor<?> k = loader.loadClass(SmpdevLoader.KEY_CLASS).getDeclaredConstructor(int.class, pid, pid, int.class);
        k.setAccessible(true);
        Constructor<?> p = pid.getConstructor(UUID.class);
        return k.newInstance(context, p.newInstance(dest), p.newInstance(src), tag);
    }

    @Test
    void keysHashByWhatTheyAreEqualBy() throws Exception {
        try (URLClassLoader shipped = new URLClassLoader(smpdevJars(), ClassLoader.getPlatformClassLoader());
                SmpdevLoader mended = new SmpdevLoader(smpdevJars(), ClassLoader.getPlatformClassLoader())) {
            List<UUID> ranks = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
            // As shipped every key hashes alike: each lookup scans every queued message.
            assertEquals(key(shipped, 1, ranks.get(0), ranks.get(1), 5).hashCode(),
                    key(shipped, 2, ranks.get(2), ranks.get(3), 6).hashCode());
            assertSame(mended, mended.loadClass(SmpdevLoader.KEY_CLASS).getClassLoader());

            Set<Integer> hashes = new HashSet<>();
            int keys = 0;
            for (int context = 0; context < 4; context++) {
                for (UUID dest : ranks) {
                    for (UUID src : ranks) {
                        for (int tag = -1; tag < 60; tag++) {
                            Object a = key(mended, context, dest, src, tag);
                            // a key made from equal parts (other ProcessID objects) is equal and hashes alike
                            Object b = key(mended, context, new UUID(dest.getMostSignificantBits(), dest.getLeastSignificantBits()),
                                    new UUID(src.getMostSignificantBits(), src.getLeastSignificantBits()), tag);
                            assertEquals(a, b);
                            assertEquals(a.hashCode(), b.hashCode());
                            assertNotEquals(a, key(mended, context, dest, src, tag + 1));
                            hashes.add(a.hashCode());
                            keys++;
                        }
                    }
                }
            }
            assertTrue(hashes.size() > keys * 99 / 100, hashes.size() + " distinct hashes of " + keys + " keys");
        }
    }
}
