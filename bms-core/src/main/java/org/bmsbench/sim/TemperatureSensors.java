package org.bmsbench.sim;

import java.util.SplittableRandom;

/**
 * The cell temperature sensors (NTCs on the cells, converted by the AFE): each averages the cells it touches,
 * with its drawn offset error, noise, resolution and range, and its faults (an offset, a stuck reading, an open
 * NTC that reads the bottom of the range). Nothing allocates after construction.
 */
final class TemperatureSensors {
    private final AfeConfig config;
    private final PackThermal thermal;
    private final SplittableRandom noise;
    private final int sensors;
    private final int cells;
    private final double stepInverse;
    private final double[] offsetC;
    private final double[] offsetFaultC;
    private final boolean[] stuck;
    private final double[] stuckC;
    private final boolean[] disconnected;

    /** Draws each sensor's offset error from {@code calibration}, in sensor order. */
    TemperatureSensors(AfeConfig config, PackThermal thermal, int cells, SplittableRandom calibration,
                       SplittableRandom noise) {
        this.config = config;
        this.thermal = thermal;
        this.noise = noise;
        this.cells = cells;
        this.sensors = config.temperatureSensorCount(cells);
        this.stepInverse = 1.0 / config.temperatureResolutionC();
        offsetC = new double[sensors];
        for (int s = 0; s < sensors; s++) {
            offsetC[s] = config.temperatureOffsetSigmaC() * calibration.nextGaussian();
        }
        offsetFaultC = new double[sensors];
        stuck = new boolean[sensors];
        stuckC = new double[sensors];
        disconnected = new boolean[sensors];
    }

    int count() {
        return sensors;
    }

    /** Sensor {@code s}'s reading now, degC. */
    double convert(int s) {
        if (stuck[s]) {
            return stuckC[s];
        }
        if (disconnected[s]) {
            return config.temperatureMinC();
        }
        int per = config.cellsPerTemperatureSensor();
        double sum = 0;
        int first = s * per;
        int last = Math.min(cells, first + per);
        for (int c = first; c < last; c++) {
            sum += thermal.temperatureC(c);
        }
        double t = sum / (last - first) + offsetC[s] + offsetFaultC[s]
                + config.temperatureNoiseSigmaC() * noise.nextGaussian();
        return clampToRange(config, t, stepInverse);
    }

    /** A temperature as the converter gives it: to its resolution, within its range. */
    static double clampToRange(AfeConfig config, double t, double stepInverse) {
        return Math.min(config.temperatureMaxC(), Math.max(config.temperatureMinC(),
                Math.rint(t * stepInverse) * config.temperatureResolutionC()));
    }

    // ---- faults ------------------------------------------------------------------------------------------

    void setOffsetC(int sensor, double value) {
        offsetFaultC[sensor] = value;
    }

    void setStuck(int sensor, double valueC) {
        stuck[sensor] = true;
        stuckC[sensor] = valueC;
    }

    void clearStuck(int sensor) {
        stuck[sensor] = false;
    }

    void setDisconnected(int sensor, boolean value) {
        disconnected[sensor] = value;
    }
}
