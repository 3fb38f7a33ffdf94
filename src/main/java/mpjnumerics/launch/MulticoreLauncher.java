package mpjnumerics.launch;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.UsageException;
import mpjnumerics.job.Job;
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
    private static final int MAX_RANKS = 4096;

    private MulticoreLauncher() {}

    static void launch(String[] args, Job fixed) {
        try {
            System.exit(start(args, fixed));
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(Failure.EXIT_USAGE);
        } catch (LaunchException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(Failure.EXIT_FAILURE);
        }
    }

    private static int start(String[] args, Job fixed) throws UsageException, LaunchException {
        int np = Runtime.getRuntime().availableProcessors();
        String extraClassPath = null;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-") && fixed == null; i++) {
            switch (args[i]) {
                case "-np" -> np = (int) intArg(args, ++i, "-np", 1, MAX_RANKS);
                case "-cp", "-classpath" -> extraClassPath = stringArg(args, ++i, args[i - 1]);
                case "-dev" -> {
                    String dev = stringArg(args, ++i, "-dev");
                    if (!dev.equals("multicore")) {
                        throw new UsageException("-dev " + dev + " runs through mpj/bin/mpjrun.sh, not java -jar");
                    }
                }
                case "-h", "-help", "--help" -> {
                    System.out.print(Main.usage());
                    return 0;
                }
                default -> throw new UsageException("unknown launcher option " + args[i] + "\n" + Main.usage());
            }
        }
        String name;
        String[] jobArgs;
        if (fixed != null) {
            name = fixed.options().job();
            jobArgs = args;
        } else {
            if (i >= args.length) {
                throw new UsageException("no job named\n" + Main.usage());
            }
            name = args[i];
            jobArgs = Arrays.copyOfRange(args, i + 1, args.length);
        }
        Optional<Job> job = fixed != null ? Optional.of(fixed) : Jobs.find(name);
        if (job.isPresent()) {
            Options options = job.get().options();
            if (Options.wantsHelp(jobArgs)) {
                System.out.print(options.usage());
                return 0;
            }
            options.parse(jobArgs); // report usage errors once, before any rank starts
        } else if (!name.contains(".")) {
            throw new UsageException("no job named '" + name + "'; jobs: " + String.join(", ", Jobs.names()));
        }

        Path home = MpjHome.locate();
        if (System.getenv("MPJ_HOME") == null) {
            // MPI.Init reads $MPJ_HOME/conf and prints a stack trace without it: run again with it set.
            return reexecWith(home, args, fixed);
        }
        List<String> rankArgs = new ArrayList<>();
        rankArgs.add(name);
        rankArgs.addAll(Arrays.asList(jobArgs));
        job.ifPresent(Job::prepare); // once for all ranks: they share this JVM
        return runRanks(home, np, extraClassPath, rankArgs);
    }

    private static int runRanks(Path home, int np, String extraClassPath, List<String> jobArgs)
            throws LaunchException {
        ClassLoader shared = new URLClassLoader("mpj-shared", urls(home, SHARED), ClassLoader.getPlatformClassLoader());
        Constructor<?> group;
        try {
            group = shared.loadClass("xdev.smpdev.SMPDevProcess").getConstructor(String.class);
        } catch (ReflectiveOperationException e) {
            throw new LaunchException("MPJ's smpdev device is not usable in " + home + ": " + e);
        }
        URL[] rankUrls = rankClassPath(home, extraClassPath);
        ClassLoader stateless = new SharedLoader(shared);
        Failure.watchExits();

        Thread[] ranks = new Thread[np];
        for (int r = 0; r < np; r++) {
            final int rank = r;
            URLClassLoader loader = new URLClassLoader("rank-" + r, rankUrls, stateless);
            List<String> a = new ArrayList<>(List.of(Integer.toString(r), Integer.toString(np), "smpdev"));
            a.addAll(jobArgs);
            String[] rankArgs = a.toArray(String[]::new);
            ThreadGroup g;
            try {
                g = (ThreadGroup) group.newInstance("MPI" + r);
            } catch (ReflectiveOperationException e) {
                throw new LaunchException("cannot create rank " + r + ": " + e);
            }
            Thread t = new Thread(g, () -> runRank(loader, rank, rankArgs), "rank-" + r, RANK_STACK);
            t.setContextClassLoader(loader);
            t.setUncaughtExceptionHandler((th, ex) -> Failure.abort(rank, ex));
            ranks[r] = t;
        }
        for (Thread t : ranks) {
            t.start();
        }
        for (Thread t : ranks) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Failure.EXIT_FAILURE;
            }
        }
        Failure.ranksFinished();
        return 0;
    }

    private static void runRank(ClassLoader loader, int rank, String[] args) {
        try {
            loader.loadClass(Main.class.getName()).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Failure.abort(rank, e.getCause());
        } catch (ReflectiveOperationException e) {
            Failure.abort(rank, e);
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
                u[i] = home.resolve("lib").resolve(jars[i]).toUri().toURL();
            }
        } catch (MalformedURLException e) {
            throw new LaunchException(e.getMessage());
        }
        return u;
    }

    /** Starts this same program again with MPJ_HOME in its environment; returns its status. */
    private static int reexecWith(Path home, String[] args, Job fixed) throws LaunchException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(fixed != null ? fixed.getClass().getName() : Main.class.getName());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("MPJ_HOME", home.toString());
        try {
            Process p = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            return p.waitFor();
        } catch (IOException e) {
            throw new LaunchException("cannot start java: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Failure.EXIT_FAILURE;
        }
    }

    private static String stringArg(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static long intArg(String[] args, int i, String option, long min, long max) throws UsageException {
        long v = mpjnumerics.cli.Numbers.parseLong(option, stringArg(args, i, option));
        if (v < min || v > max) {
            throw new UsageException(option + " must be in [" + min + ", " + max + "], got " + args[i]);
        }
        return v;
    }
}
