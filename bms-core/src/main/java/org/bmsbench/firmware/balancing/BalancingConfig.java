package org.bmsbench.firmware.balancing;

import java.util.Locale;
import java.util.Objects;
import org.bmsbench.model.Checks;

/**
 * Passive balancing: which strategy, when it may run and when it must stop.
 *
 * @param strategy               none, voltage-based or soc-based
 * @param thresholdV             voltage strategy: bleed a cell more than this above the lowest, V
 * @param hysteresisV            voltage strategy: keep bleeding until it is within threshold minus this, V
 * @param socThreshold           soc strategy: bleed a cell whose soc is more than this above the lowest
 * @param minCellVoltageV        never bleed a cell below this voltage, V
 * @param restCurrentA           current per cell below which the pack rests, A
 * @param restTimeS              balance at rest only after resting this long, s
 * @param chargeTimeS            balance while charging only after charging this long without a break, s (so
 *                               that regeneration pulses on a drive do not count as charging)
 * @param maxCellTemperatureC    stop when any cell is hotter, degC
 * @param maxBoardTemperatureC   stop when any AFE board is hotter, degC
 * @param pauseDuringMeasurement keep the bleed switches open while the AFE converts (no sense-wire drop)
 * @param bleedResistanceOhm     the bleed resistor, to know how much charge a switch takes out, Ohm
 */
public record BalancingConfig(Strategy strategy, double thresholdV, double hysteresisV, double socThreshold,
                              double minCellVoltageV, double restCurrentA, double restTimeS, double chargeTimeS,
                              double maxCellTemperatureC, double maxBoardTemperatureC, boolean pauseDuringMeasurement,
                              double bleedResistanceOhm) {
    /** The balancing strategies. */
    public enum Strategy {
        NONE, VOLTAGE, SOC;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public BalancingConfig {
        Objects.requireNonNull(strategy, "balancing.strategy");
        Checks.positive("balancing.threshold_v", thresholdV);
        Checks.nonNegative("balancing.hysteresis_v", hysteresisV);
        if (!(hysteresisV < thresholdV)) {
            throw new IllegalArgumentException("balancing.hysteresis_v (" + hysteresisV
                    + " V) must be below threshold_v (" + thresholdV + " V)");
        }
        Checks.inRange("balancing.soc_threshold", socThreshold, 1e-6, 0.5);
        Checks.positive("balancing.min_cell_voltage_v", minCellVoltageV);
        Checks.nonNegative("balancing.rest_current_a", restCurrentA);
        Checks.nonNegative("balancing.rest_time_s", restTimeS);
        Checks.nonNegative("balancing.charge_time_s", chargeTimeS);
        Checks.finite("balancing.max_cell_temperature_c", maxCellTemperatureC);
        Checks.finite("balancing.max_board_temperature_c", maxBoardTemperatureC);
        Checks.positive("balancing.bleed_resistance_ohm", bleedResistanceOhm);
    }

    public BalancingConfig withStrategy(Strategy value) {
        return new BalancingConfig(value, thresholdV, hysteresisV, socThreshold, minCellVoltageV, restCurrentA,
                restTimeS, chargeTimeS, maxCellTemperatureC, maxBoardTemperatureC, pauseDuringMeasurement, bleedResistanceOhm);
    }
}
