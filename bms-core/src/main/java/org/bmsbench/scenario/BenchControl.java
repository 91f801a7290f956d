package org.bmsbench.scenario;

import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.sim.PlantFault;

/**
 * What remote commands can do to a running bench. Each method runs on the bench's own thread (the scenario
 * loop, the control loop) and returns null when done or a reason when it cannot be done.
 */
public interface BenchControl {
    String request(BmsRequest request);

    String setBalancing(BalancingConfig.Strategy strategy);

    /** Injects ({@code inject}) or clears a fault in a simulated or emulated plant. */
    String fault(PlantFault fault, boolean inject);

    /** Paces a simulation at {@code speed} times real time; NaN: as fast as it goes. */
    String setSpeed(double speed);
}
