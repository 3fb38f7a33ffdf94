package mpjnumerics.launch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Loads an MPJ program of a user's own from its {@code -cp} entries, below the rank's class
 * loader (MPJ and the project), so that its {@code System.exit} calls reach the rank wrapper
 * ({@code spmd.RankExit}): a rank's exit status and whether it had finished MPI decide the
 * job's status, and in the multicore device one rank's exit must not end the JVM that every
 * rank shares. Only the constant pool's reference to {@code System.exit} changes; nothing
 * else in the class does.
 */
final class ProgramLoader extends URLClassLoader {
    static final String EXIT_TARGET = "mpjnumerics/spmd/RankExit";

    static {
        registerAsParallelCapable();
    }

    ProgramLoader(URL[] urls, ClassLoader parent) {
        super("program", urls, parent);
    }

    /** A loader for {@code classPath} (null or empty: none), MPJ's own jars left out. */
    static ProgramLoader of(String classPath, ClassLoader parent) throws MalformedURLException {
        return new ProgramLoader(urls(classPath), parent);
    }

    static URL[] urls(String classPath) throws MalformedURLException {
        List<URL> out = new ArrayList<>();
        if (classPath != null) {
            for (String e : classPath.split(File.pathSeparator)) {
                Path p = Path.of(e);
                String n = p.getFileName() == null ? "" : p.getFileName().toString();
                if (e.isBlank() || n.equals("mpj.jar") || MulticoreLauncher.isVersionedMpjJar(n)) {
                    continue;
                }
                out.add(p.toAbsolutePath().toUri().toURL());
            }
        }
        return out.toArray(URL[]::new);
    }

    /** Whether one of {@code classPath}'s entries holds class {@code name} (then it wins over a job's short name). */
    static boolean defines(String classPath, String name) {
        if (classPath == null) {
            return false;
        }
        String file = name.replace('.', '/') + ".class";
        for (String e : classPath.split(File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            Path p = Path.of(e);
            if (Files.isDirectory(p)) {
                if (Files.isRegularFile(p.resolve(file))) {
                    return true;
                }
            } else if (Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    if (jar.getEntry(file) != null) {
                        return true;
                    }
                } catch (IOException ex) {
                    // not a jar: the JVM ignores it too
                }
            }
        }
        return false;
    }

    /** The user's class of that name, or null when the {@code -cp} entries have none. */
    Class<?> own(String name) throws ClassNotFoundException {
        if (findResource(name.replace('.', '/') + ".class") == null) {
            return null;
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            return c != null ? c : findClass(name);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        URL u = findResource(name.replace('.', '/') + ".class");
        if (u == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] b;
        try (InputStream in = u.openStream()) {
            b = redirectExit(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            throw new ClassNotFoundException(name, e);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0 && getDefinedPackage(name.substring(0, dot)) == null) {
            try {
                definePackage(name.substring(0, dot), null, null, null, null, null, null, null);
            } catch (IllegalArgumentException e) {
                // defined meanwhile by another thread
            }
        }
        return defineClass(name, b, 0, b.length);
    }

    /**
     * The class file with its {@code Methodref java/lang/System.exit:(I)V}, if it has one,
     * pointing at {@link #EXIT_TARGET} instead (same name and descriptor, so every call site
     * and method handle stays as it is). Two constant pool entries are appended: a Utf8 with
     * the new class name and a Class for it; every other part of a class file refers to the
     * pool by index, so no offset moves.
     */
    static byte[] redirectExit(byte[] b) {
        int count = u2(b, 8);
        int[] at = new int[count];
        int p = 10;
        for (int i = 1; i < count; i++) {
            at[i] = p;
            int tag = b[p] & 0xff;
            switch (tag) {
                case 1 -> p += 3 + u2(b, p + 1);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> p += 5;
                case 5, 6 -> {
                    p += 9;
                    i++;
                }
                case 7, 8, 16, 19, 20 -> p += 3;
                case 15 -> p += 4;
                default -> throw new IllegalArgumentException("not a class file (constant tag " + tag + ")");
            }
        }
        int end = p;
        int exitRef = -1;
        for (int i = 1; i < count; i++) {
            if (at[i] != 0 && b[at[i]] == 10 && utf8(b, at, u2(b, at[u2(b, at[i] + 1)] + 1)).equals("java/lang/System")) {
                int nat = at[u2(b, at[i] + 3)];
                if (utf8(b, at, u2(b, nat + 1)).equals("exit") && utf8(b, at, u2(b, nat + 3)).equals("(I)V")) {
                    exitRef = at[i];
                }
            }
        }
        if (exitRef < 0 || count + 2 > 0xffff) {
            return b;
        }
        byte[] name = EXIT_TARGET.getBytes(StandardCharsets.UTF_8);
        byte[] extra = new byte[3 + name.length + 3];
        extra[0] = 1;
        put2(extra, 1, name.length);
        System.arraycopy(name, 0, extra, 3, name.length);
        extra[3 + name.length] = 7;
        put2(extra, 4 + name.length, count); // the Utf8 just added
        byte[] out = new byte[b.length + extra.length];
        System.arraycopy(b, 0, out, 0, end);
        System.arraycopy(extra, 0, out, end, extra.length);
        System.arraycopy(b, end, out, end + extra.length, b.length - end);
        put2(out, 8, count + 2);
        put2(out, exitRef + 1, count + 1); // the Class just added
        return out;
    }

    private static String utf8(byte[] b, int[] at, int index) {
        int p = at[index];
        if (b[p] != 1) {
            return "";
        }
        return new String(b, p + 3, u2(b, p + 1), StandardCharsets.UTF_8);
    }

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static void put2(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
    }
}
