package org.bmsbench.sim.load;

import org.bmsbench.model.Checks;
import org.bmsbench.sim.PackTerminal;

/** A fixed current for a fixed time; negative charges. */
public final class ConstantCurrentLoad extends TimedLoad {
    private final double currentA;

    public ConstantCurrentLoad(double currentA, double durationS) {
        super(durationS);
        this.currentA = Checks.finite("current_a", currentA);
    }

    @Override
    public double demandA(double timeS, double dtS, PackTerminal pack) {
        return currentA;
    }

    @Override
    public String describe() {
        return "current " + currentA + " A for " + durationS() + " s";
    }
}
