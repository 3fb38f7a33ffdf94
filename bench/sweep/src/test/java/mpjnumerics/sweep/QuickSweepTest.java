package mpjnumerics.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of make bench's quick mode: the real sweep, run as its own process with the project's
 * jar and the reference programs, yields a well-formed CSV, a summary and readable plots.
 */
class QuickSweepTest {

    @Test
    void quickSweepWritesCsvSummaryAndPlots(@TempDir Path out) throws Exception {
        Path root = Path.of(System.getProperty("project.root")).toAbsolutePath().normalize();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Sweep.class.getName(),
            "--root", root.toString(), "--out", out.toString(), "--quick")
            .redirectErrorStream(true).redirectOutput(out.resolve("sweep.log").toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "quick sweep did not finish in 10 minutes");
        assertEquals(0, p.exitValue(), () -> "sweep failed: " + tail(out.resolve("sweep.log")));

        List<Row> rows = Row.read(out.resolve("runs.csv"));
        Report report = new Report(rows, "test");
        Set<String> cases = rows.stream().map(Row::caseName).collect(Collectors.toSet());
        assertTrue(cases.containsAll(Set.of("pi", "collatz", "primecount", "primelist", "euler-mc-e", "vacca",
            "e-digits", "gamma-digits", "startup")), cases.toString());
        for (Row r : rows) {
            assertTrue(r.wall() > 0 && r.wall() < 600, r.csv());
            assertFalse(r.result().isBlank(), r.csv());
            if (r.ours()) {
                assertTrue(r.computeMax() >= r.computeMin() && r.computeMin() >= 0, r.csv());
                assertTrue(r.jdk().matches("\\d+"), r.csv());
            }
        }
        for (String c : List.of("pi", "primecount", "collatz")) {
            assertEquals(List.of(1, 2), report.nps(c, "strong"), c);
            assertEquals(List.of(1, 2), report.nps(c, "weak"), c);
            assertTrue(report.ratio(c, report.sizes(c).get(0), 2).n() >= 2, c);
        }
        // Every run of a case at one size agrees on the result, whatever np or device.
        rows.stream().filter(Row::ours).collect(Collectors.groupingBy(r -> r.caseName() + " " + r.size(),
                Collectors.mapping(r -> r.result().replaceAll("(stdError|absError|estimate)=\\S+", ""), Collectors.toSet())))
            .forEach((k, results) -> assertEquals(1, results.size(), k + ": " + results));

        // The start-up measurement: Hello at np 2, three launches in every round, 5 rounds when quick.
        List<Row> startup = rows.stream().filter(r -> r.scaling().equals(Sweep.STARTUP)).toList();
        assertEquals(List.of(Sweep.OURS, Sweep.OURS_JAR, "c-openmpi"), report.startupPrograms());
        for (String program : report.startupPrograms()) {
            List<Row> runs = startup.stream().filter(r -> r.program().equals(program)).toList();
            assertEquals(List.of(1, 2, 3, 4, 5), runs.stream().map(Row::rep).toList(), program);
            runs.forEach(r -> assertTrue(r.np() == 2 && r.rssMiB() > 0, r.csv()));
        }
        startup.stream().filter(r -> r.program().startsWith(Sweep.OURS))
            .forEach(r -> assertEquals("size=2", r.result(), r.csv()));
        assertEquals(5, report.startupRatio(Sweep.OURS, "c-openmpi").n());

        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("## Start-up (Hello, np 2)"), summary);
        assertTrue(summary.contains("| mpj-numerics-jar | `java -jar target/mpj-numerics.jar -np 2 Hello` | 5 |"), summary);
        assertTrue(summary.contains("| primecount | 1e8 | 2 |"), summary);
        assertTrue(summary.contains("## Weak scaling"), summary);
        for (String png : Plots.FILES) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(image, png);
            assertEquals(900, image.getWidth(), png);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (Exception e) {
            return e.toString();
        }
    }
}
