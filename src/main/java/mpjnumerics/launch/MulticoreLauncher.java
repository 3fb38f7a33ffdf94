package mpjnumerics.launch;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mpjnumerics.cli.Parsed;
import mpjnumerics.cli.UsageException;
import mpjnumerics.job.Jobs;
import mpjnumerics.runtime.Failure;

/**
 * Runs a job in MPJ Express's multicore device (smpdev) inside this JVM: one thread per rank,
 * each with its own class loader for the MPI classes and the job (MPJ keeps per-rank state in
 * statics), sharing one loader for smpdev, whose statics connect the ranks, and the
 * application's for the stateless classes ({@link SharedLoader}: the kernels, so that the JIT
 * compiles them once, and what needs no per-rank copy).
 *
 * <p>This does what MPJ's own starter does for {@code -dev multicore}, with three differences
 * that users need: stdout and stderr stay apart, the exit status is the job's, and a failing
 * rank ends the whole job at once.
 */
final class MulticoreLauncher {
    /** Loaded once for all ranks: the device and what it shares (as MPJ's multicore starter does). */
    private static final String[] SHARED = {"smpdev.jar", "xdev.jar", "mpjbuf.jar", "mpiExp.jar", "log4j-1.2.jar"};
    /** Loaded per rank: MPI state is static. */
    private static final String[] PER_RANK = {"mpi.jar", "mpjdev.jar"};
    private static final long RANK_STACK = 64L << 20;
    private static final long EXIT_POLL_MILLIS = 50;

    private MulticoreLauncher() {}

    /**
     * Runs {@code className} (a job's class, or another MPJ program's) on {@code np} ranks and
     * returns the job's exit status. A job's ranks get the launcher's parse of its options.
     */
    static int run(Path home, int np, String extraClassPath, String className, Parsed options, String[] userArgs)
            throws LaunchException {
        ClassLoader shared = new SmpdevLoader(urls(home, SHARED), ClassLoader.getPlatformClassLoader());
        Constructor<?> group;
        try {
            group = shared.loadClass("xdev.smpdev.SMPDevProcess").getConstructor(String.class);
        } catch (ReflectiveOperationException e) {
            throw new LaunchException("MPJ's smpdev device is not usable in " + home + ": " + e);
        }
        URL[] rankUrls = rankClassPath(home, null);
        ClassLoader stateless = new SharedLoader(shared);
        Failure.watchExits();
        System.setProperty(Failure.MULTICORE, "yes");

        Thread[] ranks = new Thread[np];
        for (int r = 0; r < np; r++) {
            final int rank = r;
            URLClassLoader loader = new URLClassLoader("rank-" + r, rankUrls, stateless);
            List<String> a = new ArrayList<>(List.of(Integer.toString(r), Integer.toString(np), "smpdev"));
            a.addAll(Arrays.asList(userArgs));
            String[] mpjArgs = a.toArray(String[]::new);
            ThreadGroup g;
            try {
                g = (ThreadGroup) group.newInstance("MPI" + r);
            } catch (ReflectiveOperationException e) {
                throw new LaunchException("cannot create rank " + r + ": " + e);
            }
            Thread t = new Thread(g, () -> runRank(loader, rank, mpjArgs, className, options, extraClassPath),
                    "rank-" + r, RANK_STACK);
            t.setContextClassLoader(loader);
            t.setUncaughtExceptionHandler((th, ex) -> Failure.abort(rank, ex));
            ranks[r] = t;
        }
        for (Thread t : ranks) {
            t.start();
        }
        // A rank has ended when its thread has, or when it called System.exit outside MPI
        // (spmd.RankExit), which leaves its thread waiting and its status in a property.
        int status = 0;
        String line = null;
        for (int r = 0; r < np; r++) {
            String key = Failure.RANK_EXIT + r;
            try {
                while (ranks[r].isAlive() && System.getProperty(key) == null) {
                    ranks[r].join(EXIT_POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Failure.EXIT_FAILURE;
            }
            String exit = System.getProperty(key);
            if (exit != null) {
                int tab = exit.indexOf('\t');
                int s = Integer.parseInt(exit.substring(0, tab));
                if (s > status) {
                    status = s;
                    line = exit.substring(tab + 1);
                }
            }
        }
        Failure.ranksFinished();
        if (line != null) {
            System.out.flush();
            System.err.println(line);
        }
        return status;
    }

    /** The rank's own copy of {@link RankEntry}, in its class loader, runs it. */
    private static void runRank(ClassLoader loader, int rank, String[] mpjArgs, String className, Parsed options,
            String classPath) {
        try {
            loader.loadClass(RankEntry.class.getName())
                    .getMethod("runInProcess", String[].class, String.class, Parsed.class, String.class)
                    .invoke(null, mpjArgs, className, options, classPath);
        } catch (InvocationTargetException e) {
            Failure.abort(rank, e.getCause());
        } catch (ReflectiveOperationException e) {
            Failure.abort(rank, e);
        }
    }

    /** A usage error unless the ranks will find {@code className} (loaded, not initialised). */
    static void checkLoadable(Path home, String extraClassPath, String className) throws UsageException, LaunchException {
        URL[] all = rankClassPath(home, extraClassPath);
        URL[] withMpj = Arrays.copyOf(all, all.length + SHARED.length);
        System.arraycopy(urls(home, SHARED), 0, withMpj, all.length, SHARED.length);
        try (URLClassLoader probe = new URLClassLoader(withMpj, ClassLoader.getPlatformClassLoader())) {
            Class.forName(className, false, probe);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new UsageException("no job or class named '" + className + "'; jobs: " + String.join(", ", Jobs.names()));
        } catch (java.io.IOException e) {
            throw new LaunchException(e.getMessage());
        }
    }

    /** This program's own class path (MPJ jars left out: they come from the home), plus -cp. */
    private static URL[] rankClassPath(Path home, String extra) throws LaunchException {
        List<URL> out = new ArrayList<>();
        List<String> entries = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        if (extra != null) {
            entries.addAll(Arrays.asList(extra.split(File.pathSeparator)));
        }
        try {
            for (String e : entries) {
                String n = Path.of(e).getFileName() == null ? "" : Path.of(e).getFileName().toString();
                if (e.isBlank() || n.equals("mpj.jar") || isVersionedMpjJar(n)) {
                    continue;
                }
                out.add(Path.of(e).toAbsolutePath().toUri().toURL());
            }
            out.addAll(Arrays.asList(urls(home, PER_RANK)));
        } catch (MalformedURLException e) {
            throw new LaunchException("bad class path entry: " + e.getMessage());
        }
        return out.toArray(URL[]::new);
    }

    /** mpj-0.44.jar and the like (what Maven calls the MPJ artifact); no regex: its first use costs start-up. */
    static boolean isVersionedMpjJar(String name) {
        if (!name.startsWith("mpj-") || !name.endsWith(".jar") || name.length() == "mpj-.jar".length()) {
            return false;
        }
        for (int i = "mpj-".length(); i < name.length() - ".jar".length(); i++) {
            char c = name.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static URL[] urls(Path home, String[] jars) throws LaunchException {
        URL[] u = new URL[jars.length];
        try {
            for (int i = 0; i < jars.length; i++) {
                u[i] = MpjHome.jar(home, jars[i]).toUri().toURL();
            }
        } catch (MalformedURLException e) {
            throw new LaunchException(e.getMessage());
        }
        return u;
    }
}
