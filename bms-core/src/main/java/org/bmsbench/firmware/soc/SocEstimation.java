package org.bmsbench.firmware.soc;

import org.bmsbench.firmware.Acquisition;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.GridPoint;

/**
 * The state of charge of every series group and of the pack. One estimator runs every channel, fed with the
 * current per cell and each channel's temperature; it starts from the rest voltage, as
 * firmware does at power-up (or from a given soc). The pack's displayed soc reaches 100 % when the first cell
 * is full and 0 % when the first cell is empty: {@code min / (min + 1 - max)}.
 *
 * <p>Control-loop thread only; nothing allocates after construction.
 */
public final class SocEstimation {
    private final CellModel model;
    private final SocEstimator estimator;
    private final GridPoint point = new GridPoint();
    // each channel's inputs of a step, gathered for the estimator's passes
    private final double[] temperatureC;
    private final double[] predictCurrentA;
    private final double[] correctCurrentA;
    private final double[] voltageV;
    private final boolean[] valid;
    private boolean initialised;

    public SocEstimation(SocConfig config, CellModel model, int channels) {
        this.model = model;
        this.estimator = create(config, model, channels);
        temperatureC = new double[channels];
        predictCurrentA = new double[channels];
        correctCurrentA = new double[channels];
        voltageV = new double[channels];
        valid = new boolean[channels];
    }

    /** The estimator {@code config} names, for {@code channels} channels of {@code model}'s cells. */
    public static SocEstimator create(SocConfig config, CellModel model, int channels) {
        switch (config.estimator()) {
            case EKF, SPKF: return new KalmanSocFilter(model, channels, config);
            case COULOMB: return new CoulombCounter(model, channels, config);
            default: return new NoSocEstimator(channels);
        }
    }

    /** Starts every channel from its rest voltage; false (and nothing done) until every channel is valid. */
    public boolean initialiseFromRest(Acquisition data) {
        if (!data.allCellsValid()) {
            return false;
        }
        for (int g = 0; g < estimator.channelCount(); g++) {
            estimator.reset(g, model.socAtOcv(data.cellVoltageV(g), data.channelTemperatureC(g), point));
        }
        initialised = true;
        return true;
    }

    /** Starts every channel from {@code soc} (a scenario saying what the BMS believes). */
    public void initialise(double soc) {
        for (int g = 0; g < estimator.channelCount(); g++) {
            estimator.reset(g, soc);
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
        int channels = estimator.channelCount();
        for (int g = 0; g < channels; g++) {
            temperatureC[g] = data.channelTemperatureC(g);
        }
        for (int g = 0; g < channels; g++) {
            predictCurrentA[g] = averageCellCurrentA + bleedCellCurrentA[g];
        }
        estimator.predict(predictCurrentA, temperatureC, dtS);
        double present = data.cellCurrentA();
        if (Double.isNaN(present)) {
            return;
        }
        for (int g = 0; g < channels; g++) {
            correctCurrentA[g] = present + bleedCellCurrentA[g];
        }
        for (int g = 0; g < channels; g++) {
            voltageV[g] = data.cellVoltageV(g);
        }
        for (int g = 0; g < channels; g++) {
            valid[g] = data.cellValid(g);
        }
        estimator.correct(voltageV, valid, correctCurrentA, temperatureC);
    }

    public boolean initialised() {
        return initialised;
    }

    public int channelCount() {
        return estimator.channelCount();
    }

    public double soc(int g) {
        return estimator.soc(g);
    }

    public double variance(int g) {
        return estimator.variance(g);
    }

    /** The estimator of every channel (to reset one, or to look into it). */
    public SocEstimator estimator() {
        return estimator;
    }

    public double minSoc() {
        double min = Double.MAX_VALUE;
        for (int g = 0; g < estimator.channelCount(); g++) {
            min = Math.min(min, estimator.soc(g));
        }
        return min;
    }

    public double maxSoc() {
        double max = -Double.MAX_VALUE;
        for (int g = 0; g < estimator.channelCount(); g++) {
            max = Math.max(max, estimator.soc(g));
        }
        return max;
    }

    public double meanSoc() {
        double sum = 0;
        for (int g = 0; g < estimator.channelCount(); g++) {
            sum += estimator.soc(g);
        }
        return sum / estimator.channelCount();
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
