package mpjnumerics.launch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.Parsed;
import mpjnumerics.cli.UsageException;
import mpjnumerics.job.Job;
import mpjnumerics.job.JobRunner;
import mpjnumerics.job.Jobs;
import mpjnumerics.report.Build;
import mpjnumerics.report.LaunchClock;
import mpjnumerics.runtime.Failure;
import mpjnumerics.runtime.StopSignals;

/**
 * The launcher, the jar's entry point: resolves the job once, parses and checks its options
 * once, before any rank starts, then runs it in MPJ's multicore device in this JVM, or (with
 * --plan) tells mpjrun.sh how to start it on the cluster devices. See {@link Command}.
 */
public final class Main {
    /** Set in a JVM this launcher started itself: it never starts another. */
    private static final String CHILD = "mpjnumerics.launchedBy";
    private static final long PARENT_POLL_MILLIS = 500;

    private Main() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(Command.parse(args));
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            status = Failure.EXIT_USAGE;
        } catch (LaunchException e) {
            System.err.println("error: " + e.getMessage());
            status = Failure.EXIT_FAILURE;
        }
        System.exit(status);
    }

    private static int run(Command c) throws UsageException, LaunchException {
        switch (c.mode()) {
            case HELP -> {
                System.out.print(usage());
                return 0;
            }
            case VERSION -> {
                System.out.print(versions());
                return 0;
            }
            case JVM_OPTIONS -> {
                System.out.print(jvmOptionsTable());
                return 0;
            }
            default -> {
                return launch(c);
            }
        }
    }

    private static int launch(Command c) throws UsageException, LaunchException {
        // A class on the user's -cp is never shadowed by a job's short name.
        Optional<Job> job = ProgramLoader.defines(c.classPath(), c.name()) ? Optional.empty() : Jobs.find(c.name());
        Parsed options = null;
        if (job.isPresent()) {
            Options declared = job.get().options();
            if (Options.wantsHelp(c.jobArgs())) {
                System.out.print(declared.usage());
                return c.mode() == Command.Mode.PLAN ? writePlan(c.planFile(), List.of()) : 0;
            }
            if (Options.wantsVersion(c.jobArgs())) {
                System.out.print(versions());
                return c.mode() == Command.Mode.PLAN ? writePlan(c.planFile(), List.of()) : 0;
            }
            options = declared.parse(c.jobArgs());
            job.get().validate(options, c.ranks());
            JobRunner.checkCheckpoint(options);
        }
        Path home = MpjHome.locate();
        String className = job.isPresent() ? job.get().getClass().getName() : c.name();
        if (job.isEmpty()) {
            MulticoreLauncher.checkLoadable(home, c.classPath(), className);
        }
        List<String> jvm = JvmOptions.of(job.orElse(null), options, c.ranks());
        if (c.mode() == Command.Mode.PLAN) {
            if (c.machines() != null) {
                checkHosts(c.machines(), c.ranks());
            }
            List<String> plan = new ArrayList<>();
            plan.add(className);
            plan.addAll(jvm);
            return writePlan(c.planFile(), plan);
        }
        List<String> missing = JvmOptions.missing(jvm);
        boolean child = System.getProperty(CHILD) != null;
        if (child) {
            watchParent(System.getProperty(CHILD));
        }
        if (!child && (!missing.isEmpty() || !MpjHomeEnvironment.set(home))) {
            return startChild(home, missing, c.all(), options != null && options.has("checkpoint"));
        }
        job.ifPresent(Job::prepare); // once for all ranks: they share this JVM
        return MulticoreLauncher.run(home, c.ranks(), c.classPath(), className, options, c.jobArgs());
    }

    /**
     * The plan for mpjrun.sh: the class the ranks run, then the JVM options, one per line; an
     * empty file when there is nothing to run (the help was asked for and printed).
     */
    private static int writePlan(String file, List<String> lines) throws LaunchException {
        try {
            Files.write(Path.of(file), lines, StandardCharsets.UTF_8);
            return 0;
        } catch (IOException e) {
            throw new LaunchException("cannot write the launch plan " + file + ": " + e.getMessage());
        }
    }

    /**
     * Every job's JVM options, when it uses the Vector API ({@link mpjnumerics.job.VectorUse#hint})
     * and what else its JVMs then need, by every name it answers to (lower case), one job a line, the fields apart by '|':
     * mpjrun.sh reads this table (make build writes it beside the jar) to start a multicore job's
     * one JVM with them.
     */
    static String jvmOptionsTable() {
        StringBuilder b = new StringBuilder();
        for (String name : Jobs.names()) {
            Job job = Jobs.find(name).orElseThrow();
            String fields = String.join(" ", job.jvmOptions()) + "|" + job.vectorUse().hint() + "|"
                    + String.join(" ", job.vectorJvmOptions());
            b.append(name.toLowerCase(Locale.ROOT)).append('|').append(fields).append('\n');
            b.append(job.getClass().getName().toLowerCase(Locale.ROOT)).append('|').append(fields).append('\n');
        }
        return b.toString();
    }

    /**
     * Runs this same command in a new JVM that has what this one lacks (JVM options, MPJ_HOME in
     * the environment); returns its status. Its output is this process's.
     */
    private static int startChild(Path home, List<String> missing, String[] args, boolean checkpoint)
            throws LaunchException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> given = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (given.stream().noneMatch(a -> a.matches("-XX:\\+Use\\w+GC"))) {
            cmd.add("-XX:+UseParallelGC"); // the collector mpjrun.sh picks for jobs (see there why)
        }
        cmd.addAll(given);
        cmd.addAll(missing);
        cmd.add("-D" + CHILD + "=" + ProcessHandle.current().pid());
        if (System.getProperty(LaunchClock.PROPERTY) == null) {
            LaunchClock.startMicros().ifPresent(t -> cmd.add("-D" + LaunchClock.PROPERTY + "=" + t));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("MPJ_HOME", home.toString());
        try {
            Process p = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            if (checkpoint) {
                StopSignals.forwardTo(p); // the child writes its checkpoint; its status is this one's
            }
            return p.waitFor();
        } catch (IOException e) {
            throw new LaunchException("cannot start java: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Failure.EXIT_FAILURE;
        }
    }

    /**
     * The hosts MPJ's starter will use (the first {@code np} distinct ones of the machines file)
     * must resolve: else one usage error now, instead of MPJ's exception and stack traces on
     * stdout once the starter has begun.
     */
    static void checkHosts(String file, int np) throws UsageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot read the machines file " + file + ": " + e.getMessage());
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int n = 0; n < lines.size() && seen.size() < np; n++) {
            String host = lines.get(n).strip();
            if (host.isEmpty() || host.startsWith("#") || !seen.add(host)) {
                continue;
            }
            try {
                java.net.InetAddress.getByName(host);
            } catch (java.net.UnknownHostException e) {
                throw new UsageException("host '" + host + "' (line " + (n + 1) + " of the machines file " + file
                        + ") does not resolve");
            }
        }
        if (seen.isEmpty()) {
            throw new UsageException("the machines file " + file + " names no host");
        }
    }

    /**
     * In the JVM {@link #startChild} started: ends this JVM when the launcher that started it is
     * gone (killed with SIGKILL, which runs no shutdown hook), so that no orphan goes on
     * computing for nobody.
     */
    private static void watchParent(String pid) {
        Optional<ProcessHandle> parent;
        try {
            parent = ProcessHandle.of(Long.parseLong(pid));
        } catch (NumberFormatException e) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                while (parent.isPresent() && parent.get().isAlive()) {
                    Thread.sleep(PARENT_POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            }
            Failure.launcherGone();
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The three versions a bug report needs, one a line: this project's, MPJ Express's (from the
     * home's conf/mpjexpress.conf, where MPJ's own starter reads it) and Java's, each with where
     * it comes from.
     */
    static String versions() {
        String mpj;
        try {
            Path home = MpjHome.locate();
            mpj = MpjHome.version(home).orElse("(version unknown)") + " (" + home + ")";
        } catch (LaunchException e) {
            mpj = "not found: " + e.getMessage();
        }
        return "mpj-numerics " + Build.identity() + "\n"
                + "MPJ Express " + mpj + "\n"
                + "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")\n";
    }

    static String usage() {
        return """
                mpj-numerics: parallel number crunching on MPJ Express

                usage: mpj/bin/mpjrun.sh [-np N] [-dev multicore|niodev|hybdev|srun] [-machinesfile F] [-cp PATH] JOB [options]
                       java -jar target/mpj-numerics.jar [-np N] [-cp PATH] JOB [options]

                  -np N     number of ranks (default: one per available processor)
                  -cp PATH  extra class path, for MPJ programs of your own (JOB = class name)
                  --version print the version and exit

                jobs: %s
                JOB --help shows a job's options.
                """.formatted(String.join(", ", Jobs.names()));
    }
}
