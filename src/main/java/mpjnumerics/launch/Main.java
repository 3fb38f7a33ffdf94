package mpjnumerics.launch;

import mpjnumerics.job.Job;
import mpjnumerics.job.Jobs;
import mpjnumerics.runtime.LaunchArgs;

/**
 * Entry point of the jar and of every job class. Started by an MPJ launcher (arguments begin
 * with rank, conf and device) it runs one rank; started any other way it launches the job
 * itself in MPJ's multicore device. Both paths run the same code after MPI.Init.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        main(args, null);
    }

    /** {@code job} is fixed when a job class's own main was started, else named in args. */
    public static void main(String[] args, Job job) {
        if (LaunchArgs.isMpjLaunch(args)) {
            RankEntry.run(args, job);
        } else {
            MulticoreLauncher.launch(args, job);
        }
    }

    static String usage() {
        return """
                mpj-numerics: parallel number crunching on MPJ Express

                usage: java -jar target/mpj-numerics.jar [-np N] [-cp PATH] JOB [options]
                       mpj/bin/mpjrun.sh [-np N] [-dev multicore|niodev|hybdev] [-machinesfile F] JOB [options]

                  -np N     number of ranks (default: one per available processor)
                  -cp PATH  extra class path, for MPJ programs of your own (JOB = class name)

                jobs: %s
                JOB --help shows a job's options.
                """.formatted(String.join(", ", Jobs.names()));
    }
}
