package org.bmsbench.sim.load;

import org.bmsbench.model.Checks;
import org.bmsbench.sim.PackTerminal;

/**
 * A vehicle following a speed trace: the vehicle model turns speed and acceleration into battery power, a
 * share of which ({@code powerScale}) falls on this pack, drawn as constant power over each step.
 * {@code powerScale} lets a small simulated pack (a module, a single cell) carry its share of a full
 * vehicle's battery, as the Panasonic data set scales a truck's power profile to one cell.
 */
public final class DriveCycleLoad extends TimedLoad {
    private final SpeedTrace trace;
    private final VehicleParameters vehicle;
    private final int repetitions;
    private final double powerScale;
    private int segment;

    public DriveCycleLoad(SpeedTrace trace, VehicleParameters vehicle, int repetitions, double powerScale) {
        super(trace.durationS() * Checks.atLeastOne("repeat", repetitions));
        this.trace = trace;
        this.vehicle = vehicle;
        this.repetitions = repetitions;
        this.powerScale = Checks.positive("power scale", powerScale);
    }

    @Override
    public void start(double timeS) {
        super.start(timeS);
        segment = 0;
    }

    /** Power this pack gives at {@code elapsedS} into the cycle, W. */
    public double packPowerW(double elapsedS) {
        double t = elapsedS % trace.durationS();
        segment = trace.segment(t, segment);
        return vehicle.batteryPowerW(trace.speedMps(segment, t), trace.accelerationMps2(segment)) * powerScale;
    }

    @Override
    public double demandA(double timeS, double dtS, PackTerminal pack) {
        return pack.currentForPowerA(packPowerW(elapsedS(timeS) + 0.5 * dtS));
    }

    @Override
    public String describe() {
        return "drive cycle " + trace.name() + " x" + repetitions + " (power x" + powerScale + ")";
    }
}
