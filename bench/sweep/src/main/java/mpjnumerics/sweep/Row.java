package mpjnumerics.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the sweep: one line of runs.csv. Times in seconds, RSS in MiB; NaN where a program
 * does not report a value (compute times of the reference programs, RSS without /usr/bin/time).
 *
 * @param scaling strong (fixed total work), weak (fixed work per rank), jdk or device
 */
record Row(String caseName, String scaling, String program, String jdk, String device, int np,
           long size, int rep, double wall, double computeMin, double computeMax, double rssMiB,
           String result) {

    static final String HEADER =
        "case,scaling,program,jdk,device,np,size,rep,wall_s,compute_min_s,compute_max_s,rss_mib,result";

    boolean ours() {
        return program.equals(Sweep.OURS);
    }

    String csv() {
        return String.join(",", caseName, scaling, program, jdk, device, Integer.toString(np),
            Long.toString(size), Integer.toString(rep), num(wall), num(computeMin), num(computeMax),
            num(rssMiB), result.replace(',', ';'));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format("%.4f", v);
    }

    static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(csv + ": not a sweep CSV (header differs)");
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length != 13) {
                throw new IOException(csv + ": expected 13 fields, got " + f.length + ": " + line);
            }
            rows.add(new Row(f[0], f[1], f[2], f[3], f[4], Integer.parseInt(f[5]), Long.parseLong(f[6]),
                Integer.parseInt(f[7]), parse(f[8]), parse(f[9]), parse(f[10]), parse(f[11]), f[12]));
        }
        return rows;
    }

    private static double parse(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
