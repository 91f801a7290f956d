package org.bmsbench.sim.load;

import org.bmsbench.sim.PackTerminal;

/**
 * Whatever is on the other side of the contactors: a test-bench load, a charger, a vehicle on a drive cycle.
 * Each step the plant asks for the current the load wants, given the pack's Thevenin equivalent, and then
 * tells it what actually flowed (nothing, if the BMS has the contactors open). A time-varying load gives its
 * value at the middle of the step. Current is positive on discharge.
 */
public interface Load {
    /** The load takes over the pack at plant time {@code timeS}. */
    void start(double timeS);

    /** The current wanted from the pack for the step {@code [timeS, timeS + dtS)}, A. */
    double demandA(double timeS, double dtS, PackTerminal pack);

    /** What flowed in the step just demanded, and whether the load was connected to the pack. */
    default void observe(double currentA, boolean connected) {
    }

    /** True once the load has ended by itself (its duration is over, a charge reached its cut-off). */
    boolean isFinished(double timeS);

    /** How long the load lasts when that is known in advance, s; NaN when it ends on a condition (a charge). */
    default double plannedDurationS() {
        return Double.NaN;
    }

    /** A short description for logs and reports, e.g. {@code current 10 A for 120 s}. */
    String describe();
}
