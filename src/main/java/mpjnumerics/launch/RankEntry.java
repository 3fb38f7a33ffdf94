package mpjnumerics.launch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;
import mpjnumerics.job.Job;
import mpjnumerics.job.JobRunner;
import mpjnumerics.job.Jobs;
import mpjnumerics.runtime.Failure;
import mpjnumerics.runtime.LaunchArgs;

/** One rank, as started by an MPJ launcher: find the job, run it, and turn failure into an abort. */
final class RankEntry {
    private RankEntry() {}

    static void run(String[] args, Job fixed) {
        int rank = Integer.parseInt(args[0]);
        try {
            if (fixed != null) {
                prepare(fixed, args);
                JobRunner.runRank(fixed, args);
                return;
            }
            int at = LaunchArgs.userOffset(args[2]);
            if (args.length <= at) {
                Failure.usage(rank, "no job named; jobs: " + String.join(", ", Jobs.names()));
                return;
            }
            String name = args[at];
            String[] mpjArgs = remove(args, at);
            Optional<Job> job = Jobs.find(name);
            if (job.isPresent()) {
                prepare(job.get(), args);
                JobRunner.runRank(job.get(), mpjArgs);
            } else {
                runClass(rank, name, mpjArgs);
            }
        } catch (Throwable t) {
            // hybdev's first argument is the host's index: the world rank is known after Init
            Failure.abort(Failure.rankOfThisThread(rank), t instanceof InvocationTargetException ite
                    && ite.getCause() != null ? ite.getCause() : t);
        }
    }

    /** A JVM of its own (niodev, hybdev): the job's preparation overlaps MPI.Init. In multicore the launcher prepared it once for all ranks. */
    private static void prepare(Job job, String[] args) {
        if (!args[2].equals("smpdev")) {
            job.prepare();
        }
    }

    /** Any other MPJ program, by class name: its main gets the usual MPJ arguments. */
    private static void runClass(int rank, String name, String[] mpjArgs) throws Exception {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> c;
        try {
            c = Class.forName(name, true, loader != null ? loader : RankEntry.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            Failure.usage(rank, "no job or class named '" + name + "'; jobs: " + String.join(", ", Jobs.names()));
            return;
        }
        Method m = c.getMethod("main", String[].class);
        if (!Modifier.isStatic(m.getModifiers())) {
            Failure.usage(rank, name + ".main is not static");
            return;
        }
        m.invoke(null, (Object) mpjArgs);
    }

    static String[] remove(String[] a, int i) {
        String[] out = Arrays.copyOf(a, a.length - 1);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }
}
