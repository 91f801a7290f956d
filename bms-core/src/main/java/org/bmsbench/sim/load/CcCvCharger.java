package org.bmsbench.sim.load;

import org.bmsbench.model.Checks;
import org.bmsbench.sim.PackTerminal;

/**
 * A constant-current, constant-voltage charger: it charges at {@code currentA} until the voltage it watches
 * reaches {@code voltageV}, then holds that voltage with a falling current and stops when the current has
 * fallen below {@code cutoffA}. It watches either the highest series group (a charger under BMS control,
 * limiting on the first full cell) or the whole pack. The hold is solved exactly each step from the pack's
 * Thevenin equivalent, so it neither overshoots nor hunts. Like a real charger's safety timer, it also stops
 * after {@code timeLimitS}, whatever the current: a charge that cannot reach its cut-off (a BMS that limits the
 * current below it, a voltage the cells never reach) ends instead of running on.
 */
public final class CcCvCharger implements Load {
    /** What the constant-voltage phase limits. */
    public enum Limit { HIGHEST_CELL, PACK }

    private final double currentA;
    private final double voltageV;
    private final double cutoffA;
    private final Limit limit;
    private final double timeLimitS;
    private double startS;
    private boolean holdingVoltage;
    private boolean finished;

    /**
     * @param currentA charge current, A (a magnitude, positive)
     * @param voltageV the voltage held: per series group for {@link Limit#HIGHEST_CELL}, for the pack otherwise
     * @param cutoffA  end of charge when the held current falls below this, A (positive)
     * @param timeLimitS end of charge after this long at the latest, s (positive)
     */
    public CcCvCharger(double currentA, double voltageV, double cutoffA, Limit limit, double timeLimitS) {
        this.currentA = Checks.positive("current_a", currentA);
        this.voltageV = Checks.positive("voltage_v", voltageV);
        this.cutoffA = Checks.positive("cutoff_a", cutoffA);
        if (cutoffA >= currentA) {
            throw new IllegalArgumentException("cutoff_a (" + cutoffA + " A) must be below current_a (" + currentA + " A)");
        }
        this.limit = limit;
        this.timeLimitS = Checks.positive("time_limit_s", timeLimitS);
    }

    @Override
    public void start(double timeS) {
        startS = timeS;
        holdingVoltage = false;
        finished = false;
    }

    @Override
    public double demandA(double timeS, double dtS, PackTerminal pack) {
        // Charging current is negative; the voltage limit allows at most I = (E - V_limit) / R of charge.
        double allowed;
        if (limit == Limit.PACK) {
            allowed = (pack.sourceVoltageV() - voltageV) / pack.resistanceOhm();
        } else {
            allowed = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < pack.seriesCount(); g++) {
                allowed = Math.max(allowed, (pack.groupSourceV(g) - voltageV) / pack.groupResistanceOhm(g));
            }
        }
        double demand = Math.max(-currentA, allowed);
        holdingVoltage = demand > -currentA;
        return Math.min(0.0, demand); // a charger cannot discharge
    }

    @Override
    public void observe(double current, boolean connected) {
        if (connected && holdingVoltage && -current < cutoffA) {
            finished = true;
        }
    }

    @Override
    public boolean isFinished(double timeS) {
        return finished || timeS - startS >= timeLimitS;
    }

    /** True while the charger holds its voltage limit (the CV phase). */
    public boolean isHoldingVoltage() {
        return holdingVoltage;
    }

    @Override
    public String describe() {
        return "CC-CV charge " + currentA + " A to " + voltageV + " V ("
                + (limit == Limit.PACK ? "pack" : "highest cell") + "), cut-off " + cutoffA + " A or "
                + timeLimitS + " s";
    }
}
