package org.bmsbench.sim.load;

import org.bmsbench.sim.PackTerminal;

/** No current: the pack rests (and relaxes towards its open-circuit voltage). */
public final class RestLoad extends TimedLoad {
    public RestLoad(double durationS) {
        super(durationS);
    }

    @Override
    public double demandA(double timeS, double dtS, PackTerminal pack) {
        return 0.0;
    }

    @Override
    public String describe() {
        return "rest for " + durationS() + " s";
    }
}
