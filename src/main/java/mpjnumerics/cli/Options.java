package mpjnumerics.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command-line options of one job: declared once, parsed, and turned into the usage text.
 * Every job accepts {@code --help}, {@code --json} and {@code --csv}.
 */
public final class Options {
    enum Kind { INTEGER, REAL, TEXT, FILE, FLAG }

    record Option(String name, Kind kind, String defaultValue, long min, long max, List<String> choices,
            String help) {}

    /** The seed of every Monte Carlo job unless --seed says otherwise. */
    public static final String DEFAULT_SEED = "20261124";

    private final String job;
    private final String summary;
    /** Pairs of options (first, last) whose values must not decrease: --from and --to. */
    private final List<String[]> ordered = new ArrayList<>();
    private final List<String> examples = new ArrayList<>();
    private final Map<String, Option> options = new LinkedHashMap<>();

    public Options(String job, String summary) {
        this.job = job;
        this.summary = summary;
        flag("json", "print the result as one JSON object on stdout");
        flag("csv", "print the result as a CSV header and row on stdout");
        choice("progress", "auto", List.of("auto", "off"),
                "progress on stderr: redrawn on a terminal, else a plain line every --progress-every seconds");
        integer("progress-every", "30", 1, 86_400, "seconds between progress lines when stderr is not a terminal");
    }

    /** Options that change how a run is done or shown, never its result: left out of {@link Parsed#params}. */
    static final java.util.Set<String> NOT_PARAMS = java.util.Set.of("json", "csv", "progress", "progress-every",
            "checkpoint", "checkpoint-every", "keep-checkpoint");

    /**
     * --checkpoint FILE and its companions, for a job whose work is split in units that a later
     * run can skip (see doc/CHECKPOINTS.md).
     */
    public Options checkpoint() {
        output("checkpoint", "keep a journal of finished work in this file; the same command resumes from it");
        integer("checkpoint-every", "60", 1, 86_400, "with --checkpoint: seconds between writes of the journal");
        return flag("keep-checkpoint", "with --checkpoint: keep the file after a successful run");
    }

    public Options example(String commandLine) {
        examples.add(commandLine);
        return this;
    }

    /** An integer option in [min, max]; {@code defaultValue} null makes it optional (absent). */
    public Options integer(String name, String defaultValue, long min, long max, String help) {
        return add(new Option(name, Kind.INTEGER, defaultValue, min, max, null, help));
    }

    public Options real(String name, String defaultValue, String help) {
        return add(new Option(name, Kind.REAL, defaultValue, 0, 0, null, help));
    }

    public Options text(String name, String defaultValue, String help) {
        return add(new Option(name, Kind.TEXT, defaultValue, 0, 0, null, help));
    }

    /** A text option that must be one of {@code choices}. */
    public Options choice(String name, String defaultValue, List<String> choices, String help) {
        return add(new Option(name, Kind.TEXT, defaultValue, 0, 0, List.copyOf(choices), help));
    }

    /**
     * A range of integers {@code --from A --to B}, A <= B, within [min, 2^63-1]: checked when
     * parsed, so a reversed range is a usage error before any rank starts.
     */
    public Options range(String fromDefault, String toDefault, long min, String what) {
        integer("from", fromDefault, min, Long.MAX_VALUE, "first " + what + " of the range");
        integer("to", toDefault, min, Long.MAX_VALUE, "last " + what + " of the range (inclusive, up to 2^63-1)");
        ordered.add(new String[] {"from", "to"});
        return this;
    }

    /** The random seed of a Monte Carlo job; results depend on it, never on the number of ranks. */
    public Options seed() {
        return integer("seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE,
                "random seed; the result is the same for every number of ranks");
    }

    /** The name of a file the job writes: not empty, not a folder. */
    public Options output(String name, String help) {
        return add(new Option(name, Kind.FILE, null, 0, 0, null, help));
    }

    public Options flag(String name, String help) {
        return add(new Option(name, Kind.FLAG, null, 0, 0, null, help));
    }

    private Options add(Option o) {
        if (options.put(o.name(), o) != null) {
            throw new IllegalArgumentException("option declared twice: " + o.name());
        }
        return this;
    }

    public String job() {
        return job;
    }

    /** True when the arguments ask for the version; checked, as the help is, before anything else. */
    public static boolean wantsVersion(String[] args) {
        for (String a : args) {
            if (a.equals("--version") || a.equals("-version")) {
                return true;
            }
        }
        return false;
    }

    /** True when the arguments ask for help; checked before anything else is validated. */
    public static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("-help")) {
                return true;
            }
        }
        return false;
    }

    /** Parses {@code --name value}, {@code --name=value} and {@code --flag}. */
    public Parsed parse(String[] args) throws UsageException {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException("unexpected argument '" + a + "' (see " + job + " --help)");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Option o = options.get(name);
            if (o == null) {
                throw new UsageException("unknown option --" + name + " (see " + job + " --help)");
            }
            if (o.kind() == Kind.FLAG) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (raw.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Option o : options.values()) {
            String v = raw.getOrDefault(o.name(), o.defaultValue());
            if (v == null) {
                if (o.kind() == Kind.FLAG) {
                    values.put(o.name(), Boolean.FALSE);
                }
                continue;
            }
            values.put(o.name(), convert(o, v));
        }
        for (String[] pair : ordered) {
            long first = (Long) values.get(pair[0]);
            long last = (Long) values.get(pair[1]);
            if (first > last) {
                throw new UsageException("--" + pair[0] + " " + first + " is above --" + pair[1] + " " + last);
            }
        }
        if (Boolean.TRUE.equals(values.get("json")) && Boolean.TRUE.equals(values.get("csv"))) {
            throw new UsageException("--json and --csv exclude each other");
        }
        return new Parsed(job, values);
    }

    private static Object convert(Option o, String v) throws UsageException {
        String what = "--" + o.name();
        switch (o.kind()) {
            case INTEGER -> {
                long x = Numbers.parseLong(what, v);
                if (x < o.min() || x > o.max()) {
                    throw new UsageException(what + " must be in [" + o.min() + ", " + o.max() + "], got " + v);
                }
                return x;
            }
            case REAL -> {
                double d;
                try {
                    d = Double.parseDouble(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new UsageException(what + ": '" + v + "' is not a number");
                }
                if (!Double.isFinite(d)) {
                    throw new UsageException(what + ": '" + v + "' is not a finite number");
                }
                return d;
            }
            case FLAG -> {
                return Boolean.parseBoolean(v);
            }
            case FILE -> {
                if (v.isBlank() || v.endsWith("/") || java.nio.file.Files.isDirectory(java.nio.file.Path.of(v))) {
                    throw new UsageException(what + " needs a file name, got '" + v + "'");
                }
                return v;
            }
            default -> {
                if (o.choices() != null && !o.choices().contains(v)) {
                    throw new UsageException(what + " must be one of " + String.join(", ", o.choices())
                            + ", got '" + v + "'");
                }
                return v;
            }
        }
    }

    /** What the value is, as the usage shows it: N an integer, X a real, a choice its values. */
    private static String valueName(Option o) {
        return switch (o.kind()) {
            case INTEGER -> " N";
            case REAL -> " X";
            case TEXT -> o.choices() != null ? " " + String.join("|", o.choices()) : " TEXT";
            case FILE -> " FILE";
            case FLAG -> "";
        };
    }

    public String usage() {
        StringBuilder b = new StringBuilder();
        b.append(job).append(": ").append(summary).append("\n\n");
        b.append("usage: mpj/bin/mpjrun.sh [-np N] [-dev multicore|niodev|hybdev] ").append(job)
                .append(" [options]\n       java -jar target/mpj-numerics.jar [-np N] ").append(job)
                .append(" [options]\n\noptions:\n");
        for (Option o : options.values()) {
            String left = "--" + o.name() + valueName(o);
            String def = o.defaultValue() == null ? "" : " (default " + o.defaultValue() + ")";
            b.append(String.format(Locale.ROOT, "  %-22s %s%s%n", left, o.help(), def));
        }
        b.append(String.format(Locale.ROOT, "  %-22s %s%n", "--help", "print this help and exit"));
        b.append(String.format(Locale.ROOT, "  %-22s %s%n", "--version",
                "print the versions of mpj-numerics, MPJ Express and Java, and exit"));
        b.append("\nIntegers may be written 1000000, 1_000_000, 1e6, 10^6 or as sums like 1e18+1e9.\n");
        if (!examples.isEmpty()) {
            b.append("\nexample:\n");
            for (String e : examples) {
                b.append("  ").append(e).append('\n');
            }
        }
        return b.toString();
    }
}
