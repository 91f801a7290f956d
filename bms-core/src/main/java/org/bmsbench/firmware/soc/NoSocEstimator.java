package org.bmsbench.firmware.soc;

/** Holds whatever it was reset to: for tests that need the SOC out of the way. */
public final class NoSocEstimator implements SocEstimator {
    private final double[] soc;

    public NoSocEstimator(int channels) {
        soc = new double[channels];
    }

    @Override
    public int channelCount() {
        return soc.length;
    }

    @Override
    public void predict(double[] currentA, double[] temperatureC, double dtS) {
    }

    @Override
    public void correct(double[] terminalVoltageV, boolean[] valid, double[] currentA, double[] temperatureC) {
    }

    @Override
    public void reset(int g, double value) {
        soc[g] = value;
    }

    @Override
    public void reset(int g, double value, double socSigma) {
        reset(g, value);
    }

    @Override
    public double soc(int g) {
        return soc[g];
    }

    @Override
    public double variance(int g) {
        return 0.0;
    }
}
