package org.bmsbench.firmware.soc;

import org.bmsbench.firmware.Acquisition;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.GridPoint;
import org.bmsbench.model.ParameterSchedule;

/**
 * The state of charge of every series group and of the pack. Each channel has its own estimator, fed with the
 * current per cell and its temperature; it starts from the rest voltage, as
 * firmware does at power-up (or from a given soc). The pack's displayed soc reaches 100 % when the first cell
 * is full and 0 % when the first cell is empty: {@code min / (min + 1 - max)}.
 *
 * <p>Control-loop thread only; nothing allocates after construction.
 */
public final class SocEstimation {
    private final CellModel model;
    private final SocEstimator[] estimators;
    private final GridPoint point = new GridPoint();
    private boolean initialised;

    public SocEstimation(SocConfig config, CellModel model, int channels) {
        this.model = model;
        this.estimators = new SocEstimator[channels];
        ParameterSchedule schedule = new ParameterSchedule(model, channels, ParameterSchedule.Holds.FIRMWARE);
        for (int g = 0; g < channels; g++) {
            estimators[g] = create(config, model, schedule, g);
        }
    }

    private static SocEstimator create(SocConfig config, CellModel model, ParameterSchedule schedule, int channel) {
        switch (config.estimator()) {
            case EKF: return new ExtendedKalmanFilter(schedule, channel, config);
            case COULOMB: return new CoulombCounter(model, config);
            default: return new NoSocEstimator();
        }
    }

    /** Starts every channel from its rest voltage; false (and nothing done) until every channel is valid. */
    public boolean initialiseFromRest(Acquisition data) {
        if (!data.allCellsValid()) {
            return false;
        }
        for (int g = 0; g < estimators.length; g++) {
            estimators[g].reset(model.socAtOcv(data.cellVoltageV(g), data.channelTemperatureC(g), point));
        }
        initialised = true;
        return true;
    }

    /** Starts every channel from {@code soc} (a scenario saying what the BMS believes). */
    public void initialise(double soc) {
        for (SocEstimator estimator : estimators) {
            estimator.reset(soc);
        }
        initialised = true;
    }

    /**
     * One estimation step of {@code dtS}: predict with the average current per cell over the step (the fast
     * task integrates it) plus the channel's own bleed current while it was balanced, then correct each valid
     * channel with its voltage and the current it was read at.
     *
     * @param bleedCellCurrentA per channel, the balancing current per cell that flowed during the step, A
     */
    public void update(Acquisition data, double averageCellCurrentA, double[] bleedCellCurrentA, double dtS) {
        if (!initialised && !initialiseFromRest(data)) {
            return;
        }
        if (Double.isNaN(averageCellCurrentA)) {
            return; // without a current the estimate holds rather than guessing
        }
        double present = data.cellCurrentA();
        for (int g = 0; g < estimators.length; g++) {
            double t = data.channelTemperatureC(g);
            SocEstimator estimator = estimators[g];
            estimator.predict(averageCellCurrentA + bleedCellCurrentA[g], t, dtS);
            if (data.cellValid(g) && !Double.isNaN(present)) {
                estimator.correct(data.cellVoltageV(g), present + bleedCellCurrentA[g], t);
            }
        }
    }

    public boolean initialised() {
        return initialised;
    }

    public int channelCount() {
        return estimators.length;
    }

    public double soc(int g) {
        return estimators[g].soc();
    }

    public double variance(int g) {
        return estimators[g].variance();
    }

    public SocEstimator estimator(int g) {
        return estimators[g];
    }

    public double minSoc() {
        double min = Double.MAX_VALUE;
        for (SocEstimator estimator : estimators) {
            min = Math.min(min, estimator.soc());
        }
        return min;
    }

    public double maxSoc() {
        double max = -Double.MAX_VALUE;
        for (SocEstimator estimator : estimators) {
            max = Math.max(max, estimator.soc());
        }
        return max;
    }

    public double meanSoc() {
        double sum = 0;
        for (SocEstimator estimator : estimators) {
            sum += estimator.soc();
        }
        return sum / estimators.length;
    }

    /**
     * The soc shown to the driver: 1 when the fullest cell is full (charging must stop), 0 when the emptiest is
     * empty (driving must stop), clamped to 0..1.
     */
    public double displayedSoc() {
        return displayed(minSoc(), maxSoc());
    }

    /** The displayed-soc rule for a pack whose emptiest cell is at {@code min} and fullest at {@code max}. */
    public static double displayed(double min, double max) {
        double low = Math.max(0.0, Math.min(1.0, min));
        double high = Math.max(0.0, Math.min(1.0, max));
        double usable = low + (1.0 - high);
        return usable <= 0 ? (high >= 1.0 ? 1.0 : 0.0) : low / usable;
    }
}
