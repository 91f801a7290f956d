package org.bmsbench.report;

import org.jfree.data.xy.XYSeries;

/** Chart series from long sampled signals. */
public final class ChartSeries {
    private ChartSeries() {
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
