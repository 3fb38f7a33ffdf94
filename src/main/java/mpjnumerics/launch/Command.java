package mpjnumerics.launch;

import java.util.Arrays;
import mpjnumerics.cli.Numbers;
import mpjnumerics.cli.UsageException;

/**
 * The launcher's own command line: its options, then the job (or class) name and the job's
 * options, which are left for the job to parse.
 *
 * <pre>
 * [-np N] [-cp PATH] [-dev multicore] JOB [job options]       run in MPJ's multicore device
 * --plan FILE [-np N] [-machinesfile F] [-cp PATH] JOB [...]   check (hosts too), and tell mpjrun.sh how to start it
 * --jvm-options | --version | --help
 * </pre>
 */
record Command(Mode mode, int ranks, String classPath, String planFile, String machines, String name, String[] jobArgs,
        String[] all) {
    enum Mode { RUN, PLAN, JVM_OPTIONS, VERSION, HELP }

    static final int MAX_RANKS = 4096;

    static Command parse(String[] args) throws UsageException {
        Mode mode = Mode.RUN;
        int ranks = Runtime.getRuntime().availableProcessors();
        String classPath = null;
        String plan = null;
        String machines = null;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            switch (args[i]) {
                case "-np" -> ranks = ranks(value(args, ++i, "-np"));
                case "-cp", "-classpath" -> classPath = value(args, ++i, args[i - 1]);
                case "-dev" -> {
                    String dev = value(args, ++i, "-dev");
                    if (!dev.equals("multicore")) {
                        throw new UsageException("-dev " + dev + " runs through mpj/bin/mpjrun.sh, not java -jar");
                    }
                }
                case "--plan" -> {
                    mode = Mode.PLAN;
                    plan = value(args, ++i, "--plan");
                }
                case "-machinesfile" -> machines = value(args, ++i, "-machinesfile");
                case "--jvm-options" -> {
                    return new Command(Mode.JVM_OPTIONS, ranks, null, null, null, null, new String[0], args);
                }
                case "--version", "-version" -> {
                    return new Command(Mode.VERSION, ranks, null, null, null, null, new String[0], args);
                }
                case "-h", "-help", "--help" -> {
                    return new Command(Mode.HELP, ranks, null, null, null, null, new String[0], args);
                }
                default -> throw new UsageException("unknown launcher option " + args[i] + " (see --help)");
            }
        }
        if (i >= args.length) {
            throw new UsageException("no job named (see --help)");
        }
        if (machines != null && mode != Mode.PLAN) {
            throw new UsageException("-machinesfile needs -dev niodev or hybdev, through mpj/bin/mpjrun.sh");
        }
        return new Command(mode, ranks, classPath, plan, machines, args[i], Arrays.copyOfRange(args, i + 1, args.length), args);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int ranks(String text) throws UsageException {
        long v = Numbers.parseLong("-np", text);
        if (v < 1 || v > MAX_RANKS) {
            throw new UsageException("-np must be in [1, " + MAX_RANKS + "], got " + text);
        }
        return (int) v;
    }
}
