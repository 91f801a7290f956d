package org.bmsbench.mqtt;

import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.scenario.BenchControl;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantFault;

/**
 * The commands of a bench whose plant runs in this process: requests and balancing go to the firmware, faults
 * into the plant; each on the run's own thread. Subclasses pace the run ({@link #setSpeed}) and bind the plant
 * and firmware when the run starts.
 */
public abstract class SimulatedBench implements BenchControl {
    protected PackPlant plant;
    protected BmsFirmware firmware;

    /** The run's plant and firmware (its first step). */
    protected void bind(PackPlant plantNow, BmsFirmware firmwareNow) {
        this.plant = plantNow;
        this.firmware = firmwareNow;
    }

    @Override
    public String request(BmsRequest request) {
        return firmware.requestAndJudge(request);
    }

    @Override
    public String setBalancing(BalancingConfig.Strategy strategy) {
        firmware.balancing().requestStrategy(strategy);
        return null;
    }

    @Override
    public String fault(PlantFault fault, boolean inject) {
        try {
            if (inject) {
                plant.inject(fault);
            } else {
                plant.clear(fault);
            }
            return null;
        } catch (IllegalArgumentException e) { // a cell or sensor the pack does not have
            return e.getMessage();
        }
    }
}
