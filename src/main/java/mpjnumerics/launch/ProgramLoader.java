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
 * rank shares. Its calls of MPJ's {@code Comm.Abort}, which does nothing in MPJ Express 0.44,
 * reach the wrapper too, which ends the job as MPI's Abort should. Only those references
 * change; nothing else in the class does.
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
            b = rewrite(in.readAllBytes());
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
     * The class file with its {@code System.exit} and MPJ {@code Abort} calls pointed at
     * {@link #EXIT_TARGET}; the same array when it has neither.
     * <ul>
     * <li>{@code Methodref java/lang/System.exit:(I)V} gets the wrapper's class instead (same
     * name and descriptor, so every call site and method handle stays as it is).
     * <li>{@code invokevirtual mpi/...Comm.Abort:(I)V} (empty in MPJ Express 0.44) becomes
     * {@code invokestatic RankExit.abort:(Lmpi/Comm;I)V}: same length, same operands on the
     * stack, so no offset, branch or stack map changes.
     * </ul>
     * The new constants are appended to the pool: every other part of a class file refers to
     * the pool by index, so nothing else moves.
     */
    static byte[] rewrite(byte[] b) {
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
        java.util.Set<Integer> abortRefs = new java.util.HashSet<>();
        for (int i = 1; i < count; i++) {
            if (at[i] == 0 || b[at[i]] != 10) {
                continue;
            }
            String owner = utf8(b, at, u2(b, at[u2(b, at[i] + 1)] + 1));
            int nat = at[u2(b, at[i] + 3)];
            String name = utf8(b, at, u2(b, nat + 1));
            String desc = utf8(b, at, u2(b, nat + 3));
            if (owner.equals("java/lang/System") && name.equals("exit") && desc.equals("(I)V")) {
                exitRef = at[i];
            } else if (owner.startsWith("mpi/") && name.equals("Abort") && desc.equals("(I)V")) {
                abortRefs.add(i);
            }
        }
        if (count + (abortRefs.isEmpty() ? 2 : 6) > 0xffff) {
            return b;
        }
        int abort = count + 5; // the Methodref added below
        byte[] out = abortRefs.isEmpty() ? null : callsPointedAt(b, end, at, abortRefs, abort);
        if (out == null) {
            abortRefs.clear(); // none, or code this walk cannot read: its Abort calls stay as MPJ has them
            if (exitRef < 0) {
                return b;
            }
            out = b.clone();
        }
        java.io.ByteArrayOutputStream extra = new java.io.ByteArrayOutputStream();
        int target = count + 1;
        utf8(extra, EXIT_TARGET); // count
        extra.write(7); // count + 1: its Class
        put2(extra, count);
        int next = count + 2;
        if (exitRef >= 0) {
            put2(out, exitRef + 1, target);
        }
        if (!abortRefs.isEmpty()) {
            utf8(extra, "abort"); // count + 2
            utf8(extra, "(Lmpi/Comm;I)V"); // count + 3
            extra.write(12); // count + 4: NameAndType
            put2(extra, count + 2);
            put2(extra, count + 3);
            extra.write(10); // count + 5: Methodref
            put2(extra, target);
            put2(extra, count + 4);
            next = count + 6;
        }
        byte[] added = extra.toByteArray();
        byte[] result = new byte[out.length + added.length];
        System.arraycopy(out, 0, result, 0, end);
        System.arraycopy(added, 0, result, end, added.length);
        System.arraycopy(out, end, result, end + added.length, out.length - end);
        put2(result, 8, next);
        return result;
    }

    /**
     * A copy of the class file in which, in every method's code (the class's fields, methods
     * and attributes start at {@code p}), each invokevirtual of one of {@code refs} is an
     * invokestatic of {@code to}; null when the code cannot be read.
     */
    private static byte[] callsPointedAt(byte[] b, int p, int[] at, java.util.Set<Integer> refs, int to) {
        byte[] out = b.clone();
        try {
            p += 6;
            p += 2 + 2 * u2(b, p); // interfaces
            p = members(b, p, at, out, refs, to); // fields: no Code attribute
            members(b, p, at, out, refs, to); // methods
        } catch (RuntimeException e) {
            return null;
        }
        return out;
    }

    /** Walks a fields or methods table, rewriting the calls in its Code attributes into {@code out}. */
    private static int members(byte[] b, int p, int[] at, byte[] out, java.util.Set<Integer> refs, int to) {
        int n = u2(b, p);
        p += 2;
        for (int m = 0; m < n; m++) {
            int attributes = u2(b, p + 6);
            p += 8;
            for (int a = 0; a < attributes; a++) {
                int length = (int) u4(b, p + 2);
                if (utf8(b, at, u2(b, p)).equals("Code")) {
                    int code = p + 6 + 8;
                    rewriteCalls(b, code, (int) u4(b, p + 6 + 4), out, refs, to);
                }
                p += 6 + length;
            }
        }
        return p;
    }

    private static void rewriteCalls(byte[] b, int code, int length, byte[] out, java.util.Set<Integer> refs, int to) {
        int pc = 0;
        while (pc < length) {
            int op = b[code + pc] & 0xff;
            if (op == 0xb6 && refs.contains(u2(b, code + pc + 1))) {
                out[code + pc] = (byte) 0xb8;
                put2(out, code + pc + 1, to);
            }
            pc += instructionLength(b, code, pc, op);
        }
        if (pc != length) {
            throw new IllegalArgumentException("code ends inside an instruction");
        }
    }

    /** The length of the JVM instruction at {@code pc} (JVMS 6.5). */
    private static int instructionLength(byte[] b, int code, int pc, int op) {
        switch (op) {
            case 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc:
                return 2;
            case 0x11, 0x13, 0x14, 0x84, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xbb, 0xbd, 0xc0, 0xc1, 0xc6, 0xc7:
                return 3;
            case 0xc5:
                return 4;
            case 0xb9, 0xba, 0xc8, 0xc9:
                return 5;
            case 0xc4:
                return (b[code + pc + 1] & 0xff) == 0x84 ? 6 : 4;
            case 0xaa: {
                int q = pc + 1 + (3 - pc % 4);
                long low = (int) u4(b, code + q + 4);
                long high = (int) u4(b, code + q + 8);
                return (int) (q + 12 + 4 * (high - low + 1) - pc);
            }
            case 0xab: {
                int q = pc + 1 + (3 - pc % 4);
                return q + 8 + 8 * (int) u4(b, code + q + 4) - pc;
            }
            default:
                if (op >= 0x99 && op <= 0xa8) {
                    return 3; // the branches
                }
                if (op > 0xc9) {
                    throw new IllegalArgumentException("unknown opcode " + op);
                }
                return 1;
        }
    }

    private static void utf8(java.io.ByteArrayOutputStream out, String text) {
        byte[] s = text.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        put2(out, s.length);
        out.write(s, 0, s.length);
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

    private static long u4(byte[] b, int p) {
        return ((long) u2(b, p) << 16) | u2(b, p + 2);
    }

    private static void put2(java.io.ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void put2(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
    }
}
