package mpjnumerics.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mpjnumerics.sweep.Case.Reference;

/**
 * make bench's job sweep: every job at two sizes and np = 1, 2, 4 (more on bigger machines),
 * strong and weak scaling, our runs alternating with the reference program's so that machine
 * drift affects both; then a Java 25 column and a niodev column. First of all the start-up
 * measurement: Hello at np 2 through mpjrun.sh, through {@code java -jar} and as C under
 * Open MPI's mpirun, the three alternating run by run. Writes runs.csv (one row per run) into
 * the output folder and hands it to {@link Report}.
 *
 * <pre>Sweep --root DIR --out DIR [--quick] [--reps N] [--startup-reps N] [--no-niodev] [--jdk25 JAVA_HOME]</pre>
 */
public final class Sweep {

    static final String OURS = "mpj-numerics";
    /** Our Hello started the other documented way, {@code java -jar target/mpj-numerics.jar}. */
    static final String OURS_JAR = "mpj-numerics-jar";
    /** The start-up case and its scaling column: Hello at np 2, three launches alternating. */
    static final String STARTUP = "startup";
    static final int STARTUP_NP = 2;
    /** The command each program of the start-up measurement stands for, as a user types it. */
    static final Map<String, String> STARTUP_COMMANDS = Map.of(
        OURS, "mpj/bin/mpjrun.sh -np 2 Hello",
        OURS_JAR, "java -jar target/mpj-numerics.jar -np 2 Hello",
        "c-openmpi", "mpirun -np 2 bench/work/hello_mpi");
    static final String DEFAULT_JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    private static final int NIODEV_PORT = 40077;
    private static final long TIMEOUT_SECONDS = 900;

    private final Path root;
    private final Path work;
    private final boolean quick;
    private final int reps;
    private final int startupReps;
    private final List<Integer> nps;
    private final PrintWriter csv;
    private Path machines;

    private Sweep(Path root, Path out, boolean quick, int reps, int startupReps) throws IOException {
        this.root = root;
        this.work = root.resolve("bench/work");
        this.quick = quick;
        this.reps = reps;
        this.startupReps = startupReps;
        this.nps = rankCounts(Runtime.getRuntime().availableProcessors(), quick);
        Files.createDirectories(out);
        this.csv = new PrintWriter(Files.newBufferedWriter(out.resolve("runs.csv")), true);
        csv.println(Row.HEADER);
        Files.writeString(out.resolve("machine.txt"), machine() + "\n");
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: the CPU model stays unknown
        }
        return String.format("Machine: %s, %d cores, %s %s; default JDK %s; multicore device unless noted.", cpu,
            Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
            Runtime.version());
    }

    /** 1, 2, 4, then doubling up to the core count (quick: 1 and 2). */
    static List<Integer> rankCounts(int cores, boolean quick) {
        List<Integer> nps = new ArrayList<>(List.of(1, 2));
        if (!quick) {
            for (int np = 4; np <= Math.max(4, cores); np *= 2) {
                nps.add(np);
            }
        }
        return nps;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        Path out = null;
        boolean quick = false;
        boolean niodev = true;
        Integer reps = null;
        Integer startupReps = null;
        String jdk25 = DEFAULT_JDK25;
        for (Iterator<String> it = List.of(args).iterator(); it.hasNext(); ) {
            String a = it.next();
            switch (a) {
                case "--root" -> root = Path.of(value(it, a));
                case "--out" -> out = Path.of(value(it, a));
                case "--quick" -> quick = true;
                case "--reps" -> reps = Integer.parseInt(value(it, a));
                case "--startup-reps" -> startupReps = Integer.parseInt(value(it, a));
                case "--no-niodev" -> niodev = false;
                case "--jdk25" -> jdk25 = value(it, a);
                default -> usage("unknown option '" + a + "'");
            }
        }
        if (out == null) {
            usage("--out DIR is required");
        }
        // The quick sweep (a smoke test) leaves niodev out: it needs an MPJ daemon, and MPJ
        // 0.44's starter opens its port only after the daemons launch the ranks (a rare race).
        niodev &= !quick;
        // Start-up runs take well under a second each: enough of them for a steady median.
        Sweep sweep = new Sweep(root.toAbsolutePath().normalize(), out, quick, reps != null ? reps : quick ? 2 : 3,
            startupReps != null ? startupReps : quick ? 5 : 10);
        long t0 = System.nanoTime();
        try {
            sweep.runAll(niodev, Files.isExecutable(Path.of(jdk25, "bin/java")) ? jdk25 : null);
        } catch (BenchException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } finally {
            sweep.csv.close();
        }
        note("sweep took %.0f s", (System.nanoTime() - t0) / 1e9);
        Report.write(out);
    }

    private static String value(Iterator<String> it, String option) {
        if (!it.hasNext()) {
            usage(option + " needs a value");
        }
        return it.next();
    }

    private static void usage(String problem) {
        System.err.println("error: " + problem);
        System.err.println("usage: Sweep --root DIR --out DIR [--quick] [--reps N] [--startup-reps N] [--no-niodev]"
            + " [--jdk25 JAVA_HOME]");
        System.exit(2);
    }

    static void note(String format, Object... args) {
        System.err.println("bench: " + String.format(format, args));
    }

    /** The jobs, their sizes (default and quick) and their references. */
    List<Case> cases() {
        String mpirun = "mpirun --allow-run-as-root --oversubscribe -np ";
        Path w = work;
        Reference cPi = new Reference("c-openmpi", (np, n) -> mpirun + np + " " + w.resolve("pi_mpi") + " " + n,
            null, null, true);
        Reference cHello = new Reference("c-openmpi", (np, n) -> mpirun + np + " " + w.resolve("hello_mpi"),
            null, null, true);
        Reference collatzC = new Reference("c-openmp-memo",
            (np, n) -> "OMP_NUM_THREADS=" + np + " " + w.resolve("collatz_memo") + " " + n,
            Pattern.compile("total (\\d+)"), "totalSteps", true);
        Reference primesieve = new Reference("primesieve", (np, n) -> "primesieve " + n + " -t" + np + " --count",
            Pattern.compile("Primes: (\\d+)"), "count", true);
        Reference primesievePrint = new Reference("primesieve",
            (np, n) -> "primesieve " + n + " -t" + np + " --print > " + w.resolve("primes-ref.txt"), null, null, true);
        Reference eC = new Reference("c-openmpi", (np, n) -> mpirun + np + " " + w.resolve("euler_mc_mpi") + " " + n,
            null, null, true);
        Reference vaccaC = new Reference("c-1-thread", (np, n) -> w.resolve("vacca") + " " + n, null, null, false);
        Reference piPython = new Reference("python-mpi4py",
            (np, n) -> mpirun + np + " /usr/bin/python3 " + root.resolve("bench/reference/pi_mpi4py.py") + " " + n,
            null, null, true);
        Reference primesPython = new Reference("python-multiprocessing",
            (np, n) -> "/usr/bin/python3 " + root.resolve("bench/reference/primes_multiprocessing.py") + " " + n + " " + np,
            Pattern.compile("^(\\d+) primes"), "count", true);
        String primesOut = w.resolve("primes-ours.txt").toString();
        return List.of(
            new Case("pi", "samples", n -> List.of("PiMonteCarlo", "--samples", Long.toString(n)),
                sizes(new long[] {100_000_000L, 1_000_000_000L}, new long[] {10_000_000L}),
                quick ? 5_000_000L : 250_000_000L, cPi),
            new Case("collatz", "numbers", n -> List.of("CollatzSteps", "--to", Long.toString(n)),
                sizes(new long[] {10_000_000L, 100_000_000L}, new long[] {1_000_000L}),
                quick ? 1_000_000L : 25_000_000L, collatzC),
            new Case("primecount", "numbers", n -> List.of("PrimeCount", "--to", Long.toString(n), "--method", "sieve"),
                sizes(new long[] {1_000_000_000L, 10_000_000_000L}, new long[] {100_000_000L}),
                quick ? 50_000_000L : 2_500_000_000L, primesieve),
            new Case("primelist", "numbers", n -> List.of("PrimeList", "--to", Long.toString(n), "--out", primesOut),
                sizes(new long[] {100_000_000L, 1_000_000_000L}, new long[] {10_000_000L}), 0, primesievePrint),
            new Case("euler-mc-e", "samples", n -> List.of("EulerConstant", "--constant", "e", "--samples", Long.toString(n)),
                sizes(new long[] {10_000_000L, 100_000_000L}, new long[] {1_000_000L}),
                quick ? 1_000_000L : 25_000_000L, eC),
            new Case("euler-mc-gamma", "samples",
                n -> List.of("EulerConstant", "--constant", "gamma", "--samples", Long.toString(n)),
                sizes(new long[] {10_000_000L, 100_000_000L}, new long[] {1_000_000L}), 0, null),
            new Case("vacca", "terms",
                n -> List.of("EulerConstant", "--constant", "gamma", "--method", "series", "--terms", Long.toString(n)),
                sizes(new long[] {100_000_000L, 1_000_000_000L}, new long[] {10_000_000L}),
                quick ? 5_000_000L : 250_000_000L, vaccaC),
            new Case("e-digits", "digits", n -> List.of("EulerConstant", "--constant", "e", "--digits", Long.toString(n)),
                sizes(new long[] {100_000L, 1_000_000L}, new long[] {10_000L}), 0, null),
            new Case("gamma-digits", "digits",
                n -> List.of("EulerConstant", "--constant", "gamma", "--digits", Long.toString(n)),
                sizes(new long[] {1_000L, 10_000L}, new long[] {1_000L}), 0, null),
            new Case("pi-naive", "samples", n -> List.of("PiMonteCarlo", "--samples", Long.toString(n)),
                sizes(new long[] {10_000_000L}, new long[] {1_000_000L}), 0, piPython),
            new Case("primecount-naive", "numbers", n -> List.of("PrimeCount", "--to", Long.toString(n)),
                sizes(new long[] {1_000_000L}, new long[] {100_000L}), 0, primesPython),
            // Measured apart (startup()), at np 2 only; size 0: Hello has none.
            new Case(STARTUP, "jobs", n -> List.of("Hello"), new long[] {0L}, 0, cHello));
    }

    private long[] sizes(long[] full, long[] quickSizes) {
        return quick ? quickSizes : full;
    }

    private void runAll(boolean niodev, String jdk25) throws IOException, InterruptedException {
        List<Case> cases = cases();
        note("%d cases, np %s, %d runs each%s", cases.size(), nps, reps, quick ? " (quick)" : "");
        startup(cases.stream().filter(c -> c.name().equals(STARTUP)).findFirst().orElseThrow());
        for (Case c : cases) {
            if (c.name().equals(STARTUP)) {
                continue;
            }
            for (long size : c.sizes()) {
                for (int np : nps) {
                    for (int rep = 1; rep <= reps; rep++) {
                        Row ours = record(ours(c, "strong", np, size, rep, null, "multicore"));
                        Row ref = c.reference() == null ? null : record(reference(c, "strong", np, size, rep, ours));
                        note("%s %s np=%d rep %d: ours %.3f s%s", c.name(), size, np, rep, ours.wall(),
                            ref == null ? "" : String.format(", %s %.3f s", ref.program(), ref.wall()));
                    }
                }
            }
            if (c.name().equals("primelist")) {
                Files.deleteIfExists(work.resolve("primes-ours.txt"));
                Files.deleteIfExists(work.resolve("primes-ref.txt"));
            }
            if (c.weakPerRank() > 0) {
                for (int np : nps) {
                    for (int rep = 1; rep <= reps; rep++) {
                        Row r = record(ours(c, "weak", np, c.weakPerRank() * np, rep, null, "multicore"));
                        note("%s weak %d per rank np=%d rep %d: %.3f s", c.name(), c.weakPerRank(), np, rep, r.wall());
                    }
                }
            }
        }
        if (jdk25 != null) {
            sideBySide(cases, "jdk", jdk25, "multicore");
        } else {
            note("no JDK 25 at %s: no jdk column", DEFAULT_JDK25);
        }
        if (niodev) {
            startDaemon();
            try {
                sideBySide(cases, "device", null, "niodev");
            } finally {
                stopDaemon();
            }
        }
    }

    /** np 2, each case's largest size: the default run alternating with a variant (JDK or device). */
    private void sideBySide(List<Case> cases, String scaling, String javaHome, String device)
            throws IOException, InterruptedException {
        for (Case c : cases) {
            if (c.name().endsWith("-naive") || c.name().equals(STARTUP) && !device.equals("niodev")) {
                continue;
            }
            long size = device.equals("niodev") ? c.sizes()[0] : c.largest();
            for (int rep = 1; rep <= reps; rep++) {
                Row base = record(ours(c, scaling, 2, size, rep, null, "multicore"));
                Row other = record(ours(c, scaling, 2, size, rep, javaHome, device));
                note("%s %s np=2 rep %d: %s %s %.3f s, %s %s %.3f s", c.name(), size, rep, base.jdk(), base.device(),
                    base.wall(), other.jdk(), other.device(), other.wall());
            }
        }
    }

    /**
     * The start-up measurement: Hello at np 2 through mpjrun.sh, through {@code java -jar} and
     * as C under mpirun, one after the other in every round, so that load from other users of
     * the machine falls on all three alike. One round first is not recorded: the first runs after
     * a build read the jar, the CDS archive and Open MPI's libraries from disk.
     */
    private void startup(Case c) throws IOException, InterruptedException {
        note("start-up: Hello np %d, %d rounds of %s", STARTUP_NP, startupReps, String.join(" / ", STARTUP_COMMANDS.values()));
        for (int rep = 0; rep <= startupReps; rep++) {
            Row script = ours(c, STARTUP, STARTUP_NP, 0, rep, null, "multicore");
            Row jar = jar(c, rep);
            Row ref = reference(c, STARTUP, STARTUP_NP, 0, rep, script);
            if (rep > 0) {
                record(script);
                record(jar);
                record(ref);
            }
            note("startup np=%d %s: mpjrun.sh %.3f s, java -jar %.3f s, %s %.3f s", STARTUP_NP,
                rep == 0 ? "warm-up" : "rep " + rep, script.wall(), jar.wall(), ref.program(), ref.wall());
        }
    }

    private Row record(Row row) {
        csv.println(row.csv());
        return row;
    }

    /**
     * {@code java -jar target/mpj-numerics.jar -np 2 Hello} as a user types it in a fresh shell:
     * no MPJ_HOME, so the jar finds the project's mpj/ and starts a second JVM with MPJ_HOME set
     * (MPJ reads its configuration from there); mpjrun.sh sets it and starts one JVM.
     */
    private Row jar(Case c, int rep) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", root.resolve("target/mpj-numerics.jar").toString(),
            "-np", Integer.toString(STARTUP_NP)));
        cmd.addAll(c.args().apply(0));
        cmd.add("--json");
        Map<String, String> env = new HashMap<>();
        env.put("MPJ_HOME", null);
        return ourRow(c, STARTUP, OURS_JAR, STARTUP_NP, 0, rep, "multicore", cmd, env);
    }

    private Row ours(Case c, String scaling, int np, long size, int rep, String javaHome, String device)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("mpj/bin/mpjrun.sh").toString(), "-np", Integer.toString(np)));
        if (device.equals("niodev")) {
            cmd.addAll(List.of("-dev", "niodev", "-machinesfile", machines.toString(), "-dport",
                Integer.toString(NIODEV_PORT)));
        }
        cmd.addAll(c.args().apply(size));
        cmd.add("--json");
        Map<String, String> env = new LinkedHashMap<>();
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome);
        }
        return ourRow(c, scaling, OURS, np, size, rep, device, cmd, env);
    }

    private Row ourRow(Case c, String scaling, String program, int np, long size, int rep, String device,
                       List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        Measured m = run(cmd, env);
        JsonNode json = lastJson(m.stdout, cmd);
        JsonNode compute = json.path("computeSeconds");
        String jdk = json.path("javaVersion").asText("?").replaceFirst("[.+-].*", "");
        return new Row(c.name(), scaling, program, jdk, device, np, size, rep, m.wall,
            compute.path("min").asDouble(Double.NaN), compute.path("max").asDouble(Double.NaN), m.rssMiB,
            flatten(json.path("result")));
    }

    private Row reference(Case c, String scaling, int np, long size, int rep, Row ours)
            throws IOException, InterruptedException {
        Reference ref = c.reference();
        Measured m = run(List.of("sh", "-c", ref.command().shell(ref.npMatters() ? np : 1, size)), Map.of());
        String out = m.stdout.strip();
        if (ref.agree() != null) {
            Matcher match = ref.agree().matcher(out);
            String expected = resultField(ours.result(), ref.resultKey());
            if (!match.find() || !match.group(1).equals(expected)) {
                throw new BenchException(c.name() + " " + size + ": " + ref.name() + " says '" + out
                    + "' but mpj-numerics says " + ref.resultKey() + "=" + expected);
            }
        }
        String lastLine = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
        if (c.name().equals("primelist")) {
            if (Files.mismatch(work.resolve("primes-ours.txt"), work.resolve("primes-ref.txt")) != -1) {
                throw new BenchException("primelist " + size + ": our file differs from primesieve's");
            }
            lastLine = "file equal to ours";
        }
        return new Row(c.name(), scaling, ref.name(), "-", "-", np, size, rep, m.wall, Double.NaN, Double.NaN,
            m.rssMiB, lastLine);
    }

    static String resultField(String flattened, String key) {
        for (String kv : flattened.split(" ")) {
            if (kv.startsWith(key + "=")) {
                return kv.substring(key.length() + 1);
            }
        }
        return null;
    }

    /** A job's result object as "key=value key=value", small enough for one CSV cell. */
    static String flatten(JsonNode result) {
        StringBuilder sb = new StringBuilder();
        result.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue().asText());
            }
        });
        return sb.toString();
    }

    private static JsonNode lastJson(String stdout, List<String> cmd) throws IOException {
        String[] lines = stdout.strip().split("\n");
        String last = lines[lines.length - 1];
        if (!last.startsWith("{")) {
            throw new BenchException("no JSON result from: " + String.join(" ", cmd));
        }
        return new ObjectMapper().readTree(last);
    }

    private record Measured(double wall, double rssMiB, String stdout) {}

    /**
     * Runs a command, whole-process wall time and (through /usr/bin/time) peak RSS: GNU time's
     * %M, the largest resident set of any one process of the command's tree (not their sum).
     * An env value of null removes the variable.
     */
    private Measured run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path rss = Files.createTempFile("bench-rss", "");
        Path stdout = Files.createTempFile("bench-out", "");
        Path stderr = Files.createTempFile("bench-err", "");
        try {
            List<String> cmd = new ArrayList<>();
            boolean time = Files.isExecutable(Path.of("/usr/bin/time"));
            if (time) {
                cmd.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
            }
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new BenchException("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 0) {
                List<String> err = Files.readAllLines(stderr);
                throw new BenchException("exit " + p.exitValue() + " from " + String.join(" ", command) + ": "
                    + String.join(" | ", err.subList(Math.max(0, err.size() - 3), err.size())));
            }
            double rssMiB = Double.NaN;
            if (time) {
                List<String> lines = Files.readAllLines(rss);
                rssMiB = Long.parseLong(lines.get(lines.size() - 1).strip()) / 1024.0;
            }
            return new Measured(wall, rssMiB, Files.readString(stdout));
        } finally {
            Files.deleteIfExists(rss);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private void startDaemon() throws IOException, InterruptedException {
        machines = Files.createTempFile("bench-machines", "");
        Files.writeString(machines, "localhost\n");
        daemon("start");
    }

    private void stopDaemon() throws IOException, InterruptedException {
        daemon("stop");
        Files.deleteIfExists(machines);
    }

    private void daemon(String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(root.resolve("mpj/bin/mpjdaemon.sh").toString(), action,
            Integer.toString(NIODEV_PORT)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new BenchException("mpjdaemon.sh " + action + " " + NIODEV_PORT + " failed");
        }
    }

    static final class BenchException extends RuntimeException {
        BenchException(String message) {
            super(message);
        }
    }
}
