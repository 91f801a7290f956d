package org.bmsbench.firmware.limits;

import java.util.Objects;
import org.bmsbench.model.Checks;
import org.bmsbench.model.Table2D;

/**
 * Current limits per cell (the pack's limit is this times the cells in parallel).
 *
 * @param dischargeCurrentA  most continuous discharge current by soc and temperature, A per cell
 * @param chargeCurrentA     most continuous charge current by soc and temperature, A per cell (magnitude)
 * @param horizonS           the voltage headroom is judged over this horizon: the current that would bring the
 *                           weakest cell to its voltage limit after this long, s
 * @param minCellVoltageV    the discharge headroom's floor, V
 * @param maxCellVoltageV    the charge headroom's ceiling, V
 * @param warningDerate      factor applied to both limits while a warning asks to derate
 */
public record LimitsConfig(Table2D dischargeCurrentA, Table2D chargeCurrentA, double horizonS,
                           double minCellVoltageV, double maxCellVoltageV, double warningDerate) {
    public LimitsConfig {
        Objects.requireNonNull(dischargeCurrentA, "limits.discharge_current_a");
        Objects.requireNonNull(chargeCurrentA, "limits.charge_current_a");
        dischargeCurrentA.requireNonNegative("discharge current limit");
        chargeCurrentA.requireNonNegative("charge current limit");
        Checks.positive("limits.horizon_s", horizonS);
        Checks.positive("limits.min_cell_voltage_v", minCellVoltageV);
        if (!(maxCellVoltageV > minCellVoltageV)) {
            throw new IllegalArgumentException("limits.max_cell_voltage_v (" + maxCellVoltageV
                    + ") must be above min_cell_voltage_v (" + minCellVoltageV + ")");
        }
        Checks.inRange("limits.warning_derate", warningDerate, 0, 1);
    }
}
