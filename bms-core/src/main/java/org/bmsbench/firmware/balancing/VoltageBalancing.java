package org.bmsbench.firmware.balancing;

import org.bmsbench.firmware.Acquisition;
import org.bmsbench.firmware.soc.SocEstimation;

/**
 * Bleeds every cell more than a threshold above the lowest cell, until it is within the threshold minus a
 * hysteresis; never a cell below the minimum balancing voltage, never one whose reading is not valid.
 */
public final class VoltageBalancing implements BalancingStrategy {
    private final BalancingConfig config;

    public VoltageBalancing(BalancingConfig config) {
        this.config = config;
    }

    @Override
    public void decide(Acquisition data, SocEstimation soc, double dtS, boolean[] on) {
        double lowest = data.minCellVoltageV();
        for (int g = 0; g < on.length; g++) {
            if (!data.cellValid(g) || Double.isNaN(lowest)) {
                on[g] = false;
                continue;
            }
            double v = data.cellVoltageV(g);
            double limit = on[g] ? lowest + config.thresholdV() - config.hysteresisV() : lowest + config.thresholdV();
            on[g] = v > limit && v >= config.minCellVoltageV();
        }
    }

    @Override
    public void interrupted() {
    }
}
