package org.bmsbench.firmware;

import org.bmsbench.model.Checks;

/**
 * How the firmware decides whether a measurement can be trusted.
 *
 * @param minCellVoltageV         lowest plausible cell reading, V
 * @param maxCellVoltageV         highest plausible cell reading, V
 * @param minTemperatureC         lowest plausible temperature, degC (an open NTC reads its rail, below this)
 * @param maxTemperatureC         highest plausible temperature, degC
 * @param staleAfterNs            cell data older than this is stale (the AFE has stopped answering), ns
 * @param frozenConversions       a channel that reads exactly the same for this many conversions in a row while
 *                                current flows is frozen
 * @param frozenMinCurrentA       the current (per cell) above which a reading must move, A
 * @param currentStaleAfterNs     a current (and pack and link voltage) sample older than this is stale, ns
 * @param chargingCurrentA        the pack is charging when the current per cell is below minus this, A
 */
public record AcquisitionConfig(@Key("cell_voltage_min_v") double minCellVoltageV,
                                @Key("cell_voltage_max_v") double maxCellVoltageV,
                                @Key("temperature_min_c") double minTemperatureC,
                                @Key("temperature_max_c") double maxTemperatureC, long staleAfterNs,
                                int frozenConversions, double frozenMinCurrentA, long currentStaleAfterNs,
                                double chargingCurrentA) {
    public AcquisitionConfig {
        Checks.nonNegative("acquisition.cell_voltage_min_v", minCellVoltageV);
        if (!(maxCellVoltageV > minCellVoltageV)) {
            throw new IllegalArgumentException("acquisition.cell_voltage_max_v (" + maxCellVoltageV
                    + ") must be above cell_voltage_min_v (" + minCellVoltageV + ")");
        }
        if (!(maxTemperatureC > minTemperatureC)) {
            throw new IllegalArgumentException("acquisition.temperature_max_c (" + maxTemperatureC
                    + ") must be above temperature_min_c (" + minTemperatureC + ")");
        }
        if (staleAfterNs <= 0 || currentStaleAfterNs <= 0) {
            throw new IllegalArgumentException("acquisition stale times must be above zero");
        }
        Checks.atLeastOne("acquisition.frozen_conversions", frozenConversions);
        Checks.nonNegative("acquisition.frozen_min_current_a", frozenMinCurrentA);
        Checks.positive("acquisition.charging_current_a", chargingCurrentA);
    }
}
