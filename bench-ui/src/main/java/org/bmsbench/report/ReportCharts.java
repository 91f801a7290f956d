package org.bmsbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.bmsbench.scenario.Signal;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of a run report, as PNG bytes (JFreeChart, headless): each a panel of signals against time, with
 * a red line where a fatal fault was raised and an orange one for a warning.
 */
public final class ReportCharts {
    static final int WIDTH = 1000;
    static final int HEIGHT = 300;
    private static final int MAX_POINTS = 3000;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd)};

    /** One chart: a title, an axis label and the signals on it, each with a legend name and a scale factor. */
    public record Panel(String title, String axis, List<Line> lines) {
    }

    /** A signal on a panel: {@code scale} times its value (100 for soc in %, -1 for a charge limit). */
    public record Line(String name, Signal signal, double scale) {
    }

    /** A fault raised at a time, for the markers. */
    public record Marker(double timeS, boolean fatal) {
    }

    /** The report's panels. */
    public static final List<Panel> PANELS = List.of(
            new Panel("Pack current and the BMS's limits", "current, A (positive discharging)", List.of(
                    new Line("pack current", Signal.PACK_CURRENT_A, 1),
                    new Line("discharge limit", Signal.DISCHARGE_CURRENT_LIMIT_A, 1),
                    new Line("charge limit (negative)", Signal.CHARGE_CURRENT_LIMIT_A, -1))),
            new Panel("Cell voltages", "V", List.of(
                    new Line("highest cell", Signal.CELL_VOLTAGE_MAX_V, 1),
                    new Line("lowest cell", Signal.CELL_VOLTAGE_MIN_V, 1))),
            new Panel("State of charge", "%", List.of(
                    new Line("displayed by the BMS", Signal.SOC, 100),
                    new Line("true (plant)", Signal.SOC_TRUE, 100))),
            new Panel("Cell temperatures", "degC", List.of(
                    new Line("hottest cell", Signal.CELL_TEMPERATURE_MAX_C, 1),
                    new Line("coldest cell", Signal.CELL_TEMPERATURE_MIN_C, 1))));

    private ReportCharts() {
    }

    /** The chart of one panel. */
    public static JFreeChart chart(Panel panel, TraceTable trace, List<Marker> markers) {
        XYSeriesCollection data = new XYSeriesCollection();
        double[] t = trace.timeS();
        for (Line line : panel.lines()) {
            double[] raw = trace.column(line.signal());
            double[] y = new double[raw.length];
            for (int k = 0; k < y.length; k++) {
                y[k] = raw[k] * line.scale();
            }
            data.addSeries(Charts.thinned(line.name(), t, y, MAX_POINTS));
        }
        XYLineAndShapeRenderer lines = Charts.lines(Arrays.copyOf(COLOURS, panel.lines().size()));
        NumberAxis value = new NumberAxis(panel.axis());
        value.setAutoRangeIncludesZero(false);
        XYPlot plot = Charts.whiteGrid(new XYPlot(data, new NumberAxis("time, s"), value, lines));
        for (Marker m : markers) {
            ValueMarker marker = new ValueMarker(m.timeS(), m.fatal() ? Color.RED : Color.ORANGE,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f));
            plot.addDomainMarker(marker);
        }
        JFreeChart chart = new JFreeChart(panel.title(), JFreeChart.DEFAULT_TITLE_FONT.deriveFont(13f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static byte[] png(JFreeChart chart) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot fail
        }
    }
}
