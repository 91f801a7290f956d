package org.bmsbench.fit;

import org.bmsbench.model.CellParameters;
import org.bmsbench.sim.Pack;
import org.bmsbench.sim.PackConfig;

/**
 * One cell of the plant's model driven by a measured current, the current of each interval between two samples
 * chosen by a {@link CurrentAlignment}, and the model's terminal voltage at each sample the voltage at the end of
 * that interval. The cell's temperature follows the measurement, so the model's
 * parameters are read at the temperature the cell really had.
 */
public final class CellReplay {
    private CellReplay() {
    }

    /**
     * The model's terminal voltage at every sample, V; sample 0 (nothing has flowed yet) is NaN.
     *
     * @param currentA       per sample, positive on discharge (the measured one, or a corrected one)
     * @param initialSoc     the cell's soc at the first sample
     * @param initialH       its hysteresis state: +1 after a charge, -1 after a discharge
     * @param fallbackC      the temperature where the recording has none, degC
     * @param alignment      which sample's current flowed over each interval
     */
    public static double[] voltages(CellParameters cell, Recording r, double[] currentA, double initialSoc,
                                    double initialH, double fallbackC, CurrentAlignment alignment) {
        double[] t = r.timeS();
        int n = t.length;
        Pack pack = new Pack(PackConfig.of(cell, 1, 1, initialSoc), r.temperatureC(0, fallbackC), 1);
        if (cell.hysteresis().isPresent()) {
            pack.setHysteresisState(0, initialH);
        }
        double[] temperature = new double[1];
        double[] out = new double[n];
        out[0] = Double.NaN;
        for (int k = 1; k < n; k++) {
            double dtS = t[k] - t[k - 1];
            if (dtS <= 0) { // two records at one instant: no time has passed
                out[k] = out[k - 1];
                continue;
            }
            temperature[0] = r.temperatureC(k - 1, fallbackC);
            pack.prepare(dtS, temperature);
            pack.apply(currentA[alignment.currentIndex(k)]);
            out[k] = pack.groupVoltageV(0);
        }
        return out;
    }
}
