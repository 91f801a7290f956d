package org.bmsbench.firmware;

import java.util.Objects;
import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.contactor.ContactorSequenceConfig;
import org.bmsbench.firmware.diag.DiagnosisTable;
import org.bmsbench.firmware.limits.LimitsConfig;
import org.bmsbench.firmware.loop.TaskConfig;
import org.bmsbench.firmware.soc.SocConfig;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Checks;

/**
 * Everything the firmware needs that the hardware does not tell it, validated before it may start
 * ({@code docs/bms-config.md}). The hardware tells the channel and sensor counts; this says what the cells are,
 * how many sit in parallel, and how the BMS must behave.
 *
 * @param cell                      the cell type, for the estimators and the limits
 * @param parallel                  cells in parallel per series group
 * @param cellsPerTemperatureSensor how the temperature sensors are laid out (1: one per cell)
 * @param tasks                     task periods and overrun tolerance
 * @param acquisition               measurement trust
 * @param diagnosis                 the fault table
 * @param soc                       state-of-charge estimation
 * @param balancing                 balancing
 * @param contactors                contactor sequencing
 * @param limits                    current limits
 * @param openWire                  the open sense-wire check
 * @param vehicle                   how the vehicle's requests are watched
 * @param eventLogCapacity          events kept
 */
public record BmsConfig(CellParameters cell, @Key("pack.parallel") int parallel,
                        @Key("pack.cells_per_temperature_sensor") int cellsPerTemperatureSensor, TaskConfig tasks,
                        AcquisitionConfig acquisition, DiagnosisTable diagnosis, SocConfig soc,
                        BalancingConfig balancing, ContactorSequenceConfig contactors, LimitsConfig limits,
                        OpenWireConfig openWire, VehicleLinkConfig vehicle, int eventLogCapacity) {
    public BmsConfig {
        Objects.requireNonNull(cell, "cell");
        Checks.atLeastOne("pack.parallel", parallel);
        Checks.atLeastOne("pack.cells_per_temperature_sensor", cellsPerTemperatureSensor);
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(acquisition, "acquisition");
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(soc, "soc");
        Objects.requireNonNull(balancing, "balancing");
        Objects.requireNonNull(contactors, "contactors");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(openWire, "open_wire");
        Objects.requireNonNull(vehicle, "vehicle");
        Checks.atLeastOne("event_log_capacity", eventLogCapacity);
    }

    public BmsConfig withSoc(SocConfig value) {
        return new BmsConfig(cell, parallel, cellsPerTemperatureSensor, tasks, acquisition, diagnosis, value,
                balancing, contactors, limits, openWire, vehicle, eventLogCapacity);
    }

    public BmsConfig withBalancing(BalancingConfig value) {
        return new BmsConfig(cell, parallel, cellsPerTemperatureSensor, tasks, acquisition, diagnosis, soc,
                value, contactors, limits, openWire, vehicle, eventLogCapacity);
    }

    public BmsConfig withPack(int parallelCells, int cellsPerSensor) {
        return new BmsConfig(cell, parallelCells, cellsPerSensor, tasks, acquisition, diagnosis, soc, balancing,
                contactors, limits, openWire, vehicle, eventLogCapacity);
    }
}
