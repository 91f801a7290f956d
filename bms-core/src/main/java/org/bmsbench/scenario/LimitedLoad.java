package org.bmsbench.scenario;

import org.bmsbench.sim.PackTerminal;
import org.bmsbench.sim.load.Load;

/**
 * A load that obeys the BMS's current limits, as a vehicle inverter or a charger obeys the limits the BMS
 * sends it: what it wants, clamped to the discharge limit and (for charging) the charge limit.
 */
final class LimitedLoad implements Load {
    private final Load inner;
    private final ScenarioWorld.Bms limits;

    LimitedLoad(Load inner, ScenarioWorld.Bms limits) {
        this.inner = inner;
        this.limits = limits;
    }

    @Override
    public void start(double timeS) {
        inner.start(timeS);
    }

    @Override
    public double demandA(double timeS, double dtS, PackTerminal pack) {
        double wanted = inner.demandA(timeS, dtS, pack);
        return Math.max(-limits.chargeLimitA(), Math.min(limits.dischargeLimitA(), wanted));
    }

    @Override
    public void observe(double currentA, boolean connected) {
        inner.observe(currentA, connected);
    }

    @Override
    public boolean isFinished(double timeS) {
        return inner.isFinished(timeS);
    }

    @Override
    public String describe() {
        return inner.describe() + ", within the BMS limits";
    }
}
