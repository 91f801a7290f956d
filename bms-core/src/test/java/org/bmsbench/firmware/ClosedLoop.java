package org.bmsbench.firmware;

import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.SimulatedPort;

/** The firmware against the simulated plant: the firmware ticks every 1 ms, the plant steps every 10 ms. */
public final class ClosedLoop {
    public static final long TICK_NS = 1_000_000L;
    public static final long PLANT_STEP_NS = 10_000_000L;

    public final PackPlant plant;
    public final BmsFirmware firmware;

    public ClosedLoop(PackPlant plant, BmsConfig config) {
        this.plant = plant;
        this.firmware = new BmsFirmware(config, new SimulatedPort(plant));
    }

    /** Advances both by {@code seconds}. */
    public void run(double seconds) {
        long steps = Math.round(seconds * 1e9 / PLANT_STEP_NS);
        for (long n = 0; n < steps; n++) {
            step();
        }
    }

    /** One plant step, with the firmware ticks that fall in it. */
    public void step() {
        long start = plant.timeNs();
        for (long t = start; t < start + PLANT_STEP_NS; t += TICK_NS) {
            firmware.tick(t);
        }
        plant.step(PLANT_STEP_NS);
    }

    /** Asks for NORMAL and runs until the contactors are closed (fails after 5 s). */
    public void connect() {
        firmware.request(BmsRequest.NORMAL);
        for (int n = 0; n < 500 && firmware.state() != BmsState.NORMAL; n++) {
            step();
        }
        if (firmware.state() != BmsState.NORMAL) {
            throw new AssertionError("the BMS did not close the contactors: " + firmware.state());
        }
    }

    /** The largest |estimated - true| soc over the channels (a channel is a series group; 1p packs here). */
    public double worstSocError() {
        double worst = 0;
        for (int g = 0; g < plant.pack().seriesCount(); g++) {
            worst = Math.max(worst, Math.abs(firmware.soc().soc(g) - plant.pack().soc(g)));
        }
        return worst;
    }
}
