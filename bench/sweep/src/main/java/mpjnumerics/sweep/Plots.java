package mpjnumerics.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The sweep's PNG plots, drawn with JFreeChart. */
final class Plots {

    static final List<String> FILES = List.of("speedup.png", "efficiency.png", "throughput.png", "vs-reference.png");
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private Plots() {
    }

    static void draw(Report report, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        save(speedup(report), dir.resolve("speedup.png"));
        save(efficiency(report), dir.resolve("efficiency.png"));
        save(throughput(report), dir.resolve("throughput.png"));
        save(versusReference(report), dir.resolve("vs-reference.png"));
    }

    private static void save(JFreeChart chart, Path file) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Strong-scaling speedup T(1)/T(np) at each case's largest size, with the ideal line. */
    private static JFreeChart speedup(Report report) {
        XYSeriesCollection data = new XYSeriesCollection();
        int maxNp = 1;
        for (String c : report.cases()) {
            List<Integer> nps = report.nps(c, "strong");
            if (nps.size() < 2 || !nps.contains(1)) {
                continue;
            }
            List<Long> sizes = report.sizes(c);
            long size = sizes.get(sizes.size() - 1);
            XYSeries s = new XYSeries(c + " " + Report.size(size));
            for (int np : nps) {
                s.add(np, report.speedup(c, size, np));
                maxNp = Math.max(maxNp, np);
            }
            data.addSeries(s);
        }
        XYSeries ideal = new XYSeries("ideal");
        for (int np = 1; np <= maxNp; np *= 2) {
            ideal.add(np, np);
        }
        data.addSeries(ideal);
        XYPlot plot = linePlot(data, new NumberAxis("ranks (np)"), new NumberAxis("speedup T(1) / T(np)"));
        dashLast(plot, data);
        return new JFreeChart("Strong scaling: speedup (largest size of each job)", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** Parallel efficiency against np: strong scaling (left), weak scaling (right). */
    private static JFreeChart efficiency(Report report) {
        XYSeriesCollection strong = new XYSeriesCollection();
        XYSeriesCollection weak = new XYSeriesCollection();
        for (String c : report.cases()) {
            List<Integer> nps = report.nps(c, "strong");
            if (nps.size() >= 2 && nps.contains(1)) {
                List<Long> sizes = report.sizes(c);
                long size = sizes.get(sizes.size() - 1);
                XYSeries s = new XYSeries(c);
                nps.forEach(np -> s.add((double) np, report.speedup(c, size, np) / np));
                strong.addSeries(s);
            }
            List<Integer> weakNps = report.nps(c, "weak");
            if (weakNps.size() >= 2 && weakNps.contains(1)) {
                XYSeries s = new XYSeries(c + " (weak)");
                weakNps.forEach(np -> s.add((double) np, report.weakEfficiency(c, np)));
                weak.addSeries(s);
            }
        }
        NumberAxis range = new NumberAxis("parallel efficiency");
        range.setRange(0, 1.2);
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(range);
        plot.add(linePlot(strong, new NumberAxis("ranks, fixed total work (strong)"), null));
        plot.add(linePlot(weak, new NumberAxis("ranks, fixed work per rank (weak)"), null));
        plot.addRangeMarker(new ValueMarker(1.0));
        return new JFreeChart("Parallel efficiency: strong (left) and weak (right) scaling", JFreeChart.DEFAULT_TITLE_FONT,
            plot, true);
    }

    /** Work per second against size at np 2 (units differ per job: samples, numbers, terms, digits). */
    private static JFreeChart throughput(Report report) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String c : report.cases()) {
            List<Long> sizes = report.sizes(c);
            if (sizes.size() < 2 || !report.nps(c, "strong").contains(2)) {
                continue;
            }
            XYSeries s = new XYSeries(c);
            for (long size : sizes) {
                s.add(size, size / report.wall(Report.ours(c, "strong", 2, size)).median());
            }
            data.addSeries(s);
        }
        LogarithmicAxis x = new LogarithmicAxis("size (samples, numbers, terms or digits)");
        LogarithmicAxis y = new LogarithmicAxis("size per second of wall time, np 2");
        x.setExpTickLabelsFlag(true);
        y.setExpTickLabelsFlag(true);
        XYPlot plot = linePlot(data, x, y);
        return new JFreeChart("Throughput against size (np 2)", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** Ratio of our wall time to the reference's at each case's largest size, per np. */
    private static JFreeChart versusReference(Report report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String c : report.cases()) {
            String ref = report.reference(c);
            if (ref == null) {
                continue;
            }
            List<Long> sizes = report.sizes(c);
            long size = sizes.get(sizes.size() - 1);
            for (int np : report.nps(c, "strong")) {
                double ratio = report.ratio(c, size, np).median();
                if (!Double.isNaN(ratio)) {
                    data.addValue(ratio, "np " + np, c + " " + Report.size(size) + " / " + ref);
                }
            }
        }
        CategoryAxis cases = new CategoryAxis();
        cases.setMaximumCategoryLabelLines(4);
        cases.setMaximumCategoryLabelWidthRatio(1.2f);
        // Log scale with bars from 1: up is slower than the reference, down is faster.
        LogarithmicAxis ratio = new LogarithmicAxis("our wall time / reference's (log scale, below 1: faster)");
        ratio.setStrictValuesFlag(false);
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setBase(1.0);
        CategoryPlot plot = new CategoryPlot(data, cases, ratio, bars);
        plot.addRangeMarker(new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.5f)));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.GRAY);
        return new JFreeChart("mpj-numerics against the reference programs", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static XYPlot linePlot(XYSeriesCollection data, org.jfree.chart.axis.ValueAxis x,
                                   org.jfree.chart.axis.ValueAxis y) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.GRAY);
        plot.setRangeGridlinePaint(Color.GRAY);
        if (x instanceof NumberAxis n && !(x instanceof LogarithmicAxis)) {
            n.setAutoRangeIncludesZero(false);
            n.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // ranks are whole
        }
        return plot;
    }

    private static void dashLast(XYPlot plot, XYSeriesCollection data) {
        plot.getRenderer().setSeriesStroke(data.getSeriesCount() - 1,
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
        plot.getRenderer().setSeriesPaint(data.getSeriesCount() - 1, Color.BLACK);
    }
}
