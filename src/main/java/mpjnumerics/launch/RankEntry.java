package mpjnumerics.launch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import mpjnumerics.cli.Parsed;
import mpjnumerics.job.Job;
import mpjnumerics.job.JobRunner;
import mpjnumerics.job.Jobs;
import mpjnumerics.runtime.Failure;
import mpjnumerics.runtime.JobSecret;
import mpjnumerics.runtime.LaunchArgs;
import mpjnumerics.runtime.LauncherWatch;
import mpjnumerics.runtime.AbortChannel;
import mpjnumerics.runtime.Rendezvous;
import mpjnumerics.runtime.RankOutput;
import mpjnumerics.spmd.Spmd;

/**
 * The one entry point of every rank: in its own JVM as MPJ's starter or daemons start it
 * ({@code RANK CONF DEVICE [...] CLASS [options]}) or as srun does
 * ({@code --srun HOST PORT CLASS [options]}, rank and size from SLURM's environment), and in a
 * multicore job's rank threads ({@link #runInProcess}). CLASS is a job's class, as the
 * launcher resolved it, or any other MPJ program's; a failure becomes a job-wide abort.
 */
public final class RankEntry {
    /** How long a rank started by srun waits for the others at the rendezvous. */
    private static final int RENDEZVOUS_SECONDS = 120;
    /** A user's class path in a rank JVM (mpjrun.sh's -cp), loaded by {@link ProgramLoader}. */
    static final String CLASS_PATH = "mpjnumerics.classPath";

    private RankEntry() {}

    public static void main(String[] args) {
        String[] mpj = args.length > 0 && args[0].equals("--srun") ? srunArgs(args) : args;
        if (!LaunchArgs.isMpjLaunch(mpj)) {
            System.err.println("error: RankEntry runs ranks for MPJ's starter (RANK CONF DEVICE CLASS ...) "
                    + "or under srun (--srun HOST PORT CLASS ...); to start a job use mpj/bin/mpjrun.sh");
            System.exit(Failure.EXIT_USAGE);
        }
        int rank = Integer.parseInt(mpj[0]);
        boolean hybdev = mpj[2].equals("hybdev");
        LauncherWatch.start(hybdev ? "the ranks of machine " + LaunchArgs.hybdevHost(mpj) : "rank " + rank, hybdev);
        RankOutput.redirect();
        if (!hybdev) {
            System.setProperty(Failure.RANK_PROPERTY, mpj[0]); // hybdev's is a thread's index on its host
        }
        int at = LaunchArgs.userOffset(mpj[2]);
        if (mpj.length <= at) {
            Failure.usage(rank, "no job or class named; jobs: " + String.join(", ", Jobs.names()));
            return;
        }
        String[] mpjArgs = Arrays.copyOf(mpj, mpj.length - 1);
        System.arraycopy(mpj, at + 1, mpjArgs, at, mpj.length - at - 1);
        run(rank, mpj[at], mpjArgs, null, true, System.getProperty(CLASS_PATH));
        if (mpj[2].equals("niodev")) {
            Failure.ranksFinished(); // one rank per JVM: the program is done
            if (!Spmd.everInitialized()) {
                LauncherWatch.endedWithoutMpi(rank); // MPJ's starter would wait for it forever
            }
            RankOutput.restore();
        }
    }

    /** A multicore rank: its thread, its class loader, the launcher's parse of the options. */
    public static void runInProcess(String[] mpjArgs, String className, Parsed options, String classPath) {
        run(Integer.parseInt(mpjArgs[0]), className, mpjArgs, options, false, classPath);
    }

    private static void run(int rank, String name, String[] mpjArgs, Parsed options, boolean ownJvm, String classPath) {
        try {
            ProgramLoader user = null;
            if (classPath != null && !classPath.isBlank()) {
                user = ProgramLoader.of(classPath, RankEntry.class.getClassLoader());
                Thread.currentThread().setContextClassLoader(user);
            }
            Object program = instance(rank, name, user);
            if (program instanceof Job job) {
                if (ownJvm) {
                    LauncherWatch.expectJoin(rank);
                    job.prepare(); // overlaps MPI.Init; in multicore the launcher prepared it once for all ranks
                }
                JobRunner.runRank(job, options, mpjArgs);
            } else if (program instanceof Class<?> c) {
                runMain(rank, c, mpjArgs);
            }
        } catch (Throwable t) {
            // hybdev's first argument is the thread's index on its host: the world rank is known after Init
            Failure.abort(Failure.rankOfThisThread(rank), t instanceof InvocationTargetException ite
                    && ite.getCause() != null ? ite.getCause() : t);
        }
    }

    /**
     * The user's class of that name on the -cp entries (a job's name never shadows it), else
     * the job of that name (a short name when the rank was started by hand), else a class on
     * the rank's class path; null after a usage error.
     */
    private static Object instance(int rank, String name, ProgramLoader user) throws ReflectiveOperationException {
        Class<?> own = user == null ? null : user.own(name);
        if (own != null) {
            return own;
        }
        if (name.indexOf('.') < 0) {
            var job = Jobs.find(name);
            if (job.isPresent()) {
                return job.get();
            }
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> c;
        try {
            c = Class.forName(name, true, loader != null ? loader : RankEntry.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            Failure.usage(rank, "no job or class named '" + name + "'; jobs: " + String.join(", ", Jobs.names()));
            return null;
        }
        return Job.class.isAssignableFrom(c) ? c.getDeclaredConstructor().newInstance() : c;
    }

    /** Any other MPJ program: its main gets the usual MPJ arguments. */
    private static void runMain(int rank, Class<?> c, String[] mpjArgs) throws Exception {
        Method m = c.getMethod("main", String[].class);
        if (!Modifier.isStatic(m.getModifiers())) {
            Failure.usage(rank, c.getName() + ".main is not static");
            return;
        }
        m.invoke(null, (Object) mpjArgs);
    }

    /**
     * The arguments MPJ's daemon wrapper would give a niodev rank, for one started by srun:
     * rank and size from SLURM, the configuration pointing at this JVM's stand-in for the
     * {@link Rendezvous}, which proves to it that the rank belongs to the job (niodev cannot).
     */
    private static String[] srunArgs(String[] args) {
        String rank = System.getenv("SLURM_PROCID");
        String size = System.getenv("SLURM_NTASKS");
        if (size == null) {
            size = System.getenv("SLURM_NPROCS");
        }
        if (args.length < 4 || rank == null || size == null || !LaunchArgs.isRankNumber(rank)
                || !LaunchArgs.isRankNumber(size) || !LaunchArgs.isRankNumber(args[2])) {
            System.err.println("error: RankEntry --srun runs under srun (SLURM_PROCID and SLURM_NTASKS set): "
                    + "RankEntry --srun HOST PORT CLASS [options]");
            System.exit(Failure.EXIT_USAGE);
        }
        JobSecret secret;
        int proxy;
        try {
            secret = JobSecret.fromLauncher().orElseThrow(() -> new IllegalStateException(
                    "no job secret in " + JobSecret.ENV + " (start jobs with mpj/bin/mpjrun.sh)"));
            proxy = Rendezvous.proxy(args[1], Integer.parseInt(args[2]), Integer.parseInt(rank), secret,
                    RENDEZVOUS_SECONDS, Failure::launcherGone);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("error: rank " + rank + ": " + e.getMessage());
            System.exit(Failure.EXIT_FAILURE);
            return null;
        }
        System.setProperty(AbortChannel.LAUNCHER_HOST, args[1]);
        String[] mpj = new String[args.length];
        mpj[0] = rank;
        mpj[1] = Rendezvous.niodevConf(Integer.parseInt(size), "127.0.0.1", proxy);
        mpj[2] = "niodev";
        System.arraycopy(args, 3, mpj, 3, args.length - 3);
        return mpj;
    }
}
