package org.bmsbench.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import org.bmsbench.report.Charts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/** The dashboard's charts, bound to a {@link DashboardModel}'s datasets. */
public final class DashboardCharts {
    static final Color BLUE = new Color(0x1f77b4);
    static final Color RED = new Color(0xd62728);
    static final Color GREEN = new Color(0x2ca02c);
    static final Color ORANGE = new Color(0xff7f0e);
    /** Implausible channels marked one by one at most; beyond, the title counts them. */
    private static final int MAX_MARKED = 8;

    final JFreeChart cells;
    final JFreeChart current;
    final JFreeChart soc;
    final JFreeChart temperatures;
    private final DashboardModel model;
    private final ValueMarker minMarker = marker(BLUE, false);
    private final ValueMarker maxMarker = marker(RED, true);
    private final TextTitle implausible = new TextTitle("");
    /** The displayed-soc rule and the channels it comes from, under the soc chart's title. */
    private final TextTitle socRule = new TextTitle("");
    private final XYBlockRenderer blocks = new XYBlockRenderer();
    private PaintScaleLegend legend;
    private double scaleLo = 15;
    private double scaleHi = 45;

    public DashboardCharts(DashboardModel model) {
        this.model = model;
        this.cells = cellsChart();
        this.current = currentChart();
        this.soc = lines("State of charge", "%", model.socs, BLUE, GREEN);
        socRule.setFont(socRule.getFont().deriveFont(10f));
        soc.addSubtitle(socRule);
        this.temperatures = temperatureStrip();
    }

    private JFreeChart cellsChart() {
        XYBarRenderer bars = new XYBarRenderer(0.1) {
            @Override
            public Paint getItemPaint(int series, int item) {
                // readings the BMS holds implausible are grey (it does not use them), bleeding cells stand out
                return !model.valid(item) ? Color.GRAY : model.balancing(item) ? ORANGE : BLUE;
            }
        };
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        NumberAxis cellAxis = new NumberAxis("cell (orange: balancing, grey: implausible)");
        cellAxis.setTickLabelFont(cellAxis.getTickLabelFont().deriveFont(9f));
        NumberAxis volts = new NumberAxis("V");
        volts.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(model.cells, cellAxis, volts, bars);
        plot.setDomainGridlinesVisible(false);
        plot.addRangeMarker(minMarker, Layer.FOREGROUND);
        plot.addRangeMarker(maxMarker, Layer.FOREGROUND);
        JFreeChart chart = chart("Cell voltages", plot, false);
        implausible.setPaint(RED);
        implausible.setFont(implausible.getFont().deriveFont(Font.BOLD, 11f));
        implausible.setVisible(false);
        chart.addSubtitle(implausible);
        return chart;
    }

    private JFreeChart currentChart() {
        XYLineAndShapeRenderer amps = Charts.lines(BLUE, GREEN, RED);
        NumberAxis ampsAxis = new NumberAxis("A (positive discharging)");
        XYPlot plot = new XYPlot(model.currents, new NumberAxis("time, s"), ampsAxis, amps);
        NumberAxis voltsAxis = new NumberAxis("pack V");
        voltsAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(1, voltsAxis);
        plot.setDataset(1, model.voltages);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, Charts.lines(Color.DARK_GRAY));
        return chart("Pack current, limits and voltage", plot, true);
    }

    /** Blue (cold) to red (hot) over {@code lo..hi} degC. */
    static LookupPaintScale temperatureScale(double lo, double hi) {
        LookupPaintScale scale = new LookupPaintScale(lo, hi, Color.LIGHT_GRAY);
        int steps = 64;
        for (int k = 0; k < steps; k++) {
            float f = k / (float) (steps - 1);
            scale.add(lo + (hi - lo) * k / steps, Color.getHSBColor(0.66f * (1 - f), 0.85f, 0.95f));
        }
        return scale;
    }

    private JFreeChart temperatureStrip() {
        LookupPaintScale scale = temperatureScale(15, 45);
        blocks.setPaintScale(scale);
        NumberAxis sensor = new NumberAxis("sensor");
        sensor.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis none = new NumberAxis();
        none.setVisible(false);
        none.setRange(-0.5, 0.5);
        XYPlot plot = new XYPlot(model.temperatures, sensor, none, blocks);
        JFreeChart chart = chart("Cell temperatures", plot, false);
        NumberAxis legendAxis = new NumberAxis("degC");
        legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(10);
        chart.addSubtitle(legend);
        return chart;
    }

    /**
     * Moves what the datasets do not carry (event thread): the min/max lines and their labels, the cell numbers,
     * the implausible channels' marks, the displayed-soc rule and the strip's extent.
     */
    public void refresh() {
        XYPlot cellPlot = cells.getXYPlot();
        int n = model.channels();
        if (n > 0) {
            // every cell numbered on a small pack, every 8th on a large one, where numbers would run together
            NumberAxis cellAxis = (NumberAxis) cellPlot.getDomainAxis();
            cellAxis.setTickUnit(new NumberTickUnit(n <= 32 ? 1 : 8));
            cellAxis.setRange(0.5, n + 0.5);
        }
        if (Double.isFinite(model.cellMinV()) && model.cellMaxV() >= model.cellMinV()) {
            minMarker.setValue(model.cellMinV());
            maxMarker.setValue(model.cellMaxV());
            minMarker.setLabel(String.format(Locale.ROOT, "min %.4f V%s", model.cellMinV(),
                    cellName(model.cellMinIndex())));
            maxMarker.setLabel(String.format(Locale.ROOT, "max %.4f V%s", model.cellMaxV(),
                    cellName(model.cellMaxIndex())));
            double margin = Math.max(0.01, 0.2 * (model.cellMaxV() - model.cellMinV()));
            cellPlot.getRangeAxis().setRange(model.cellMinV() - margin, model.cellMaxV() + margin);
        }
        markImplausible(cellPlot);
        socRule.setText(model.socRule());
        int sensors = model.temperatures.getSeriesCount() == 0 ? 0 : model.temperatures.getItemCount(0);
        if (sensors > 0) {
            ((XYPlot) temperatures.getPlot()).getDomainAxis().setRange(0.5, sensors + 0.5);
            // the colours span what the cells span (at least 10 K), moving in 5 K steps so they do not flicker
            double lo = 5 * Math.floor(model.temperatureMinC() / 5);
            double hi = Math.max(lo + 10, 5 * Math.ceil(model.temperatureMaxC() / 5));
            if (lo != scaleLo || hi != scaleHi) {
                scaleLo = lo;
                scaleHi = hi;
                LookupPaintScale scale = temperatureScale(lo, hi);
                blocks.setPaintScale(scale);
                legend.setScale(scale);
                legend.getAxis().setRange(lo, hi);
            }
        }
    }

    /** Each channel the BMS holds implausible gets its number in red above its bar, and the title says which. */
    private void markImplausible(XYPlot cellPlot) {
        cellPlot.clearAnnotations();
        List<Integer> bad = model.implausibleChannels();
        StringBuilder names = new StringBuilder();
        for (int k = 0; k < Math.min(bad.size(), MAX_MARKED); k++) {
            int cell = bad.get(k) + 1;
            XYTextAnnotation mark = new XYTextAnnotation(Integer.toString(cell), cell,
                    cellPlot.getRangeAxis().getUpperBound());
            mark.setPaint(RED);
            mark.setFont(mark.getFont().deriveFont(Font.BOLD, 10f));
            mark.setTextAnchor(TextAnchor.TOP_CENTER);
            cellPlot.addAnnotation(mark, false);
            names.append(k == 0 ? "" : ", ").append(cell);
        }
        if (bad.size() > MAX_MARKED) {
            names.append(" and ").append(bad.size() - MAX_MARKED).append(" more");
        }
        implausible.setText(bad.isEmpty() ? "" : "implausible, not used by the BMS: cell" + (bad.size() > 1 ? "s "
                : " ") + names);
        implausible.setVisible(!bad.isEmpty());
    }

    private static String cellName(int index) {
        return index < 0 ? "" : " (cell " + (index + 1) + ")";
    }

    private static JFreeChart lines(String title, String axis, org.jfree.data.xy.XYDataset data, Color... colours) {
        NumberAxis value = new NumberAxis(axis);
        value.setAutoRangeIncludesZero(false);
        return chart(title, new XYPlot(data, new NumberAxis("time, s"), value, Charts.lines(colours)), true);
    }

    /**
     * A dashed line whose label sits on an opaque box in front of the bars (the min line runs through every bar,
     * so a see-through label there could not be read): above the line for the max, below it for the min.
     */
    private static ValueMarker marker(Color colour, boolean above) {
        ValueMarker m = new ValueMarker(0, colour, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                1f, new float[] {4f, 3f}, 0f));
        m.setLabelPaint(colour);
        m.setLabelFont(m.getLabelFont().deriveFont(Font.BOLD, 10f));
        m.setLabelBackgroundColor(Color.WHITE);
        m.setLabelAnchor(above ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
        m.setLabelTextAnchor(above ? TextAnchor.BOTTOM_RIGHT : TextAnchor.TOP_RIGHT);
        return m;
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        if (plot instanceof XYPlot xy) {
            Charts.whiteGrid(xy);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(12f), plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
