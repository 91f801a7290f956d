package org.bmsbench.validate;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.bmsbench.report.Charts;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A PNG of a validation run: measured against model voltage above, reference against estimated soc below. */
public final class ValidationPlot {
    private static final int MAX_POINTS = 4000;

    private ValidationPlot() {
    }

    public static void write(Validation.Result result, Path file) throws IOException {
        NumberAxis time = new NumberAxis("time, s");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.add(panel("terminal voltage, V", series("measured", result.timeS(), result.measuredV()),
                series("model", result.timeS(), result.modelV())), 1);
        plot.add(panel("soc", series("reference (charge count)", result.timeS(), result.referenceSoc()),
                series("estimated (" + result.estimator().name().toLowerCase(java.util.Locale.ROOT) + ")",
                        result.timeS(), result.estimatedSoc())), 1);
        JFreeChart chart = new JFreeChart(String.format(java.util.Locale.ROOT,
                "%s on %s: voltage %.1f mV RMS, soc %.2f %% RMS after %.0f s", result.cell(), result.file(),
                1000 * result.voltageRmseV(), 100 * result.socRmseAfterSettle(), Validation.SETTLE_S),
                JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1400, 900);
    }

    private static XYPlot panel(String label, XYSeries first, XYSeries second) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(first);
        data.addSeries(second);
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return Charts.whiteGrid(new XYPlot(data, null, axis, Charts.lines(new Color(0x1f77b4), new Color(0xd62728))));
    }

    private static XYSeries series(String name, double[] x, double[] y) {
        return Charts.thinned(name, x, y, MAX_POINTS);
    }
}
