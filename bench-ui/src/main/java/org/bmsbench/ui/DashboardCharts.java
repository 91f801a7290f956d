package org.bmsbench.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import org.bmsbench.report.Charts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;

/** The dashboard's charts, bound to a {@link DashboardModel}'s datasets. */
public final class DashboardCharts {
    static final Color BLUE = new Color(0x1f77b4);
    static final Color RED = new Color(0xd62728);
    static final Color GREEN = new Color(0x2ca02c);
    static final Color ORANGE = new Color(0xff7f0e);

    final JFreeChart cells;
    final JFreeChart current;
    final JFreeChart soc;
    final JFreeChart temperatures;
    private final DashboardModel model;
    private final ValueMarker minMarker = marker(BLUE);
    private final ValueMarker maxMarker = marker(RED);
    private final XYBlockRenderer blocks = new XYBlockRenderer();
    private PaintScaleLegend legend;
    private double scaleLo = 15;
    private double scaleHi = 45;

    public DashboardCharts(DashboardModel model) {
        this.model = model;
        this.cells = cellsChart();
        this.current = currentChart();
        this.soc = lines("State of charge", "%", model.socs, BLUE, GREEN);
        this.temperatures = temperatureStrip();
    }

    private JFreeChart cellsChart() {
        BarRenderer bars = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return model.balancing(column) ? ORANGE : BLUE; // bleeding cells stand out
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setItemMargin(0);
        bars.setIncludeBaseInRange(false); // the axis spans the cells, not 0 V
        CategoryAxis cellAxis = new CategoryAxis("cell (orange: balancing)");
        cellAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        cellAxis.setTickLabelFont(cellAxis.getTickLabelFont().deriveFont(7f));
        cellAxis.setCategoryMargin(0.1);
        NumberAxis volts = new NumberAxis("V");
        volts.setAutoRangeIncludesZero(false);
        CategoryPlot plot = new CategoryPlot(model.cells, cellAxis, volts, bars);
        plot.addRangeMarker(minMarker);
        plot.addRangeMarker(maxMarker);
        return chart("Cell voltages", plot, false);
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

    /** Moves what the datasets do not carry: the min/max lines and the strip's extent (event thread). */
    public void refresh() {
        if (Double.isFinite(model.cellMinV())) {
            minMarker.setValue(model.cellMinV());
            maxMarker.setValue(model.cellMaxV());
            minMarker.setLabel(String.format("min %.4f V", model.cellMinV()));
            maxMarker.setLabel(String.format("max %.4f V", model.cellMaxV()));
        }
        CategoryPlot cellPlot = cells.getCategoryPlot();
        if (Double.isFinite(model.cellMinV()) && model.cellMaxV() >= model.cellMinV()) {
            double margin = Math.max(0.01, 0.2 * (model.cellMaxV() - model.cellMinV()));
            cellPlot.getRangeAxis().setRange(model.cellMinV() - margin, model.cellMaxV() + margin);
        }
        cellPlot.getDomainAxis().setTickLabelsVisible(model.cells.getColumnCount() <= 32);
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

    private static JFreeChart lines(String title, String axis, org.jfree.data.xy.XYDataset data, Color... colours) {
        NumberAxis value = new NumberAxis(axis);
        value.setAutoRangeIncludesZero(false);
        return chart(title, new XYPlot(data, new NumberAxis("time, s"), value, Charts.lines(colours)), true);
    }

    private static ValueMarker marker(Color colour) {
        ValueMarker m = new ValueMarker(0, colour, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                1f, new float[] {4f, 3f}, 0f));
        m.setLabelPaint(colour);
        m.setLabelFont(m.getLabelFont().deriveFont(9f));
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        return m;
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        if (plot instanceof XYPlot xy) {
            Charts.whiteGrid(xy);
        } else if (plot instanceof CategoryPlot c) {
            c.setBackgroundPaint(Color.WHITE);
            c.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(12f), plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
