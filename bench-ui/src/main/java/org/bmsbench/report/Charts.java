package org.bmsbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;

/** What the bench's charts (reports, validation plots, the dashboard) share: their look, and thinned series. */
public final class Charts {
    private Charts() {
    }

    /** White background, light grey grid lines. */
    public static XYPlot whiteGrid(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** Lines without shapes, the k-th series in the k-th colour. */
    public static XYLineAndShapeRenderer lines(Color... colours) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int k = 0; k < colours.length; k++) {
            r.setSeriesPaint(k, colours[k]);
            r.setSeriesStroke(k, new BasicStroke(1.3f));
        }
        return r;
    }

    /**
     * The series, thinned to about {@code maxPoints} points by keeping each stride's lowest and highest value in
     * time order, so that spikes survive the thinning; NaN samples are left out.
     */
    public static XYSeries thinned(String name, double[] x, double[] y, int maxPoints) {
        XYSeries s = new XYSeries(name, false, true);
        int stride = Math.max(1, (int) Math.ceil(2.0 * x.length / maxPoints));
        for (int from = 0; from < x.length; from += stride) {
            int to = Math.min(x.length, from + stride);
            int lo = -1;
            int hi = -1;
            for (int k = from; k < to; k++) {
                if (Double.isNaN(y[k])) {
                    continue;
                }
                if (lo < 0 || y[k] < y[lo]) {
                    lo = k;
                }
                if (hi < 0 || y[k] > y[hi]) {
                    hi = k;
                }
            }
            if (lo >= 0) {
                s.add(x[Math.min(lo, hi)], y[Math.min(lo, hi)]);
                if (lo != hi) {
                    s.add(x[Math.max(lo, hi)], y[Math.max(lo, hi)]);
                }
            }
        }
        return s;
    }
}
