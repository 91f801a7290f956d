package org.bmsbench.scenario;

import org.bmsbench.model.Checks;
import org.bmsbench.sim.PlantFault;

/**
 * A fault injected at a time and, optionally, cleared after a duration.
 *
 * @param atS       when it starts, s from the start of the run
 * @param fault     what it is (targets counted from 0 here; scenario files count from 1)
 * @param durationS how long it lasts, s; infinite for a fault that stays
 */
public record ScheduledFault(double atS, PlantFault fault, double durationS) {
    public ScheduledFault {
        Checks.nonNegative("at_s", atS);
        if (!(durationS > 0)) {
            throw new IllegalArgumentException("duration_s must be above zero, got " + durationS);
        }
    }

    public double endS() {
        return atS + durationS;
    }

    /** When it starts, ns: the file's seconds to the nearest nanosecond, so that 0.1 s is the 0.1 s of the steps. */
    public long atNs() {
        return Math.round(atS * 1e9);
    }

    /** When it is cleared, ns; {@link Long#MAX_VALUE} for a fault that stays. */
    public long endNs() {
        return Double.isInfinite(durationS) ? Long.MAX_VALUE : Math.round(endS() * 1e9);
    }
}
