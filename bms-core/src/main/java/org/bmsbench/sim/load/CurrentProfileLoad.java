package org.bmsbench.sim.load;

import org.bmsbench.model.Checks;
import org.bmsbench.sim.PackTerminal;

/**
 * A measured current trace replayed sample by sample: each sample's current holds until the next sample's
 * time, like the tester that recorded it. Times are relative to the trace's first sample.
 */
public final class CurrentProfileLoad extends TimedLoad {
    private final String name;
    private final double[] timeS;
    private final double[] currentA;
    private final double scale;
    private int cursor;

    /**
     * @param timeS    sample times, s, never decreasing (of two records at one instant the later holds), two or more
     * @param currentA one current per sample, A, positive on discharge
     * @param scale    multiplies every current (e.g. the number of cells in parallel for a per-cell trace)
     */
    public CurrentProfileLoad(String name, double[] timeS, double[] currentA, double scale) {
        super(span(timeS));
        if (currentA.length != timeS.length) {
            throw new IllegalArgumentException("expected one current per time, got " + currentA.length
                    + " currents for " + timeS.length + " times");
        }
        this.name = name;
        this.timeS = timeS.clone();
        this.currentA = currentA.clone();
        this.scale = Checks.finite("scale", scale);
    }

    private static double span(double[] timeS) {
        if (timeS.length < 2 || !(timeS[timeS.length - 1] > timeS[0])) {
            throw new IllegalArgumentException("a current profile needs samples spanning some time");
        }
        for (int i = 1; i < timeS.length; i++) {
            if (timeS[i] < timeS[i - 1]) {
                throw new IllegalArgumentException("sample times must not decrease: " + timeS[i]
                        + " s follows " + timeS[i - 1] + " s (sample " + i + ")");
            }
        }
        return timeS[timeS.length - 1] - timeS[0];
    }

    @Override
    public void start(double timeS) {
        super.start(timeS);
        cursor = 0;
    }

    @Override
    public double demandA(double timeS, double dtS, PackTerminal pack) {
        double t = this.timeS[0] + elapsedS(timeS) + 0.5 * dtS;
        while (cursor + 1 < this.timeS.length && this.timeS[cursor + 1] <= t) {
            cursor++;
        }
        return currentA[cursor] * scale;
    }

    @Override
    public String describe() {
        return "current profile " + name + " (" + timeS.length + " samples, x" + scale + ")";
    }
}
