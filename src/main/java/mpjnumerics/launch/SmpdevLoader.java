package mpjnumerics.launch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The class loader of MPJ's multicore device (smpdev) and what its ranks share, with one
 * repair. smpdev matches messages in hash maps keyed by (context, destination, source, tag),
 * but the key class's {@code hashCode} returns a constant, so every lookup scans every queued
 * message: MPI.Init alone sends np² messages (each rank to every other, to agree on a context),
 * and Hello took 2 s at np 64, 25 s at np 128 and never finished at np 160. Here the key's
 * {@code hashCode} is rewritten, as its class is loaded, to hash the same four fields its
 * {@code equals} compares; nothing else of MPJ is touched.
 */
final class SmpdevLoader extends URLClassLoader {
    static final String KEY_CLASS = "xdev.smpdev.SMPDeviceImpl$Key";
    private static final String KEY = KEY_CLASS.replace('.', '/');
    private static final String PROCESS_ID = "xdev/ProcessID";

    static {
        registerAsParallelCapable();
    }

    SmpdevLoader(URL[] urls, ClassLoader parent) {
        super("mpj-shared", urls, parent);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (!name.equals(KEY_CLASS)) {
            return super.findClass(name);
        }
        try (InputStream in = getResourceAsStream(KEY + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] fixed = withFieldHash(in.readAllBytes());
            return defineClass(name, fixed, 0, fixed.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    /**
     * The key class with {@code hashCode} = a multiplicative combination of context, tag and the UUIDs
     * of destination and source: equal keys (equal in all four) hash alike, as the contract
     * of {@code hashCode} requires.
     */
    static byte[] withFieldHash(byte[] keyClass) {
        ClassReader reader = new ClassReader(keyClass);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                if (!name.equals("hashCode") || !desc.equals("()I")) {
                    return mv;
                }
                writeHashCode(mv);
                return null; // the original body is dropped
            }
        }, 0);
        return writer.toByteArray();
    }

    private static void writeHashCode(MethodVisitor mv) {
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, KEY, "context", "I");
        mix(mv, () -> {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, KEY, "tag", "I");
        });
        for (String id : new String[] {"destID", "srcID"}) {
            mix(mv, () -> {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitFieldInsn(Opcodes.GETFIELD, KEY, id, "L" + PROCESS_ID + ";");
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, PROCESS_ID, "uuid", "()Ljava/util/UUID;", false);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/UUID", "hashCode", "()I", false);
            });
        }
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * h on the stack becomes M h + (the int {@code next} pushes), M odd and large (the golden
     * ratio in 32 bits) so that small contexts and tags, the common case, never collide.
     */
    private static void mix(MethodVisitor mv, Runnable next) {
        mv.visitLdcInsn(0x9E3779B1);
        mv.visitInsn(Opcodes.IMUL);
        next.run();
        mv.visitInsn(Opcodes.IADD);
    }
}
