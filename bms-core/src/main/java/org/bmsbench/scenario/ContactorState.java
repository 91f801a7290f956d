package org.bmsbench.scenario;

import java.util.Locale;
import org.bmsbench.sim.ContactorCircuit;

/** What the contactors are doing, as the vehicle would see it. */
public enum ContactorState {
    OPEN, PRECHARGE, CLOSED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The real state of the plant's contactors. */
    public static ContactorState of(ContactorCircuit circuit) {
        if (circuit.isMainPathClosed()) {
            return CLOSED;
        }
        return circuit.mainNegative().isClosed() && circuit.precharge().isClosed() ? PRECHARGE : OPEN;
    }
}
