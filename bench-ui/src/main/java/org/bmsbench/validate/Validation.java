package org.bmsbench.validate;

import org.bmsbench.firmware.soc.SocConfig;
import org.bmsbench.firmware.soc.SocEstimation;
import org.bmsbench.firmware.soc.SocEstimator;
import org.bmsbench.fit.CellReplay;
import org.bmsbench.fit.CurrentAlignment;
import org.bmsbench.fit.Recording;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.CellParameters;

/**
 * A cell model and a soc estimator against a measured test that starts full.
 *
 * <p>The model is driven by the measured current and temperature ({@link CellReplay}) and its terminal voltage
 * compared with the measured one at every sample after the first. The estimator sees what firmware would: the
 * measured current, voltage and temperature at each sample; over each interval it predicts with the current the
 * {@link CurrentAlignment} says flowed, and corrects with the voltage at the end of the interval and that
 * current. Its soc is compared with the reference: the tester's charge count against the cell file's capacity at
 * the test's (median) temperature.
 */
public final class Validation {
    /** Where the "after the first 300 s" figures start. */
    public static final double SETTLE_S = 300.0;
    /** Below this reference soc the "above 5 % soc" figures leave the samples out. */
    public static final double LOW_SOC = 0.05;
    /** How close "within 2 points" is. */
    public static final double CONVERGED_SOC = 0.02;

    private Validation() {
    }

    /**
     * How to run a validation.
     *
     * @param soc             the estimator and its settings, as the firmware configures them
     * @param initialSoc      the estimator's starting guess; NaN starts it at the true initial soc (the test starts
     *                        full)
     * @param initialSocSigma the uncertainty the estimator starts with, one sigma; NaN for the default: the
     *                        settings' {@code anchor_soc_sigma} from the true start (as from a rest voltage), a soc
     *                        known only to lie between empty and full ({@link SocEstimator#UNKNOWN_SOC_VARIANCE})
     *                        from a given {@code initialSoc}
     * @param alignment       which logged current flowed over each interval
     */
    public record Options(SocConfig soc, double initialSoc, double initialSocSigma, CurrentAlignment alignment) {
        public Options {
            if (!Double.isNaN(initialSoc) && !(initialSoc >= 0 && initialSoc <= 1)) {
                throw new IllegalArgumentException("the initial soc must be from 0 to 1, got " + initialSoc);
            }
            if (!Double.isNaN(initialSocSigma) && !(initialSocSigma > 0 && initialSocSigma <= 1)) {
                throw new IllegalArgumentException("the initial soc sigma must be above 0 and at most 1, got "
                        + initialSocSigma);
            }
        }
    }

    /**
     * Everything a validation run measured, and the series for a plot. The soc figures "after settle" leave out
     * the first {@link #SETTLE_S}; the "above 5 %" ones also leave out samples whose reference soc is below
     * {@link #LOW_SOC}. NaN where no sample qualifies (or, for the time to converge, where it never did).
     *
     * @param initialSoc     what the estimator started from
     * @param capacityAh     the capacity the reference soc is counted against
     * @param samples        samples compared (all but the first)
     * @param samplesAboveLowSoc samples whose reference soc is at least {@link #LOW_SOC}
     * @param samplesAfterSettle samples after the first {@link #SETTLE_S}
     * @param socCoverage    the fraction of samples whose true soc lies within the estimator's own 3-sigma band
     * @param convergedAfterS the time from the start until the estimate first came within 2 points of the
     *                       reference
     */
    public record Result(String file, String cell, SocConfig.Estimator estimator, double initialSoc,
                         double capacityAh, double testTemperatureC, double durationS, int samples,
                         long samplesAboveLowSoc, long samplesAfterSettle,
                         double voltageRmseV, double voltageMaxAbsErrorV, double voltageRmseAboveLowSocV,
                         double socRmse, double socMaxAbsError, double socRmseAfterSettle,
                         double socMaxAbsErrorAfterSettle, double socRmseAboveLowSoc, double socCoverage,
                         double convergedAfterS,
                         double[] timeS, double[] measuredV, double[] modelV, double[] referenceSoc,
                         double[] estimatedSoc, double[] estimatedSocSigma) {
    }

    /** Validates {@code cell} on {@code r}. */
    public static Result run(CellParameters cell, Recording r, Options options) {
        double[] t = r.timeS();
        double[] i = r.currentA();
        double[] v = r.voltageV();
        double[] q = r.chargeOutAh();
        int n = t.length;
        double testC = r.hasTemperature() ? r.medianTemperatureC() : 25.0;
        double capacityAh = cell.capacityAh().valueAt(testC);
        CurrentAlignment alignment = options.alignment();

        double[] model = CellReplay.voltages(cell, r, i, 1.0, 1.0, testC, alignment);
        double[] reference = new double[n];
        for (int k = 0; k < n; k++) {
            reference[k] = 1.0 - q[k] / capacityAh;
        }
        double start = Double.isNaN(options.initialSoc()) ? reference[0] : options.initialSoc();
        SocEstimator soc = SocEstimation.create(options.soc(), new CellModel(cell), 1);
        if (!Double.isNaN(options.initialSocSigma())) {
            soc.reset(0, start, options.initialSocSigma());
        } else if (Double.isNaN(options.initialSoc())) {
            soc.reset(0, start);
        } else {
            soc.reset(0, start, Math.sqrt(SocEstimator.UNKNOWN_SOC_VARIANCE));
        }
        // the estimator's one channel: the cell
        double[] current = new double[1];
        double[] temperature = new double[1];
        double[] reading = new double[1];
        boolean[] valid = {true};
        double[] estimate = new double[n];
        double[] sigma = new double[n];
        estimate[0] = start;
        sigma[0] = Math.sqrt(soc.variance(0));
        for (int k = 1; k < n; k++) {
            double dtS = t[k] - t[k - 1];
            if (dtS > 0) {
                int flowing = alignment.currentIndex(k);
                current[0] = i[flowing];
                temperature[0] = r.temperatureC(flowing, testC);
                soc.predict(current, temperature, dtS);
                reading[0] = v[k];
                temperature[0] = r.temperatureC(k, testC);
                soc.correct(reading, valid, current, temperature);
            }
            estimate[k] = soc.soc(0);
            sigma[k] = Math.sqrt(soc.variance(0));
        }

        Stats voltage = new Stats();
        Stats voltageAbove = new Stats();
        Stats all = new Stats();
        Stats settled = new Stats();
        Stats settledAbove = new Stats();
        long covered = 0;
        double convergedAfterS = Double.NaN;
        for (int k = 1; k < n; k++) {
            double ve = model[k] - v[k];
            voltage.add(ve);
            if (reference[k] >= LOW_SOC) {
                voltageAbove.add(ve);
            }
            double e = estimate[k] - reference[k];
            all.add(e);
            if (Math.abs(e) <= 3 * sigma[k]) {
                covered++;
            }
            if (Double.isNaN(convergedAfterS) && Math.abs(e) <= CONVERGED_SOC) {
                convergedAfterS = t[k] - t[0];
            }
            if (t[k] - t[0] >= SETTLE_S) {
                settled.add(e);
                if (reference[k] >= LOW_SOC) {
                    settledAbove.add(e);
                }
            }
        }
        double coverage = n > 1 ? (double) covered / (n - 1) : Double.NaN;
        return new Result(r.name(), cell.name(), options.soc().estimator(), start, capacityAh, testC, t[n - 1] - t[0],
                n - 1, voltageAbove.count, settled.count, voltage.rms(), voltage.maxAbs, voltageAbove.rms(), all.rms(), all.maxAbs, settled.rms(),
                settled.maxAbs(), settledAbove.rms(), coverage, convergedAfterS, t, v, model, reference, estimate,
                sigma);
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

        double maxAbs() {
            return count == 0 ? Double.NaN : maxAbs;
        }
    }
}
