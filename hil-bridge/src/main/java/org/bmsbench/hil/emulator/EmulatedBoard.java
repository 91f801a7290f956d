package org.bmsbench.hil.emulator;

import java.util.List;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioEvent;
import org.bmsbench.sim.PackPlant;

/**
 * A scenario's pack emulated behind a link to a BMS (the serial HIL protocol, or sensors on CAN), stepped in real
 * time by {@link EmulatorRun}: one plant step per call, once the BMS has shown up.
 */
public interface EmulatedBoard {
    /** One plant step at wall time {@code wallNs}, and the link's traffic; false once the scenario has ended. */
    boolean step(long wallNs);

    Scenario scenario();

    PackPlant plant();

    /** What happened on the board's side (segments, faults, the host's arrival and watchdog); read while it runs. */
    List<ScenarioEvent> events();
}
