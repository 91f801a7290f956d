package org.bmsbench.firmware.balancing;

import java.util.Arrays;
import java.util.Objects;
import org.bmsbench.firmware.Acquisition;
import org.bmsbench.firmware.soc.SocEstimation;
import org.bmsbench.port.HardwarePort;

/**
 * Runs the configured strategy under the rules every strategy shares (after Libre Solar and diyBMS): never in
 * the error state, never with a cell or an AFE board too hot, never without valid measurements, and only while
 * charging steadily or after the pack has rested for the configured times. Sends the decision to the hardware.
 *
 * <p>Control-loop thread only; nothing allocates after construction.
 */
public final class Balancing {
    private final BalancingConfig config;
    private final BalancingStrategy[] strategies;
    private BalancingStrategy strategy;
    private BalancingConfig.Strategy active;
    /** A strategy asked for from another thread (a service tool, a remote command), taken at the next update. */
    private volatile BalancingConfig.Strategy requested;
    private final HardwarePort port;
    private final boolean[] on;
    private double restS;
    private double chargingS;
    private boolean allowed;

    public Balancing(BalancingConfig config, HardwarePort port, int channels, double groupCapacityAh) {
        this.config = config;
        this.port = port;
        this.on = new boolean[channels];
        // every strategy is built at start, so that switching at run time allocates nothing
        this.strategies = new BalancingStrategy[BalancingConfig.Strategy.values().length];
        strategies[BalancingConfig.Strategy.NONE.ordinal()] = new NoBalancing();
        strategies[BalancingConfig.Strategy.VOLTAGE.ordinal()] = new VoltageBalancing(config);
        strategies[BalancingConfig.Strategy.SOC.ordinal()] = new SocBalancing(config, channels, groupCapacityAh);
        this.active = config.strategy();
        this.strategy = strategies[active.ordinal()];
    }

    /** Asks for another strategy from any thread; the control loop switches at its next update. */
    public void requestStrategy(BalancingConfig.Strategy value) {
        requested = Objects.requireNonNull(value, "strategy");
    }

    /** The strategy in use. */
    public BalancingConfig.Strategy activeStrategy() {
        return active;
    }

    /**
     * Decides and commands the bleed switches for the next {@code dtS}. {@code inError} forbids balancing.
     */
    public void update(long nowNs, Acquisition data, SocEstimation soc, double dtS, boolean inError) {
        BalancingConfig.Strategy wanted = requested;
        if (wanted != null) {
            requested = null;
            if (wanted != active) {
                strategy.interrupted();
                Arrays.fill(on, false);
                active = wanted;
                strategy = strategies[wanted.ordinal()];
            }
        }
        double current = data.cellCurrentA();
        if (!Double.isNaN(current) && Math.abs(current) < config.restCurrentA()) {
            restS += dtS;
        } else {
            restS = 0;
        }
        chargingS = data.charging() ? chargingS + dtS : 0;
        double hottestCell = data.maxTemperatureC();
        double hottestBoard = data.maxBoardTemperatureC();
        boolean wasAllowed = allowed;
        allowed = !inError
                && active != BalancingConfig.Strategy.NONE
                && data.allCellsValid()
                && soc.initialised()
                && !Double.isNaN(hottestCell) && hottestCell < config.maxCellTemperatureC()
                && !(hottestBoard >= config.maxBoardTemperatureC())
                && (chargingS >= config.chargeTimeS() || restS >= config.restTimeS());
        if (allowed) {
            strategy.decide(data, soc, dtS, on);
        } else {
            Arrays.fill(on, false);
            if (wasAllowed) {
                strategy.interrupted();
            }
        }
        port.commandBalancing(nowNs, on, !config.pauseDuringMeasurement());
    }

    /**
     * The bleed current per cell the present decision draws from each channel (its voltage over the bleed
     * resistor, shared by the cells in parallel), into {@code out}, A. Zero for channels not bled or not valid.
     */
    public void bleedCellCurrents(Acquisition data, double[] out) {
        for (int g = 0; g < on.length; g++) {
            out[g] = on[g] && data.cellValid(g)
                    ? data.cellVoltageV(g) / config.bleedResistanceOhm() / data.parallel() : 0.0;
        }
    }

    /** True when the bleed switch of channel {@code g} is commanded on. */
    public boolean isOn(int g) {
        return on[g];
    }

    /** Channels commanded on. */
    public int activeCount() {
        int count = 0;
        for (boolean b : on) {
            if (b) {
                count++;
            }
        }
        return count;
    }

    /** True when the shared rules allow balancing right now. */
    public boolean allowed() {
        return allowed;
    }

    public BalancingStrategy strategy() {
        return strategy;
    }
}
