package org.bmsbench.firmware.diag;

/**
 * Every fault the BMS detects. The names are stable: scenarios, telemetry and configuration files use them.
 * Each fault is either a limit on a measured value (above or below) or a condition that is present or not,
 * and is evaluated by one of the firmware's tasks, whose period is the time base of its debounce counter.
 */
public enum FaultId {
    CELL_OVERVOLTAGE(Kind.ABOVE, Task.MAIN, "highest valid cell voltage", "V"),
    CELL_UNDERVOLTAGE(Kind.BELOW, Task.MAIN, "lowest valid cell voltage", "V"),
    CELL_DEEP_DISCHARGE(Kind.BELOW, Task.MAIN, "lowest valid cell voltage", "V"),
    CELL_OVERTEMPERATURE_CHARGE(Kind.ABOVE, Task.MAIN, "highest valid cell temperature while charging", "degC"),
    CELL_OVERTEMPERATURE_DISCHARGE(Kind.ABOVE, Task.MAIN, "highest valid cell temperature, at any time", "degC"),
    CELL_UNDERTEMPERATURE_CHARGE(Kind.BELOW, Task.MAIN, "lowest valid cell temperature while charging", "degC"),
    CELL_UNDERTEMPERATURE_DISCHARGE(Kind.BELOW, Task.MAIN, "lowest valid cell temperature, at any time", "degC"),
    OVERCURRENT_CHARGE(Kind.ABOVE, Task.FAST, "charge current per cell", "A"),
    OVERCURRENT_DISCHARGE(Kind.ABOVE, Task.FAST, "discharge current per cell", "A"),
    CELL_VOLTAGE_SPREAD(Kind.ABOVE, Task.MAIN, "highest minus lowest valid cell voltage", "V"),
    CELL_VOLTAGE_IMPLAUSIBLE(Kind.CONDITION, Task.MAIN, "a cell voltage reading is invalid, out of range or frozen"),
    TEMPERATURE_IMPLAUSIBLE(Kind.CONDITION, Task.MAIN, "a temperature reading is invalid or out of range"),
    CURRENT_SENSOR_FAULT(Kind.CONDITION, Task.FAST, "the current reading is invalid or stale"),
    PACK_VOLTAGE_MISMATCH(Kind.ABOVE, Task.MAIN, "|sum of cell voltages - pack voltage|", "V"),
    OPEN_WIRE(Kind.CONDITION, Task.SLOW, "the open-wire check found a broken sense wire"),
    AFE_COMMUNICATION_LOSS(Kind.CONDITION, Task.MAIN, "no new cell data within the stale time"),
    VEHICLE_COMMUNICATION_LOSS(Kind.CONDITION, Task.MAIN, "the vehicle's cyclic request stopped arriving"),
    CONTACTOR_FEEDBACK_MISMATCH(Kind.CONDITION, Task.MAIN, "a contactor's feedback disagrees with its command"),
    CONTACTOR_WELDED(Kind.CONDITION, Task.MAIN, "a contactor did not open when commanded"),
    PRECHARGE_FAILED(Kind.CONDITION, Task.MAIN, "every precharge attempt timed out"),
    ISOLATION_LOW(Kind.BELOW, Task.SLOW, "isolation resistance to chassis", "Ohm"),
    CONTROL_LOOP_OVERRUN(Kind.CONDITION, Task.FAST, "a task started later than its tolerance");

    /** Whether a fault compares a value with limits, and in which direction, or is a condition. */
    public enum Kind {
        /** Bad when the value rises above the threshold; clears below the reset level. */
        ABOVE,
        /** Bad when the value falls below the threshold; clears above the reset level. */
        BELOW,
        /** Bad while a condition is present. */
        CONDITION
    }

    /** The firmware task that evaluates a fault. */
    public enum Task { FAST, MAIN, SLOW }

    private static final FaultId[] VALUES = values();

    public static final int COUNT = VALUES.length;

    private final Kind kind;
    private final Task task;
    private final String measures;
    private final String unit;

    /** A condition: its value is 1 while present, 0 otherwise. */
    FaultId(Kind kind, Task task, String measures) {
        this(kind, task, measures, "");
    }

    FaultId(Kind kind, Task task, String measures, String unit) {
        this.kind = kind;
        this.task = task;
        this.measures = measures;
        this.unit = unit;
    }

    public static FaultId of(int ordinal) {
        return VALUES[ordinal];
    }

    public Kind kind() {
        return kind;
    }

    public Task task() {
        return task;
    }

    /** What the fault's value is, with its unit (or what its condition is). */
    public String measures() {
        return unit.isEmpty() ? measures : measures + ", " + unit;
    }

    /** The unit of the fault's value (V, degC, A, Ohm); empty for a condition. */
    public String unit() {
        return unit;
    }
}
