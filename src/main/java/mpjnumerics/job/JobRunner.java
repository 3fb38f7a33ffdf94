package mpjnumerics.job;

import mpjnumerics.report.Progress;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.Parsed;
import mpjnumerics.cli.UsageException;
import mpjnumerics.report.LaunchClock;
import mpjnumerics.report.Report;
import mpjnumerics.report.Stdout;
import mpjnumerics.runtime.Failure;
import mpjnumerics.spmd.Spmd;

/** Runs one job on one rank: join, parse, compute, gather timings, report on rank 0. */
public final class JobRunner {
    private JobRunner() {}

    /**
     * Every rank calls this with the MPJ arguments and the job's options after them.
     * {@code parsed} is the launcher's parse when the rank shares its JVM (multicore), else null:
     * the options are then parsed here, once per JVM, and checked as the launcher checked them.
     */
    public static void runRank(Job job, Parsed parsed, String[] mpjArgs) throws Exception {
        long start = System.nanoTime();
        Spmd spmd = Spmd.init(mpjArgs);
        String name = job.options().job();
        if (parsed == null && Options.wantsHelp(spmd.args())) {
            if (spmd.isRoot()) {
                System.out.print(job.options().usage());
            }
            spmd.finish();
            return;
        }
        Parsed opts = parsed;
        if (opts == null) {
            try {
                opts = job.options().parse(spmd.args());
                job.validate(opts, spmd.size());
            } catch (UsageException e) {
                Failure.usage(spmd.rank(), e.getMessage());
                return;
            }
        }
        Progress progress = new Progress(name, opts.text("progress").equals("off") ? Progress.Mode.OFF
                : Progress.wanted(spmd.isRoot()), opts.integer("progress-every"), System.err);
        Context ctx = new Context(spmd, opts, progress);
        Outcome outcome = job.run(ctx);
        progress.done();
        long[][] times = spmd.gather(new long[] {ctx.computeNanos()});
        if (spmd.isRoot() && !outcome.isSilent()) {
            long min = Long.MAX_VALUE;
            long max = 0;
            for (long[] t : times) {
                min = Math.min(min, t[0]);
                max = Math.max(max, t[0]);
            }
            Report report = new Report(name, spmd.size(), spmd.device(), job.params(opts), outcome.values(),
                    (System.nanoTime() - start) / 1e9, LaunchClock.secondsSinceStart(), min / 1e9, max / 1e9,
                    outcome.human());
            print(report, opts);
        }
        spmd.finish();
    }

    /**
     * The launcher's check of --checkpoint FILE before any rank starts: a file of another job,
     * other parameters, another version, or damaged, is a usage error naming the difference.
     */
    public static void checkCheckpoint(Parsed opts) throws UsageException {
        if (!opts.has("checkpoint")) {
            return;
        }
        try {
            Journal.load(opts.job(), opts);
        } catch (mpjnumerics.report.Checkpoint.Refused e) {
            throw new UsageException(e.getMessage());
        }
    }

    static void print(Report report, Parsed opts) {
        if (opts.flag("json")) {
            Stdout.print(report.json() + "\n");
        } else if (opts.flag("csv")) {
            Stdout.print(report.csv());
        } else {
            Stdout.print(report.text());
        }
    }
}
