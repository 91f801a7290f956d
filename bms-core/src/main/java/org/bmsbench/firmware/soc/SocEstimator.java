package org.bmsbench.firmware.soc;

/**
 * A state-of-charge estimator for every channel of a pack (a series group, seen as one cell with the current per
 * cell), shaped like WPILib's {@code KalmanTypeFilter}: predict with the current, correct with the measured
 * voltage, reset to a known state. Channel {@code g}'s inputs are element {@code g} of each array, so that an
 * estimator works through all channels in passes. Current is positive on discharge.
 */
public interface SocEstimator {
    /**
     * The variance of a soc known only to lie between empty and full (uniform over 0..1): the start of an estimator
     * told nothing, and the most an estimator may doubt its soc.
     */
    double UNKNOWN_SOC_VARIANCE = 1.0 / 12.0;
    int channelCount();

    /** Advances every channel's estimate over {@code dtS} with {@code currentA[g]} flowing, at {@code temperatureC[g]}. */
    void predict(double[] currentA, double[] temperatureC, double dtS);

    /**
     * Corrects each channel whose reading is {@code valid[g]} with its measured terminal voltage, taken with
     * {@code currentA[g]} flowing; the other channels keep their prediction.
     */
    void correct(double[] terminalVoltageV, boolean[] valid, double[] currentA, double[] temperatureC);

    /** Restarts channel {@code g} from {@code soc} with the configured initial uncertainty (RC and hysteresis states zeroed). */
    void reset(int g, double soc);

    /** Restarts channel {@code g} from {@code soc} known to within {@code socSigma} (one sigma). */
    void reset(int g, double soc, double socSigma);

    /** Channel {@code g}'s estimated state of charge, 0..1 (it may stray slightly outside while a cell is abused). */
    double soc(int g);

    /** The variance of channel {@code g}'s estimate, soc^2. */
    double variance(int g);
}
