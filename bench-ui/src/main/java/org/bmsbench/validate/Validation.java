package org.bmsbench.validate;

import org.bmsbench.firmware.soc.CoulombCounter;
import org.bmsbench.firmware.soc.ExtendedKalmanFilter;
import org.bmsbench.firmware.soc.SocConfig;
import org.bmsbench.firmware.soc.SocEstimator;
import org.bmsbench.fit.CellReplay;
import org.bmsbench.fit.Recording;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.CellParameters;

/**
 * A cell model and a soc estimator against a measured test that starts full.
 *
 * <p>The model is driven by the measured current and temperature ({@link CellReplay}) and its terminal voltage
 * compared with the measured one at every sample after the first. The estimator sees what firmware would: the
 * measured current, voltage and temperature at each sample; it predicts with the current that flowed since the
 * previous sample and corrects with the voltage at the end of that interval. Its soc is compared with the
 * reference: the tester's charge count against the cell file's capacity at the test's (median) temperature.
 */
public final class Validation {
    /** The estimators that can be checked. */
    public enum Estimator { EKF, COULOMB }

    /** Where the "after the first 300 s" figures start. */
    public static final double SETTLE_S = 300.0;

    private Validation() {
    }

    /**
     * Everything a validation run measured, and the series for a plot.
     *
     * @param initialSoc what the estimator started from
     * @param capacityAh the capacity the reference soc is counted against
     * @param samples    samples compared (all but the first)
     */
    public record Result(String file, String cell, Estimator estimator, double initialSoc, double capacityAh,
                         double testTemperatureC, double durationS, int samples,
                         double voltageRmseV, double voltageMaxAbsErrorV,
                         double socRmse, double socMaxAbsError, double socRmseAfterSettle,
                         double socMaxAbsErrorAfterSettle,
                         double[] timeS, double[] measuredV, double[] modelV, double[] referenceSoc,
                         double[] estimatedSoc) {
    }

    /**
     * Validates {@code cell} on {@code r}. {@code initialSoc} is the estimator's starting guess; NaN starts it at
     * the true initial soc (1: the test starts full).
     */
    public static Result run(CellParameters cell, Recording r, Estimator estimator, SocConfig socConfig,
                             double initialSoc) {
        double[] t = r.timeS();
        double[] i = r.currentA();
        double[] v = r.voltageV();
        double[] q = r.chargeOutAh();
        int n = t.length;
        double testC = r.hasTemperature() ? r.medianTemperatureC() : 25.0;
        double capacityAh = cell.capacityAh().valueAt(testC);

        double[] model = CellReplay.voltages(cell, r, i, 1.0, 1.0, testC);
        double[] reference = new double[n];
        for (int k = 0; k < n; k++) {
            reference[k] = 1.0 - q[k] / capacityAh;
        }
        double start = Double.isNaN(initialSoc) ? reference[0] : initialSoc;
        SocEstimator soc = estimator == Estimator.EKF ? new ExtendedKalmanFilter(new CellModel(cell), 1, socConfig)
                : new CoulombCounter(new CellModel(cell), 1, socConfig);
        soc.reset(0, start);
        // the estimator's one channel: the cell
        double[] current = new double[1];
        double[] temperature = new double[1];
        double[] reading = new double[1];
        boolean[] valid = {true};
        double[] estimate = new double[n];
        estimate[0] = start;
        for (int k = 1; k < n; k++) {
            double dtS = t[k] - t[k - 1];
            if (dtS > 0) {
                current[0] = i[k - 1];
                temperature[0] = r.temperatureC(k - 1, testC);
                soc.predict(current, temperature, dtS);
                reading[0] = v[k];
                temperature[0] = r.temperatureC(k, testC);
                soc.correct(reading, valid, current, temperature);
            }
            estimate[k] = soc.soc(0);
        }

        Stats voltage = new Stats();
        Stats all = new Stats();
        Stats settled = new Stats();
        for (int k = 1; k < n; k++) {
            voltage.add(model[k] - v[k]);
            double e = estimate[k] - reference[k];
            all.add(e);
            if (t[k] - t[0] >= SETTLE_S) {
                settled.add(e);
            }
        }
        return new Result(r.name(), cell.name(), estimator, start, capacityAh, testC, t[n - 1] - t[0], n - 1,
                voltage.rms(), voltage.maxAbs, all.rms(), all.maxAbs, settled.rms(), settled.maxAbs,
                t, v, model, reference, estimate);
    }

    /** Running RMS and largest magnitude. */
    private static final class Stats {
        double sumSquares;
        long count;
        double maxAbs;

        void add(double e) {
            sumSquares += e * e;
            count++;
            maxAbs = Math.max(maxAbs, Math.abs(e));
        }

        double rms() {
            return count == 0 ? Double.NaN : Math.sqrt(sumSquares / count);
        }
    }
}
