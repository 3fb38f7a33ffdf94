package mpjnumerics.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns a sweep's runs.csv into summary.md (the start-up measurement, medians, min and max,
 * ratios against the references computed pair by pair, speedup and parallel efficiency) and PNG
 * plots ({@link Plots}).
 * Runs on its own too: {@code Report DIR} redraws an earlier sweep.
 */
public final class Report {

    private final List<Row> rows;
    private final String machine;

    Report(List<Row> rows, String machine) {
        this.rows = rows;
        this.machine = machine;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report RESULTS-DIR (a folder holding runs.csv)");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    static void write(Path dir) throws IOException {
        Path machine = dir.resolve("machine.txt");
        Report report = new Report(Row.read(dir.resolve("runs.csv")),
            Files.exists(machine) ? Files.readString(machine).strip() : "Machine: not recorded.");
        Files.writeString(dir.resolve("summary.md"), report.markdown(dir.getFileName().toString()));
        Plots.draw(report, dir);
        System.out.print(Files.readString(dir.resolve("summary.md")));
        System.err.println("bench: results in " + dir);
    }

    List<Row> rows() {
        return rows;
    }

    /** Median wall time of our runs matching a filter. */
    Stats wall(Predicate<Row> filter) {
        return Stats.of(rows.stream().filter(filter).map(Row::wall).toList());
    }

    static Predicate<Row> ours(String caseName, String scaling, int np, long size) {
        return r -> r.ours() && r.caseName().equals(caseName) && r.scaling().equals(scaling) && r.np() == np
            && r.size() == size && r.device().equals("multicore");
    }

    List<String> cases() {
        return rows.stream().map(Row::caseName).distinct().toList();
    }

    List<Integer> nps(String caseName, String scaling) {
        return new ArrayList<>(rows.stream().filter(r -> r.caseName().equals(caseName) && r.scaling().equals(scaling))
            .map(Row::np).collect(Collectors.toCollection(TreeSet::new)));
    }

    List<Long> sizes(String caseName) {
        return new ArrayList<>(rows.stream().filter(r -> r.caseName().equals(caseName) && r.scaling().equals("strong"))
            .map(Row::size).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** The reference program of a case's strong-scaling runs, or null. */
    String reference(String caseName) {
        return rows.stream().filter(r -> r.caseName().equals(caseName) && r.scaling().equals("strong") && !r.ours())
            .map(Row::program).findFirst().orElse(null);
    }

    /** Ratios ours / reference, pair by pair (same case, size, np and repetition). */
    Stats ratio(String caseName, long size, int np) {
        Map<Integer, Double> ref = new LinkedHashMap<>();
        rows.stream().filter(r -> !r.ours() && r.caseName().equals(caseName) && r.scaling().equals("strong")
                && r.size() == size && r.np() == np)
            .forEach(r -> ref.put(r.rep(), r.wall()));
        List<Double> ratios = rows.stream().filter(ours(caseName, "strong", np, size))
            .filter(r -> ref.containsKey(r.rep())).map(r -> r.wall() / ref.get(r.rep())).toList();
        return Stats.of(ratios);
    }

    /** The start-up runs of one program (rows of scaling startup). */
    private Predicate<Row> startup(String program) {
        return r -> r.scaling().equals(Sweep.STARTUP) && r.program().equals(program);
    }

    /** The programs of the start-up measurement in the order they ran. */
    List<String> startupPrograms() {
        return rows.stream().filter(r -> r.scaling().equals(Sweep.STARTUP)).map(Row::program).distinct().toList();
    }

    /** Start-up wall time of a program over another's, round by round, then the median. */
    Stats startupRatio(String program, String over) {
        Map<Integer, Double> base = new LinkedHashMap<>();
        rows.stream().filter(startup(over)).forEach(r -> base.put(r.rep(), r.wall()));
        return Stats.of(rows.stream().filter(startup(program)).filter(r -> base.containsKey(r.rep()))
            .map(r -> r.wall() / base.get(r.rep())).toList());
    }

    Stats startupWall(String program) {
        return Stats.of(rows.stream().filter(startup(program)).map(Row::wall).toList());
    }

    Stats startupRss(String program) {
        return Stats.of(rows.stream().filter(startup(program)).map(Row::rssMiB).toList());
    }

    /** Strong-scaling speedup T(1) / T(np) from medians. */
    double speedup(String caseName, long size, int np) {
        return wall(ours(caseName, "strong", 1, size)).median() / wall(ours(caseName, "strong", np, size)).median();
    }

    /** Weak-scaling efficiency T(1) / T(np), work per rank fixed. */
    double weakEfficiency(String caseName, int np) {
        Stats one = wall(r -> r.ours() && r.caseName().equals(caseName) && r.scaling().equals("weak") && r.np() == 1);
        Stats many = wall(r -> r.ours() && r.caseName().equals(caseName) && r.scaling().equals("weak") && r.np() == np);
        return one.median() / many.median();
    }

    String markdown(String title) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark sweep ").append(title).append("\n\n");
        md.append(machine).append("\n\n");
        md.append("Whole-process wall seconds, median of the runs (min to max in brackets). Ratios are ours / "
            + "reference, computed run by run from alternating pairs, then the median.\n\n");

        startupSection(md);

        md.append("## Against the reference programs\n\n");
        md.append("| case | size | np | mpj-numerics s | reference | reference s | ratio (min to max) |\n|---|---|---|---|---|---|---|\n");
        for (String c : cases()) {
            String ref = reference(c);
            if (ref == null) {
                continue;
            }
            for (long size : sizes(c)) {
                for (int np : nps(c, "strong")) {
                    Stats ours = wall(ours(c, "strong", np, size));
                    Stats theirs = wall(r -> !r.ours() && r.caseName().equals(c) && r.size() == size && r.np() == np);
                    Stats ratio = ratio(c, size, np);
                    md.append(String.format("| %s | %s | %d | %s | %s | %s | %.2fx (%.2f to %.2f) |%n", c, size(size), np,
                        fmt(ours), ref, fmt(theirs), ratio.median(), ratio.min(), ratio.max()));
                }
            }
        }

        md.append("\n## Strong scaling (fixed total work)\n\n");
        md.append("| case | size | np | wall s | speedup | efficiency | rank compute s (slowest/fastest) | peak RSS MiB |\n|---|---|---|---|---|---|---|---|\n");
        for (String c : cases()) {
            for (long size : sizes(c)) {
                for (int np : nps(c, "strong")) {
                    Predicate<Row> f = ours(c, "strong", np, size);
                    double s = speedup(c, size, np);
                    Stats cmax = Stats.of(rows.stream().filter(f).map(Row::computeMax).toList());
                    Stats cmin = Stats.of(rows.stream().filter(f).map(Row::computeMin).toList());
                    Stats rss = Stats.of(rows.stream().filter(f).map(Row::rssMiB).toList());
                    md.append(String.format("| %s | %s | %d | %s | %.2f | %.2f | %.3f / %.3f | %.0f |%n", c, size(size), np,
                        fmt(wall(f)), s, s / np, cmax.median(), cmin.median(), rss.max()));
                }
            }
        }

        md.append("\n## Weak scaling (fixed work per rank)\n\n");
        md.append("| case | size per rank | np | total size | wall s | efficiency T(1)/T(np) |\n|---|---|---|---|---|---|\n");
        for (String c : cases()) {
            for (int np : nps(c, "weak")) {
                Predicate<Row> f = r -> r.ours() && r.caseName().equals(c) && r.scaling().equals("weak") && r.np() == np;
                long total = rows.stream().filter(f).findFirst().map(Row::size).orElse(0L);
                md.append(String.format("| %s | %s | %d | %s | %s | %.2f |%n", c, size(total / np), np, size(total),
                    fmt(wall(f)), weakEfficiency(c, np)));
            }
        }

        side(md, "jdk", "## Java versions side by side (np 2)", Row::jdk);
        side(md, "device", "## niodev beside multicore (np 2, one host, through an MPJ daemon)", Row::device);
        return md.toString();
    }

    /**
     * The start-up measurement: the three launches of Hello at np 2, their medians, the ratio
     * to C + Open MPI round by round, and peak RSS.
     */
    private void startupSection(StringBuilder md) {
        List<String> programs = startupPrograms();
        if (programs.isEmpty()) {
            return;
        }
        String c = programs.stream().filter(p -> !p.startsWith(Sweep.OURS)).findFirst().orElse(null);
        md.append("## Start-up (Hello, np ").append(Sweep.STARTUP_NP).append(")\n\n");
        md.append("The three launches ran one after the other in each round (one unrecorded round first). "
            + "Ratios are to C + Open MPI, round by round, then the median. Peak RSS is GNU time's: the largest "
            + "single process (the JVM holding every rank; for java -jar the larger of its two JVMs; for C, "
            + "mpirun or a rank), median and max over the rounds.\n\n");
        md.append("| program | command | runs | wall s | ratio to ").append(c == null ? "C" : c)
            .append(" (min to max) | peak RSS MiB (max) |\n|---|---|---|---|---|---|\n");
        for (String p : programs) {
            Stats wall = startupWall(p);
            Stats rss = startupRss(p);
            Stats ratio = c == null || p.equals(c) ? null : startupRatio(p, c);
            md.append(String.format("| %s | `%s` | %d | %s | %s | %s |%n", p, Sweep.STARTUP_COMMANDS.getOrDefault(p, "?"),
                wall.n(), fmt(wall), ratio == null ? "1.00x" : String.format("%.2fx (%.2f to %.2f)", ratio.median(),
                    ratio.min(), ratio.max()),
                rss.n() == 0 ? "-" : String.format("%.0f (%.0f)", rss.median(), rss.max())));
        }
        md.append("\n");
    }

    /** A variant run alternately with the default: one column per value of what varies. */
    private void side(StringBuilder md, String scaling, String heading, java.util.function.Function<Row, String> what) {
        List<Row> side = rows.stream().filter(r -> r.scaling().equals(scaling)).toList();
        if (side.isEmpty()) {
            return;
        }
        List<String> values = new ArrayList<>(side.stream().map(what).collect(Collectors.toCollection(LinkedHashSet::new)));
        md.append("\n").append(heading).append("\n\n| case | size |");
        values.forEach(v -> md.append(' ').append(v).append(" s |"));
        md.append(" ratio ").append(values.get(values.size() - 1)).append(" / ").append(values.get(0)).append(" |\n|---|---|");
        values.forEach(v -> md.append("---|"));
        md.append("---|\n");
        Set<String> seen = new LinkedHashSet<>();
        for (Row r : side) {
            if (!seen.add(r.caseName() + " " + r.size())) {
                continue;
            }
            md.append("| ").append(r.caseName()).append(" | ").append(size(r.size())).append(" |");
            List<Stats> stats = new ArrayList<>();
            for (String v : values) {
                Stats s = Stats.of(side.stream().filter(x -> x.caseName().equals(r.caseName()) && x.size() == r.size()
                    && Objects.equals(what.apply(x), v)).map(Row::wall).toList());
                stats.add(s);
                md.append(' ').append(fmt(s)).append(" |");
            }
            md.append(String.format(" %.2fx |%n", stats.get(stats.size() - 1).median() / stats.get(0).median()));
        }
    }

    private static String fmt(Stats s) {
        return s.n() == 0 ? "-" : String.format("%.3f (%.3f to %.3f)", s.median(), s.min(), s.max());
    }

    /** 1e9 rather than 1000000000 where exact; - for none (Hello's size 0). */
    static String size(long n) {
        if (n == 0) {
            return "-";
        }
        int e = 0;
        long m = n;
        while (m >= 10 && m % 10 == 0) {
            m /= 10;
            e++;
        }
        return e >= 3 ? (m == 1 ? "" : m + "x") + "1e" + e : Long.toString(n);
    }
}
