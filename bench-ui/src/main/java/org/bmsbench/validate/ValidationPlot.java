package org.bmsbench.validate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.bmsbench.report.Charts;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A PNG of a validation run, three panels on one time axis, each with its own legend and its own colours: measured
 * against model voltage; the model's error (model minus measured, mV, with its RMS); reference against estimated
 * soc with the estimator's own 3-sigma band shaded.
 */
public final class ValidationPlot {
    private static final int MAX_POINTS = 4000;
    private static final Color MEASURED = new Color(0x333333);
    private static final Color MODEL = new Color(0x1f77b4);
    private static final Color ERROR = new Color(0x9467bd);
    private static final Color REFERENCE = new Color(0x2ca02c);
    private static final Color ESTIMATED = new Color(0xd62728);
    private static final Color BAND = new Color(0xf6c6c6);

    private ValidationPlot() {
    }

    public static void write(Validation.Result result, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart(result), 1400, 1000);
    }

    /** The chart {@link #write} draws. */
    static JFreeChart chart(Validation.Result result) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("time, s"));
        plot.setGap(12);
        plot.add(voltage(result), 3);
        plot.add(error(result), 2);
        plot.add(soc(result), 3);
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT,
                "%s on %s: voltage %.1f mV RMS, soc %.2f %% RMS after %.0f s", result.cell(), result.file(),
                1000 * result.voltageRmseV(), 100 * result.socRmseAfterSettle(), Validation.SETTLE_S),
                JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYPlot voltage(Validation.Result r) {
        return panel("terminal voltage, V", false, new Color[] {MEASURED, MODEL},
                series("measured", r.timeS(), r.measuredV()), series("model", r.timeS(), r.modelV()));
    }

    /** Model minus measured voltage, mV: where the model runs high or low, and by how much. */
    private static XYPlot error(Validation.Result r) {
        double[] errorMv = new double[r.timeS().length];
        for (int k = 0; k < errorMv.length; k++) {
            errorMv[k] = 1000 * (r.modelV()[k] - r.measuredV()[k]);
        }
        XYPlot plot = panel("model - measured, mV", true, new Color[] {ERROR}, series(String.format(Locale.ROOT,
                "model - measured (%.1f mV RMS)", 1000 * r.voltageRmseV()), r.timeS(), errorMv));
        ValueMarker zero = new ValueMarker(0, Color.GRAY, new BasicStroke(1f));
        plot.addRangeMarker(zero);
        return plot;
    }

    private static XYPlot soc(Validation.Result r) {
        XYPlot plot = panel("soc", false, new Color[] {REFERENCE, ESTIMATED},
                series("reference (charge count)", r.timeS(), r.referenceSoc()),
                series("estimated (" + r.estimator().id() + ")", r.timeS(), r.estimatedSoc()));
        plot.setDataset(1, band(r));
        XYDifferenceRenderer shade = new XYDifferenceRenderer(BAND, BAND, false);
        shade.setSeriesPaint(0, BAND);
        shade.setSeriesPaint(1, BAND);
        shade.setSeriesVisibleInLegend(1, false); // one entry for the band
        plot.setRenderer(1, shade);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        // the axis follows the soc, not the band: a wrong start's band spans far more than 0..1
        double low = Math.min(min(r.referenceSoc()), min(r.estimatedSoc()));
        double high = Math.max(max(r.referenceSoc()), max(r.estimatedSoc()));
        plot.getRangeAxis().setRange(low - 0.05, high + 0.05);
        return plot;
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
        data.addSeries(series("estimate's 3-sigma band", t, high));
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

    /** A panel with its lines in {@code colours} and its legend inside it, in its lower left corner. */
    private static XYPlot panel(String label, boolean includeZero, Color[] colours, XYSeries... lines) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : lines) {
            data.addSeries(s);
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(includeZero);
        XYPlot plot = Charts.whiteGrid(new XYPlot(data, null, axis, Charts.lines(colours)));
        LegendTitle legend = new LegendTitle(plot);
        legend.setBackgroundPaint(new Color(255, 255, 255, 220));
        legend.setFrame(new BlockBorder(Color.LIGHT_GRAY));
        legend.setPosition(RectangleEdge.BOTTOM);
        plot.addAnnotation(new XYTitleAnnotation(0.005, 0.02, legend, RectangleAnchor.BOTTOM_LEFT));
        return plot;
    }

    private static XYSeries series(String name, double[] x, double[] y) {
        return Charts.thinned(name, x, y, MAX_POINTS);
    }
}
