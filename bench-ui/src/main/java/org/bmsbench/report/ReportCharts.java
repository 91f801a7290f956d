package org.bmsbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.scenario.Signal;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The charts of a run report, as PNG bytes (JFreeChart, headless): each a panel of signals against time, with
 * a red line where a fatal fault was raised and an orange one for a warning. They show the BMS's view beside the
 * plant's truth: the cell voltages it measured (and the cell whose reading tripped a fault, named and marked), the
 * spread it saw and the cells it bled, its soc with its 3-sigma band.
 */
public final class ReportCharts {
    static final int WIDTH = 1000;
    static final int HEIGHT = 300;
    /** The narrowest temperature axis, K: a pack that holds its temperature is not drawn as a swing. */
    static final double TEMPERATURE_SPAN_MIN_K = 1.0;
    private static final int MAX_POINTS = 3000;
    private static final Color BLUE = new Color(0x1f77b4);
    private static final Color RED = new Color(0xd62728);
    private static final Color GREEN = new Color(0x2ca02c);
    private static final Color LIGHT_RED = new Color(0xf4a6a6);
    private static final Color LIGHT_BLUE = new Color(0x9ecae9);
    private static final Color DARK_RED = new Color(0x8b1a1a);
    private static final Color TRANSLUCENT_GREEN = new Color(0x2c, 0xa0, 0x2c, 0x80);

    /**
     * A fault raised, for the markers: when, its tier, and for a per-cell fault the cell (counted from 1; 0 for
     * none) and the value the BMS measured on it, with its unit.
     */
    public record Fault(double timeS, FaultLevel level, String id, double value, String unit, int cell) {
    }

    /** One chart of the report: its title, and how it is drawn from a run's signals and faults. */
    public record Panel(String title, Drawing drawing) {
        public JFreeChart chart(TraceTable trace, List<Fault> faults) {
            JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(13f),
                    drawing.plot(trace, faults), true);
            chart.setBackgroundPaint(Color.WHITE);
            return chart;
        }
    }

    /** Draws a panel's plot. */
    @FunctionalInterface
    public interface Drawing {
        XYPlot plot(TraceTable trace, List<Fault> faults);
    }

    /** The report's panels, in the page's order. */
    public static final List<Panel> PANELS = List.of(
            new Panel("Pack current and the BMS's limits", ReportCharts::current),
            new Panel("Cell voltages: measured by the BMS and true", ReportCharts::cellVoltages),
            new Panel("Cell voltage spread and balancing", ReportCharts::spreadAndBalancing),
            new Panel("State of charge: the BMS's estimate with its 3-sigma band, and the truth", ReportCharts::soc),
            new Panel("Cell temperatures", ReportCharts::temperatures));

    private ReportCharts() {
    }

    /** The current first and the limits after it, so that the limit lines lie on top of the current's trace. */
    private static XYPlot current(TraceTable trace, List<Fault> faults) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(line("pack current", trace, Signal.PACK_CURRENT_A, 1));
        data.addSeries(line("discharge limit", trace, Signal.DISCHARGE_CURRENT_LIMIT_A, 1));
        data.addSeries(line("charge limit (negative)", trace, Signal.CHARGE_CURRENT_LIMIT_A, -1));
        XYLineAndShapeRenderer lines = Charts.lines(BLUE, RED, GREEN);
        lines.setSeriesStroke(1, new BasicStroke(2f));
        lines.setSeriesStroke(2, new BasicStroke(2f));
        return plot("current, A (positive discharging)", data, lines, faults);
    }

    /** The BMS's readings on top of the plant's cells, and an arrow at each reading that tripped a cell's fault. */
    private static XYPlot cellVoltages(TraceTable trace, List<Fault> faults) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(line("highest cell, true", trace, Signal.CELL_VOLTAGE_MAX_V, 1));
        data.addSeries(line("lowest cell, true", trace, Signal.CELL_VOLTAGE_MIN_V, 1));
        data.addSeries(line("highest cell, measured by the BMS", trace, Signal.CELL_VOLTAGE_MAX_MEASURED_V, 1));
        data.addSeries(line("lowest cell, measured by the BMS", trace, Signal.CELL_VOLTAGE_MIN_MEASURED_V, 1));
        XYLineAndShapeRenderer lines = Charts.lines(LIGHT_RED, LIGHT_BLUE, RED, BLUE);
        lines.setSeriesStroke(0, new BasicStroke(3f));
        lines.setSeriesStroke(1, new BasicStroke(3f));
        XYPlot plot = plot("cell voltage, V", data, lines, faults);
        double endS = data.getDomainUpperBound(false);
        for (Fault trip : cellTrips(faults, "V")) {
            String text = String.format(Locale.ROOT, "cell %d read %.3f V: %s %s", trip.cell(), trip.value(),
                    trip.id(), trip.level().id());
            // the label on the side with room: left of a trip in the run's second half, right of one before
            boolean late = trip.timeS() > endS / 2;
            XYPointerAnnotation arrow = new XYPointerAnnotation(text, trip.timeS(), trip.value(),
                    late ? Math.PI * 0.85 : Math.PI * 0.15);
            arrow.setTextAnchor(late ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT);
            arrow.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            arrow.setArrowPaint(trip.level() == FaultLevel.FATAL ? RED : Color.ORANGE);
            arrow.setArrowWidth(4);
            arrow.setBaseRadius(40);
            plot.addAnnotation(arrow);
        }
        return plot;
    }

    /**
     * Each cell's trip once, at its first raise of its highest tier: a reading that trips info, warning and fatal in
     * one sample gets one arrow, not three.
     */
    static List<Fault> cellTrips(List<Fault> faults, String unit) {
        Map<String, Fault> worst = new LinkedHashMap<>();
        for (Fault f : faults) {
            if (f.cell() > 0 && f.unit().equals(unit) && !Double.isNaN(f.value())) {
                worst.merge(f.id() + " " + f.cell(), f, (a, b) -> b.level().ordinal() > a.level().ordinal() ? b : a);
            }
        }
        return new ArrayList<>(worst.values());
    }

    /**
     * The spread the BMS measured (its readings' noise included) under the true one, in mV; the channels it bled on
     * an axis of their own, translucent beneath both.
     */
    private static XYPlot spreadAndBalancing(TraceTable trace, List<Fault> faults) {
        XYSeriesCollection spread = new XYSeriesCollection();
        spread.addSeries(line("spread, measured by the BMS", trace, Signal.CELL_VOLTAGE_SPREAD_MEASURED_V, 1000));
        spread.addSeries(line("spread, true", trace, Signal.CELL_VOLTAGE_SPREAD_V, 1000));
        XYLineAndShapeRenderer lines = Charts.lines(LIGHT_RED, DARK_RED);
        lines.setSeriesStroke(1, new BasicStroke(2f));
        XYPlot plot = plot("highest - lowest cell, mV", spread, lines, faults);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        XYSeriesCollection balancing = new XYSeriesCollection();
        balancing.addSeries(line("cells balancing (right axis)", trace, Signal.BALANCING_CELLS, 1));
        NumberAxis cells = new NumberAxis("cells balancing");
        cells.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        // from zero, and at least to one: a run that bleeds no cell shows a flat line at the bottom
        double most = balancing.getSeries(0).isEmpty() ? 0 : balancing.getSeries(0).getMaxY();
        cells.setRange(0, Math.max(1, most) * 1.05);
        plot.setRangeAxis(1, cells);
        plot.setDataset(1, balancing);
        plot.mapDatasetToRangeAxis(1, 1);
        XYStepRenderer steps = new XYStepRenderer();
        steps.setSeriesPaint(0, TRANSLUCENT_GREEN);
        steps.setSeriesStroke(0, new BasicStroke(1.3f));
        plot.setRenderer(1, steps);
        return plot;
    }

    /** The displayed soc with the estimator's 3-sigma band (its least certain channel's), and the true soc. */
    private static XYPlot soc(TraceTable trace, List<Fault> faults) {
        YIntervalSeries estimate = new YIntervalSeries("displayed by the BMS, with 3 sigma");
        double[] t = trace.timeS();
        double[] soc = trace.column(Signal.SOC);
        double[] sigma = trace.column(Signal.SOC_SIGMA);
        int stride = Math.max(1, t.length / MAX_POINTS);
        for (int k = 0; k < t.length; k += stride) {
            if (Double.isNaN(soc[k])) {
                continue; // before the BMS had an estimate
            }
            double band = Double.isNaN(sigma[k]) ? 0 : 3 * sigma[k];
            estimate.add(t[k], 100 * soc[k], 100 * Math.max(0, soc[k] - band), 100 * Math.min(1, soc[k] + band));
        }
        YIntervalSeriesCollection banded = new YIntervalSeriesCollection();
        banded.addSeries(estimate);
        DeviationRenderer deviation = new DeviationRenderer(true, false);
        deviation.setSeriesPaint(0, BLUE);
        deviation.setSeriesFillPaint(0, LIGHT_BLUE);
        deviation.setSeriesStroke(0, new BasicStroke(1.3f));
        deviation.setAlpha(0.4f);
        XYSeriesCollection truth = new XYSeriesCollection();
        truth.addSeries(line("true (plant)", trace, Signal.SOC_TRUE, 100));
        XYPlot plot = plot("soc, %", truth, Charts.lines(RED), faults);
        plot.setDataset(1, banded);
        plot.setRenderer(1, deviation);
        return plot;
    }

    /** Hottest and coldest cell, on an axis never narrower than {@link #TEMPERATURE_SPAN_MIN_K}. */
    private static XYPlot temperatures(TraceTable trace, List<Fault> faults) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(line("hottest cell", trace, Signal.CELL_TEMPERATURE_MAX_C, 1));
        data.addSeries(line("coldest cell", trace, Signal.CELL_TEMPERATURE_MIN_C, 1));
        XYPlot plot = plot("degC", data, Charts.lines(RED, BLUE), faults);
        Range range = data.getRangeBounds(false);
        if (range != null && range.getLength() < TEMPERATURE_SPAN_MIN_K) {
            // centred on the data, with the axis's usual margins kept off the ends
            double half = TEMPERATURE_SPAN_MIN_K / 2;
            plot.getRangeAxis().setRange(range.getCentralValue() - half, range.getCentralValue() + half);
        }
        return plot;
    }

    /** A signal as a line, {@code scale} times its value, thinned keeping spikes. */
    private static XYSeries line(String name, TraceTable trace, Signal signal, double scale) {
        double[] raw = trace.column(signal);
        double[] y = new double[raw.length];
        for (int k = 0; k < y.length; k++) {
            y[k] = raw[k] * scale;
        }
        return Charts.thinned(name, trace.timeS(), y, MAX_POINTS);
    }

    /** A plot against time of the first dataset, the series drawn in order (the last on top), faults marked. */
    private static XYPlot plot(String axis, XYSeriesCollection data, XYLineAndShapeRenderer renderer,
                               List<Fault> faults) {
        NumberAxis value = new NumberAxis(axis);
        value.setAutoRangeIncludesZero(false);
        XYPlot plot = Charts.whiteGrid(new XYPlot(data, new NumberAxis("time, s"), value, renderer));
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        for (Fault f : faults) {
            if (f.level() == FaultLevel.INFO) {
                continue;
            }
            plot.addDomainMarker(new ValueMarker(f.timeS(), f.level() == FaultLevel.FATAL ? RED : Color.ORANGE,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f)));
        }
        return plot;
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
