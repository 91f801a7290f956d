package org.bmsbench.sim.load;

import org.bmsbench.model.Checks;

/**
 * A vehicle speed trace (a drive cycle), linear between samples: the acceleration is constant between two
 * samples, so distance and kinetic energy follow the trace exactly.
 */
public final class SpeedTrace {
    private final String name;
    private final double[] timeS;
    private final double[] speedMps;

    /**
     * @param timeS    strictly increasing, starting at 0, s
     * @param speedMps one speed per time, zero or more, m/s
     */
    public SpeedTrace(String name, double[] timeS, double[] speedMps) {
        if (timeS.length < 2 || speedMps.length != timeS.length) {
            throw new IllegalArgumentException("a speed trace needs two or more samples with one speed per time");
        }
        if (timeS[0] != 0.0) {
            throw new IllegalArgumentException("a speed trace starts at time 0, got " + timeS[0] + " s");
        }
        for (int i = 0; i < timeS.length; i++) {
            Checks.nonNegative("speed at " + timeS[i] + " s", speedMps[i]);
            if (i > 0 && !(timeS[i] > timeS[i - 1])) {
                throw new IllegalArgumentException("times must increase: " + timeS[i] + " s follows " + timeS[i - 1] + " s");
            }
        }
        this.name = name;
        this.timeS = timeS.clone();
        this.speedMps = speedMps.clone();
    }

    public String name() {
        return name;
    }

    /** Length of the trace, s. */
    public double durationS() {
        return timeS[timeS.length - 1];
    }

    /** Distance covered, m. */
    public double distanceM() {
        double d = 0;
        for (int i = 1; i < timeS.length; i++) {
            d += 0.5 * (speedMps[i] + speedMps[i - 1]) * (timeS[i] - timeS[i - 1]);
        }
        return d;
    }

    /** Index {@code i} of the segment holding {@code t}, starting the search at {@code hint}. */
    int segment(double t, int hint) {
        int i = Math.max(0, Math.min(hint, timeS.length - 2));
        while (i > 0 && t < timeS[i]) {
            i--;
        }
        while (i < timeS.length - 2 && t >= timeS[i + 1]) {
            i++;
        }
        return i;
    }

    double speedMps(int segment, double t) {
        double f = (t - timeS[segment]) / (timeS[segment + 1] - timeS[segment]);
        return speedMps[segment] + f * (speedMps[segment + 1] - speedMps[segment]);
    }

    double accelerationMps2(int segment) {
        return (speedMps[segment + 1] - speedMps[segment]) / (timeS[segment + 1] - timeS[segment]);
    }

    public int sampleCount() {
        return timeS.length;
    }

    public double timeS(int i) {
        return timeS[i];
    }

    public double speedMps(int i) {
        return speedMps[i];
    }
}
