package org.bmsbench.sim;

import java.util.SplittableRandom;

/** The pack current sensor: drawn gain and offset errors, noise, resolution, and its faults (an offset, silence). */
final class CurrentSensor {
    private final AfeConfig config;
    private final SplittableRandom noise;
    private final double stepInverse;
    private final double gain;
    private final double offsetA;
    private double offsetFaultA;
    private boolean lost;

    /** Draws the gain and then the offset error from {@code calibration}. */
    CurrentSensor(AfeConfig config, SplittableRandom calibration, SplittableRandom noise) {
        this.config = config;
        this.noise = noise;
        this.stepInverse = 1.0 / config.currentResolutionA();
        this.gain = 1.0 + config.currentGainSigma() * calibration.nextGaussian();
        this.offsetA = config.currentOffsetSigmaA() * calibration.nextGaussian();
    }

    /** The reading of a true current {@code currentA}, A; NaN when the sensor is lost (no noise drawn then). */
    double read(double currentA) {
        if (lost) {
            return Double.NaN;
        }
        double reading = currentA * gain + offsetA + offsetFaultA + config.currentNoiseSigmaA() * noise.nextGaussian();
        return Math.rint(reading * stepInverse) * config.currentResolutionA();
    }

    void setOffsetA(double value) {
        offsetFaultA = value;
    }

    void setLost(boolean value) {
        lost = value;
    }
}
