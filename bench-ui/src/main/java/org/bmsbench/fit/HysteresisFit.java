package org.bmsbench.fit;

import java.util.function.DoubleFunction;
import org.bmsbench.model.CellParameters;

/**
 * The hysteresis of a low-rate test. Its two branches sit apart by twice the hysteresis plus twice the test
 * current's drop in the cell's DC resistance (R0 and the RC pairs, from the pulse fit): {@code M = half the gap
 * - I R_dc}, never below zero, averaged over +-5 % of soc on a 10 % grid. The discharge branch is not trusted below
 * the end-of-discharge cut, nor in its first 5 % where the hysteresis is still turning round; the nearest good
 * value holds there.
 *
 * <p>The rate {@code gamma} at which the hysteresis state turns when the current does: the whole test is
 * replayed through the model for gamma from 1 to 10 000, and the voltage error over the first 5 % of soc after
 * the discharge starts (where the state swings from +1 to -1) falls with gamma and then stays flat, because the
 * test's 60 s samples cannot resolve a faster turn. So gamma is the smallest value within a tenth of the fall of
 * that plateau: a lower bound, which is what the data can give.
 */
public final class HysteresisFit {
    /** The soc grid of the hysteresis table. */
    static final double[] GRID = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    private static final double HALF_WIDTH = 0.05;
    private static final double MIN_TOLERANCE_V = 0.0002;
    private static final double SWING_SOC = 0.05;

    private HysteresisFit() {
    }

    /** M at each {@link #GRID} point, V, with {@code dcResistanceOhm} the cell's R0 + sum R_k at a soc. */
    public static double[] maxV(OcvCurve ocv, double testCurrentA, DoubleFunction<Double> dcResistanceOhm) {
        double[] soc = ocv.soc();
        double[] m = new double[GRID.length];
        for (int g = 0; g < GRID.length; g++) {
            double sum = 0;
            int count = 0;
            for (int k = 0; k < soc.length; k++) {
                boolean near = Math.abs(soc[k] - GRID[g]) <= HALF_WIDTH + 1e-9;
                // below the cut the discharge branch bends; above 1 - SWING_SOC its hysteresis is still turning
                boolean trusted = soc[k] >= ocv.socCut() && soc[k] <= 1.0 - SWING_SOC;
                if (near && trusted) {
                    sum += Math.max(0.0, ocv.halfGapV()[k] - testCurrentA * dcResistanceOhm.apply(soc[k]));
                    count++;
                }
            }
            m[g] = count > 0 ? sum / count : Double.NaN;
        }
        // outside the trusted range: the nearest trusted value
        for (int g = GRID.length - 2; g >= 0; g--) {
            if (Double.isNaN(m[g])) {
                m[g] = m[g + 1];
            }
        }
        for (int g = 1; g < GRID.length; g++) {
            if (Double.isNaN(m[g])) {
                m[g] = m[g - 1];
            }
        }
        for (int g = 0; g < GRID.length; g++) {
            m[g] = Math.round(m[g] * 1e4) / 1e4;
        }
        return m;
    }

    /**
     * The hysteresis voltage {@code M(soc) h} at every sample of a test that starts full after a charge
     * ({@code h = +1}), {@code h} moving with the charge passed; an unlogged stretch moves it by the charge the
     * tester counted over it.
     */
    public static double[] voltages(Recording r, double capacityAh, org.bmsbench.model.Hysteresis hysteresis,
                                    double temperatureC) {
        double[] t = r.timeS();
        double[] i = r.currentA();
        double[] q = r.chargeOutAh();
        double[] out = new double[t.length];
        double h = 1.0;
        for (int k = 0; k < t.length; k++) {
            if (k > 0) {
                double passedAh = t[k] - t[k - 1] > UNLOGGED_S ? q[k] - q[k - 1] : i[k - 1] * (t[k] - t[k - 1]) / 3600.0;
                double a = Math.exp(-Math.abs(hysteresis.decayRate().valueAt(temperatureC) * passedAh / capacityAh));
                h = a * h - (1.0 - a) * Math.signum(passedAh);
            }
            out[k] = hysteresis.maxV().valueAt(1.0 - q[k] / capacityAh, temperatureC) * h;
        }
        return out;
    }

    /** A pause in the log longer than this is an unlogged stretch. */
    private static final double UNLOGGED_S = 5.0;

    /** The result of the gamma scan: the rate chosen and the window's RMS error there and with none. */
    public record Gamma(double decayRate, double errorV, double errorWithoutV) {
    }

    /**
     * The decay rate, from a replay of the low-rate test with {@code cellFor} making the cell for a rate (the
     * test starts full, after a charge).
     */
    public static Gamma decayRate(LowRateTest test, DoubleFunction<CellParameters> cellFor) {
        Recording r = test.recording();
        double[] current = test.correctedCurrentA();
        double[] socDown = test.dischargeSoc();
        int from = test.dischargeStart();
        int to = from;
        while (to - from + 1 < socDown.length && socDown[to - from + 1] >= 1.0 - SWING_SOC) {
            to++;
        }
        double best = Double.POSITIVE_INFINITY;
        double[] errors = new double[81];
        for (int s = 0; s < errors.length; s++) {
            double gamma = Math.pow(10, 0.05 * s);
            errors[s] = windowError(test, cellFor.apply(gamma), current, from, to);
            best = Math.min(best, errors[s]);
        }
        // the error falls, then stays flat: the smallest rate within a tenth of the fall (or 0.2 mV) of the floor
        double tolerance = Math.max(MIN_TOLERANCE_V, 0.1 * (errors[0] - best));
        int chosen = 0;
        while (errors[chosen] > best + tolerance) {
            chosen++;
        }
        double gamma = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.2g", Math.pow(10, 0.05 * chosen)));
        return new Gamma(gamma, windowError(test, cellFor.apply(gamma), current, from, to),
                windowError(test, cellFor.apply(0.0), current, from, to));
    }

    private static double windowError(LowRateTest test, CellParameters cell, double[] current, int from, int to) {
        Recording r = test.recording();
        double[] model = CellReplay.voltages(cell, r, current, 1.0, 1.0, test.temperatureC(),
                CurrentAlignment.PREVIOUS);
        double[] measured = r.voltageV();
        double sum = 0;
        for (int k = from; k <= to; k++) {
            double e = model[k] - measured[k];
            sum += e * e;
        }
        return Math.sqrt(sum / (to - from + 1));
    }
}
