package org.bmsbench.firmware.soc;

/**
 * A state-of-charge estimator for one cell (a series group, seen as one cell with the current per cell),
 * shaped like WPILib's {@code KalmanTypeFilter}: predict with the current, correct with the measured
 * voltage, reset to a known state. Current is positive on discharge.
 */
public interface SocEstimator {
    /** Advances the estimate over {@code dtS} with {@code currentA} flowing, at {@code temperatureC}. */
    void predict(double currentA, double temperatureC, double dtS);

    /** Corrects the estimate with a measured terminal voltage, taken with {@code currentA} flowing. */
    void correct(double terminalVoltageV, double currentA, double temperatureC);

    /** Restarts from {@code soc} with the configured initial uncertainty (RC and hysteresis states zeroed). */
    void reset(double soc);

    /** The estimated state of charge, 0..1 (it may stray slightly outside while a cell is abused). */
    double soc();

    /** The variance of the estimate, soc^2. */
    double variance();
}
