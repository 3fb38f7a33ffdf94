package mpjnumerics.launch;

/**
 * The parent of every rank's class loader in a multicore job, below MPJ's shared device
 * classes: it hands out, from the application class loader, once for the whole JVM, the
 * classes that hold no per-rank state: the pure kernels (so the JIT compiles each once per
 * JVM, not once per rank), the command line and report code, and SLF4J (which the launcher
 * has already set up). Everything else, MPJ's API and the jobs that call it, each rank
 * defines for itself, since MPJ keeps a rank's state in static fields.
 */
final class SharedLoader extends ClassLoader {
    private static final String[] SHARED = {"mpjnumerics.kernel.", "mpjnumerics.cli.", "mpjnumerics.report.", "org.slf4j."};

    static {
        registerAsParallelCapable();
    }

    SharedLoader(ClassLoader parent) {
        super("shared", parent);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (String prefix : SHARED) {
            if (name.startsWith(prefix)) {
                return ClassLoader.getSystemClassLoader().loadClass(name);
            }
        }
        throw new ClassNotFoundException(name);
    }
}
