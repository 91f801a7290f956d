package org.bmsbench.scenario;

import java.util.Locale;

/**
 * What a scenario can watch and trace. Cell voltages, temperatures, currents and contactors are the plant's
 * truth (what the cells really went through); the measured cell voltages, soc, its sigma, limits, balancing and
 * state are the BMS's (what it saw and decided).
 */
public enum Signal {
    PACK_CURRENT_A("pack current, A, positive on discharge"),
    PACK_VOLTAGE_V("pack terminal voltage, V"),
    LINK_VOLTAGE_V("vehicle DC-link voltage, V"),
    CELL_VOLTAGE_MIN_V("lowest cell (series group) voltage, V"),
    CELL_VOLTAGE_MAX_V("highest cell (series group) voltage, V"),
    CELL_VOLTAGE_SPREAD_V("highest minus lowest cell voltage, V"),
    CELL_VOLTAGE_MIN_MEASURED_V("lowest valid cell voltage the BMS measured, V"),
    CELL_VOLTAGE_MAX_MEASURED_V("highest valid cell voltage the BMS measured, V"),
    CELL_VOLTAGE_SPREAD_MEASURED_V("highest minus lowest valid measured cell voltage, V"),
    CELL_TEMPERATURE_MIN_C("coldest cell, degC"),
    CELL_TEMPERATURE_MAX_C("hottest cell, degC"),
    SOC("the pack soc the BMS displays, 0..1"),
    SOC_SIGMA("the estimator's standard deviation of its least certain channel's soc, 0..1"),
    SOC_TRUE("the same from the plant's true cell socs, 0..1"),
    SOC_SPREAD_TRUE("the fullest minus the emptiest series group, true soc (the imbalance balancing removes)"),
    CHARGE_CURRENT_LIMIT_A("the BMS's charge current limit, A"),
    DISCHARGE_CURRENT_LIMIT_A("the BMS's discharge current limit, A"),
    BALANCING_CELLS("channels the BMS is bleeding"),
    BMS_STATE("the BMS state (standby, precharge, normal, opening, error)"),
    CONTACTORS("the contactors: open, precharge or closed");

    private static final Signal[] VALUES = values();

    public static final int COUNT = VALUES.length;

    private final String description;

    Signal(String description) {
        this.description = description;
    }

    public static Signal of(int ordinal) {
        return VALUES[ordinal];
    }

    /** The name used in scenario files and traces, e.g. {@code cell_voltage_max_v}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** True for signals with a number to compare (not the state and contactor words). */
    public boolean isNumeric() {
        return this != BMS_STATE && this != CONTACTORS;
    }

    /** The signal with this id, or null. */
    public static Signal byId(String id) {
        for (Signal s : VALUES) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
