package org.bmsbench.scenario;

import java.util.function.Supplier;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.sim.load.Load;

/** One step of a scenario's profile: a load for a while, or a request to the BMS that takes no time. */
public sealed interface Segment {
    /** A short description for logs and reports. */
    String describe();

    /**
     * A load until it ends by itself. {@code load} makes a fresh one for each run (loads carry state);
     * {@code respectLimits} makes it obey the BMS's current limits, as an inverter or charger does.
     */
    record LoadSegment(Supplier<Load> load, boolean respectLimits, String describe) implements Segment {
    }

    /** The vehicle (or an operator) asks something of the BMS. */
    record RequestSegment(BmsRequest request) implements Segment {
        @Override
        public String describe() {
            return "request " + request.id();
        }
    }
}
