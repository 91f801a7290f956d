package org.bmsbench.sim.load;

import org.bmsbench.model.Checks;
import org.bmsbench.sim.PackTerminal;

/**
 * A fixed power at the pack terminals for a fixed time (an inverter holding its power as the voltage sags);
 * negative charges.
 */
public final class ConstantPowerLoad extends TimedLoad {
    private final double powerW;

    public ConstantPowerLoad(double powerW, double durationS) {
        super(durationS);
        this.powerW = Checks.finite("power_w", powerW);
    }

    @Override
    public double demandA(double timeS, double dtS, PackTerminal pack) {
        return pack.currentForPowerA(powerW);
    }

    @Override
    public String describe() {
        return "power " + powerW + " W for " + durationS() + " s";
    }
}
