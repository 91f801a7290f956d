package org.bmsbench.validate;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.bmsbench.report.Charts;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A PNG of a validation run: measured against model voltage above, reference against estimated soc below with the
 * estimator's own 3-sigma band shaded.
 */
public final class ValidationPlot {
    private static final int MAX_POINTS = 4000;
    private static final Color BAND = new Color(0xf6c6c6);

    private ValidationPlot() {
    }

    public static void write(Validation.Result result, Path file) throws IOException {
        NumberAxis time = new NumberAxis("time, s");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.add(panel("terminal voltage, V", series("measured", result.timeS(), result.measuredV()),
                series("model", result.timeS(), result.modelV())), 1);
        XYPlot soc = panel("soc", series("reference (charge count)", result.timeS(), result.referenceSoc()),
                series("estimated (" + result.estimator().id() + ")", result.timeS(), result.estimatedSoc()));
        soc.setDataset(1, band(result));
        XYDifferenceRenderer shade = new XYDifferenceRenderer(BAND, BAND, false);
        shade.setSeriesPaint(0, BAND);
        shade.setSeriesPaint(1, BAND);
        soc.setRenderer(1, shade);
        soc.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        // the axis follows the soc, not the band: a wrong start's band spans far more than 0..1
        double low = Math.min(min(result.referenceSoc()), min(result.estimatedSoc()));
        double high = Math.max(max(result.referenceSoc()), max(result.estimatedSoc()));
        soc.getRangeAxis().setRange(low - 0.05, high + 0.05);
        plot.add(soc, 1);
        JFreeChart chart = new JFreeChart(String.format(java.util.Locale.ROOT,
                "%s on %s: voltage %.1f mV RMS, soc %.2f %% RMS after %.0f s", result.cell(), result.file(),
                1000 * result.voltageRmseV(), 100 * result.socRmseAfterSettle(), Validation.SETTLE_S),
                JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1400, 900);
    }

    /** The estimate's 3-sigma band, drawn under the lines. */
    private static XYSeriesCollection band(Validation.Result r) {
        double[] t = r.timeS();
        double[] low = new double[t.length];
        double[] high = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            low[k] = r.estimatedSoc()[k] - 3 * r.estimatedSocSigma()[k];
            high[k] = r.estimatedSoc()[k] + 3 * r.estimatedSocSigma()[k];
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("estimate +3 sigma", t, high));
        data.addSeries(series("estimate -3 sigma", t, low));
        return data;
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Double.isFinite(v) ? Math.min(m, v) : m;
        }
        return m;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Double.isFinite(v) ? Math.max(m, v) : m;
        }
        return m;
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
