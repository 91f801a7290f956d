package org.bmsbench.firmware.balancing;

import java.util.Arrays;
import org.bmsbench.firmware.Acquisition;
import org.bmsbench.firmware.soc.SocEstimation;

/**
 * Bleeds the charge each cell holds above the emptiest: for a cell more than the soc threshold above it, the
 * plan is {@code (soc - soc_min) * capacity}, taken out through the bleed resistor at {@code V / R} until the
 * plan is drained; then the cell is judged again.
 */
public final class SocBalancing implements BalancingStrategy {
    private final BalancingConfig config;
    private final double capacityAh;
    private final double[] remainingAh;

    /** @param capacityAh usable capacity of one series group (a cell times the cells in parallel), Ah */
    public SocBalancing(BalancingConfig config, int channels, double capacityAh) {
        this.config = config;
        this.capacityAh = capacityAh;
        this.remainingAh = new double[channels];
    }

    @Override
    public void decide(Acquisition data, SocEstimation soc, double dtS, boolean[] on) {
        double lowest = soc.minSoc();
        for (int g = 0; g < on.length; g++) {
            if (!data.cellValid(g) || data.cellVoltageV(g) < config.minCellVoltageV()) {
                on[g] = false;
                remainingAh[g] = 0;
                continue;
            }
            if (on[g]) {
                remainingAh[g] -= data.cellVoltageV(g) / config.bleedResistanceOhm() * dtS / 3600.0;
                on[g] = remainingAh[g] > 0;
            } else {
                double excess = soc.soc(g) - lowest;
                if (excess > config.socThreshold()) {
                    remainingAh[g] = excess * capacityAh;
                    on[g] = true;
                }
            }
        }
    }

    @Override
    public void interrupted() {
        Arrays.fill(remainingAh, 0.0);
    }

    /** Charge still planned to be bled from channel {@code g}, Ah. */
    public double remainingAh(int g) {
        return remainingAh[g];
    }
}
