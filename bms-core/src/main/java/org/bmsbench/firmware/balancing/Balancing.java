package org.bmsbench.firmware.balancing;

import java.util.Arrays;
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
    private final BalancingStrategy strategy;
    private final HardwarePort port;
    private final boolean[] on;
    private double restS;
    private double chargingS;
    private boolean allowed;

    public Balancing(BalancingConfig config, HardwarePort port, int channels, double groupCapacityAh) {
        this.config = config;
        this.port = port;
        this.on = new boolean[channels];
        switch (config.strategy()) {
            case VOLTAGE:
                strategy = new VoltageBalancing(config);
                break;
            case SOC:
                strategy = new SocBalancing(config, channels, groupCapacityAh);
                break;
            default:
                strategy = new NoBalancing();
        }
    }

    /**
     * Decides and commands the bleed switches for the next {@code dtS}. {@code inError} forbids balancing.
     */
    public void update(long nowNs, Acquisition data, SocEstimation soc, double dtS, boolean inError) {
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
                && config.strategy() != BalancingConfig.Strategy.NONE
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
