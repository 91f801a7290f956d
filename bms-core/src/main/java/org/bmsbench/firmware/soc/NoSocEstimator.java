package org.bmsbench.firmware.soc;

/** Holds whatever it was reset to: for tests that need the SOC out of the way. */
public final class NoSocEstimator implements SocEstimator {
    private double soc;

    @Override
    public void predict(double currentA, double temperatureC, double dtS) {
    }

    @Override
    public void correct(double terminalVoltageV, double currentA, double temperatureC) {
    }

    @Override
    public void reset(double value) {
        soc = value;
    }

    @Override
    public double soc() {
        return soc;
    }

    @Override
    public double variance() {
        return 0.0;
    }
}
