package org.bmsbench.fit;

import java.util.Arrays;

/**
 * The open-circuit voltage against soc from a low-rate test, on a grid that is finer (0.5 %) at the steep ends
 * than in the middle (1 %).
 *
 * <p>Each branch is smoothed by a straight-line fit over +-0.4 % of soc around each grid point, and the OCV is
 * the mean of the two branches: the slow current's overpotential and the hysteresis are about symmetric, so they
 * cancel. Near empty the discharge branch is bent down by the end-of-discharge diffusion overpotential: below the
 * lowest soc where the gap between the branches is still regular (at most 1.5 times its median over soc
 * 0.2-0.9), the OCV follows the charge branch less half the gap at that soc. Near full the discharge branch has
 * not yet turned its hysteresis round (it starts from a charge), so the gap closes: above the highest soc where
 * the gap is still regular (at least its median over 1.5), the OCV follows the charge branch in the same way.
 * Where the mean does not rise strictly (flat stretches, noise), the nearest rising curve in least squares
 * (pool-adjacent-violators) replaces it, and the number of points it moved is reported.
 *
 * @param soc            the grid
 * @param voltageV       OCV at each grid point, strictly rising
 * @param halfGapV       half the charge-minus-discharge branch gap at each point (the hysteresis plus the
 *                       test current's overpotential), V
 * @param socCut         the soc below which the OCV follows the charge branch
 * @param monotoneFixes  grid points the monotone correction moved
 */
public record OcvCurve(double[] soc, double[] voltageV, double[] halfGapV, double socCut, int monotoneFixes) {
    private static final double SMOOTHING_HALF_WIDTH = 0.004;
    private static final double IRREGULAR_GAP = 1.5;

    /** The OCV of a low-rate test. */
    public static OcvCurve from(LowRateTest test) {
        double[] grid = grid();
        double[] down = smooth(test.dischargeSoc(), test.dischargeVoltageV(), grid);
        double[] up = smooth(test.chargeSoc(), test.chargeVoltageV(), grid);
        int n = grid.length;
        double[] gap = new double[n];
        for (int k = 0; k < n; k++) {
            gap[k] = up[k] - down[k];
        }
        double median = medianGap(grid, gap);
        int cut = 0;
        for (int k = 0; k < n && grid[k] < 0.5; k++) {
            if (gap[k] > IRREGULAR_GAP * median) {
                cut = k + 1;
            }
        }
        int topCut = n - 1;
        for (int k = n - 1; k >= 0 && grid[k] > 0.5; k--) {
            if (gap[k] < median / IRREGULAR_GAP) {
                topCut = k - 1;
            }
        }
        double[] ocv = new double[n];
        for (int k = 0; k < n; k++) {
            if (k < cut) {
                ocv[k] = up[k] - 0.5 * gap[cut];
            } else if (k > topCut) {
                ocv[k] = up[k] - 0.5 * gap[topCut];
            } else {
                ocv[k] = 0.5 * (up[k] + down[k]);
            }
        }
        double[] rising = isotonic(ocv);
        int fixes = 0;
        for (int k = 0; k < n; k++) {
            if (Math.abs(rising[k] - ocv[k]) > 1e-9) {
                fixes++;
            }
            if (k > 0 && rising[k] <= rising[k - 1]) {
                rising[k] = rising[k - 1] + 5e-5; // ties left by pooling: 0.05 mV steps keep the row rising
            }
        }
        double[] halfGap = new double[n];
        for (int k = 0; k < n; k++) {
            halfGap[k] = 0.5 * gap[k];
        }
        return new OcvCurve(grid, rising, halfGap, grid[Math.min(cut, n - 1)], fixes);
    }

    /** 0.5 % steps below soc 0.1 and from 0.95, 1 % between. */
    static double[] grid() {
        double[] grid = new double[20 + 85 + 11];
        int n = 0;
        for (int k = 0; k < 20; k++) {
            grid[n++] = 0.005 * k;
        }
        for (int k = 0; k < 85; k++) {
            grid[n++] = 0.10 + 0.01 * k;
        }
        for (int k = 0; k <= 10; k++) {
            grid[n++] = 0.95 + 0.005 * k;
        }
        for (int k = 0; k < n; k++) {
            grid[k] = Math.round(grid[k] * 10000) / 10000.0;
        }
        return grid;
    }

    private static double medianGap(double[] grid, double[] gap) {
        double[] middle = new double[gap.length];
        int m = 0;
        for (int k = 0; k < gap.length; k++) {
            if (grid[k] >= 0.2 && grid[k] <= 0.9) {
                middle[m++] = gap[k];
            }
        }
        double[] sorted = Arrays.copyOf(middle, m);
        Arrays.sort(sorted);
        return sorted[m / 2];
    }

    /** The branch at each grid point: a least-squares line through the samples within +-0.4 % soc. */
    static double[] smooth(double[] soc, double[] voltage, double[] grid) {
        Integer[] order = new Integer[soc.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(soc[a], soc[b]));
        double[] s = new double[soc.length];
        double[] v = new double[soc.length];
        for (int k = 0; k < order.length; k++) {
            s[k] = soc[order[k]];
            v[k] = voltage[order[k]];
        }
        double[] out = new double[grid.length];
        int lo = 0;
        for (int g = 0; g < grid.length; g++) {
            double centre = grid[g];
            while (lo < s.length && s[lo] < centre - SMOOTHING_HALF_WIDTH) {
                lo++;
            }
            int hi = lo;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            while (hi < s.length && s[hi] <= centre + SMOOTHING_HALF_WIDTH) {
                double x = s[hi] - centre;
                sx += x;
                sy += v[hi];
                sxx += x * x;
                sxy += x * v[hi];
                hi++;
            }
            int count = hi - lo;
            double denominator = count * sxx - sx * sx;
            if (count >= 3 && denominator > 0) {
                out[g] = (sy * sxx - sx * sxy) / denominator; // the line's value at the centre
            } else {
                out[g] = interpolate(s, v, centre);
            }
        }
        return out;
    }

    /** Linear interpolation in a sorted table, clamped at its ends. */
    static double interpolate(double[] x, double[] y, double at) {
        if (at <= x[0]) {
            return y[0];
        }
        if (at >= x[x.length - 1]) {
            return y[y.length - 1];
        }
        int k = Arrays.binarySearch(x, at);
        if (k >= 0) {
            return y[k];
        }
        int hi = -k - 1;
        int lo = hi - 1;
        return y[lo] + (y[hi] - y[lo]) * (at - x[lo]) / (x[hi] - x[lo]);
    }

    /** The non-decreasing sequence nearest to {@code y} in least squares (pool-adjacent-violators). */
    static double[] isotonic(double[] y) {
        int n = y.length;
        double[] mean = new double[n];
        int[] count = new int[n];
        int blocks = 0;
        for (double value : y) {
            mean[blocks] = value;
            count[blocks] = 1;
            blocks++;
            while (blocks > 1 && mean[blocks - 2] >= mean[blocks - 1]) {
                int c = count[blocks - 2] + count[blocks - 1];
                mean[blocks - 2] = (mean[blocks - 2] * count[blocks - 2] + mean[blocks - 1] * count[blocks - 1]) / c;
                count[blocks - 2] = c;
                blocks--;
            }
        }
        double[] out = new double[n];
        int k = 0;
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < count[b]; j++) {
                out[k++] = mean[b];
            }
        }
        return out;
    }

    /** The OCV at {@code soc}, linear between grid points and clamped at the ends. */
    public double at(double socValue) {
        return interpolate(soc, voltageV, socValue);
    }
}
