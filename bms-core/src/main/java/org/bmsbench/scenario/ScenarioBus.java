package org.bmsbench.scenario;

import org.bmsbench.firmware.BmsFirmware;

/**
 * The CAN bus of a scenario with a {@code can:} profile: the BMS's node on it (ticked after the firmware) and the
 * vehicle's side, through which the scenario's requests and {@code can} segments travel as frames and whose
 * limits are the ones the BMS sent. bms-core declares it; hil-bridge, which speaks CAN, provides it.
 */
public interface ScenarioBus extends ScenarioWorld.Bms, CoSimulation.TickObserver, AutoCloseable {
    /** What the BMS sent, signal by signal, for the scenario's CAN expectations. */
    @FunctionalInterface
    interface Listener {
        void busValue(long timeNs, String message, String signal, double value);
    }

    /** Opens the bus for one run of {@code scenario} with this firmware on it. */
    @FunctionalInterface
    interface Factory {
        ScenarioBus open(Scenario scenario, BmsFirmware firmware, Listener listener);
    }

    /** One line for the run's end: frames sent and received, anything dropped or refused. */
    String summary();

    @Override
    void close();
}
