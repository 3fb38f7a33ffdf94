package mpjnumerics.launch;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Defines only the pure kernel classes, once for all ranks of a multicore job, so the JIT
 * compiles each kernel once per JVM rather than once per rank (kernels hold no static state;
 * see the kernel package). Every other class is left to the per-rank loaders.
 */
final class SharedKernelLoader extends URLClassLoader {
    static final String KERNELS = "mpjnumerics.kernel.";

    static {
        registerAsParallelCapable();
    }

    SharedKernelLoader(URL[] appClassPath, ClassLoader parent) {
        super("kernels", appClassPath, parent);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (!name.startsWith(KERNELS)) {
            throw new ClassNotFoundException(name);
        }
        return super.findClass(name);
    }
}
