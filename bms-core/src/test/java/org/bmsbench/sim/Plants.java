package org.bmsbench.sim;

import org.bmsbench.port.ContactorId;

/** Test helpers for driving a plant without a BMS. */
public final class Plants {
    private Plants() {
    }

    /** 10 ms in nanoseconds: the usual plant step in the tests. */
    public static final long STEP_NS = 10_000_000L;

    /** Closes the main contactors through a precharge, as a BMS would, and leaves the precharge relay open. */
    public static void connect(PackPlant plant) {
        plant.commandContactor(ContactorId.MAIN_NEGATIVE, true);
        plant.commandContactor(ContactorId.PRECHARGE, true);
        while (plant.contactors().linkVoltageV() < 0.98 * plant.pack().terminalVoltageV()) {
            plant.step(STEP_NS);
        }
        plant.commandContactor(ContactorId.MAIN_POSITIVE, true);
        while (!plant.contactors().isMainPathClosed()) {
            plant.step(STEP_NS);
        }
        plant.commandContactor(ContactorId.PRECHARGE, false);
    }

    /** Steps the plant until its load has finished or {@code maxS} seconds have passed. */
    public static void runUntilFinished(PackPlant plant, long stepNs, double maxS) {
        double end = plant.timeS() + maxS;
        while (!plant.load().isFinished(plant.timeS()) && plant.timeS() < end) {
            plant.step(stepNs);
        }
    }

    /** Steps the plant for {@code seconds}. */
    public static void run(PackPlant plant, long stepNs, double seconds) {
        long steps = Math.round(seconds * 1e9 / stepNs);
        for (long n = 0; n < steps; n++) {
            plant.step(stepNs);
        }
    }
}
