package org.bmsbench.sim;

import java.util.Locale;
import java.util.Objects;

/**
 * A fault to inject into the plant or its sensors: what, where, and how much.
 *
 * @param type   the kind of fault
 * @param target the AFE channel (series group), temperature sensor, cell or contactor it hits; ignored by
 *               pack-wide faults
 * @param value  its size in the type's unit (NaN where the type takes none, or for "stuck at the present
 *               reading")
 */
public record PlantFault(Type type, int target, double value) {
    /** What a fault type hits. */
    public enum Target { CHANNEL, TEMPERATURE_SENSOR, CELL, CONTACTOR, PACK }

    /** The faults the plant can simulate. The id is the name used in scenario files. */
    public enum Type {
        /** A cell voltage channel reads {@code value} volts high (negative: low). */
        CELL_VOLTAGE_SENSOR_OFFSET(Target.CHANNEL, "V"),
        /** A cell voltage channel freezes at {@code value} volts, or at its present reading when NaN. */
        CELL_VOLTAGE_SENSOR_STUCK(Target.CHANNEL, "V"),
        /** A cell voltage channel reports an invalid reading. */
        CELL_VOLTAGE_SENSOR_NAN(Target.CHANNEL, ""),
        /** The sense wire at the positive terminal of a series group breaks. */
        OPEN_WIRE(Target.CHANNEL, ""),
        /** A temperature sensor reads {@code value} degC high. */
        TEMPERATURE_SENSOR_OFFSET(Target.TEMPERATURE_SENSOR, "degC"),
        /** A temperature sensor freezes at {@code value} degC, or at its present reading when NaN. */
        TEMPERATURE_SENSOR_STUCK(Target.TEMPERATURE_SENSOR, "degC"),
        /** A temperature sensor's wire breaks: it reads the bottom of its range. */
        TEMPERATURE_SENSOR_DISCONNECTED(Target.TEMPERATURE_SENSOR, ""),
        /** The current sensor reads {@code value} amps high. */
        CURRENT_SENSOR_OFFSET(Target.PACK, "A"),
        /** The current sensor stops answering. */
        CURRENT_SENSOR_LOSS(Target.PACK, ""),
        /** A cell develops an internal short of {@code value} ohms. */
        CELL_INTERNAL_SHORT(Target.CELL, "Ohm"),
        /** {@code value} watts of heat reach a cell from outside (a neighbouring fault, a failed heater). */
        CELL_HEATING(Target.CELL, "W"),
        /** The AFE stops answering: no new cell data, commands lost. */
        AFE_COMMUNICATION_LOSS(Target.PACK, ""),
        /** A contactor's contacts weld (target: 0 main +, 1 main -, 2 precharge). */
        CONTACTOR_WELDED(Target.CONTACTOR, ""),
        /** The HV system's isolation to chassis falls to {@code value} ohms. */
        ISOLATION_FAULT(Target.PACK, "Ohm"),
        /**
         * {@code value} ohms appear across the vehicle's DC link (a failed link capacitor, a shorted heater):
         * precharge cannot bring the link up to the pack.
         */
        DC_LINK_SHORT(Target.PACK, "Ohm");

        private final Target target;
        private final String unit;

        Type(Target target, String unit) {
            this.target = target;
            this.unit = unit;
        }

        /** The scenario-file name, e.g. {@code cell_voltage_sensor_offset}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public Target target() {
            return target;
        }

        /** The unit of the fault's value; empty when it takes none. */
        public String unit() {
            return unit;
        }

        /** True when the type cannot do without a value (a stuck sensor may take its present reading). */
        public boolean requiresValue() {
            return !unit.isEmpty() && this != CELL_VOLTAGE_SENSOR_STUCK && this != TEMPERATURE_SENSOR_STUCK;
        }
    }

    public PlantFault {
        Objects.requireNonNull(type, "type");
        if (type.requiresValue() && !Double.isFinite(value)) {
            throw new IllegalArgumentException(type.id() + " needs a value in " + type.unit() + ", got " + value);
        }
    }

    /** A fault that takes no value or size. */
    public static PlantFault of(Type type, int target) {
        return new PlantFault(type, target, Double.NaN);
    }
}
