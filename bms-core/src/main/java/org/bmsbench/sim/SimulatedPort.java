package org.bmsbench.sim;

import org.bmsbench.port.ContactorId;
import org.bmsbench.port.HardwarePort;
import org.bmsbench.port.Measurements;

/** The simulated plant seen through the firmware's hardware port: the sensors and the coils, nothing else. */
public final class SimulatedPort implements HardwarePort {
    private final PackPlant plant;

    public SimulatedPort(PackPlant plant) {
        this.plant = plant;
    }

    @Override
    public int cellChannelCount() {
        return plant.afe().channelCount();
    }

    @Override
    public int temperatureSensorCount() {
        return plant.afe().temperatureSensorCount();
    }

    @Override
    public int boardCount() {
        return plant.afe().boardCount();
    }

    @Override
    public void read(long nowNs, Measurements into) {
        plant.afe().hostActivity(nowNs);
        into.copyFrom(plant.measurements());
    }

    @Override
    public void commandBalancing(long nowNs, boolean[] on, boolean dischargeDuringConversion) {
        SimulatedAfe afe = plant.afe();
        afe.setDischargeDuringConversion(dischargeDuringConversion);
        for (int channel = 0; channel < on.length; channel++) {
            afe.commandBalancing(channel, on[channel], nowNs);
        }
    }

    @Override
    public void commandContactor(ContactorId id, boolean energise) {
        plant.commandContactor(id, energise);
    }

    @Override
    public boolean openWireConversion(long nowNs, boolean pullUp, double[] out) {
        plant.afe().openWireConversion(nowNs, pullUp, out);
        return true;
    }
}
