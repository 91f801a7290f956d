package org.bmsbench.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bmsbench.model.Checks;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.WireCoded;

/**
 * A fault to inject into the plant or its sensors: what, where, and how much.
 *
 * @param type   the kind of fault
 * @param target the AFE channel (series group), temperature sensor or cell it hits, counted from 0, or the
 *               contactor's {@linkplain ContactorId#wireCode() wire code}; ignored by pack-wide faults
 * @param value  its size in the type's unit (NaN where the type takes none, or for "stuck at the present
 *               reading")
 */
public record PlantFault(Type type, int target, double value) {
    /** What a fault type hits, and the key that names it in scenario files. */
    public enum Target {
        /** A cell-voltage channel (series group): {@code cell}, from 1 in files. */
        CHANNEL("cell"),
        /** A cell temperature sensor: {@code sensor}, from 1 in files. */
        TEMPERATURE_SENSOR("sensor"),
        /** A single cell, {@code (group - 1) x parallel + k}: {@code cell}, from 1 in files. */
        CELL("cell"),
        /** A contactor, by its wire code; files name it ({@code contactor: positive}). */
        CONTACTOR("contactor"),
        /** The whole pack: no target. */
        PACK("");

        private final String key;

        Target(String key) {
            this.key = key;
        }

        /** The scenario-file key that names the target; empty for {@link #PACK}. */
        public String key() {
            return key;
        }
    }

    /** What a fault's value must be: the check a scenario file's value passes, naming the key when it fails. */
    public enum ValueRule {
        FINITE, NON_NEGATIVE, POSITIVE;

        /** {@code value}, or an {@link IllegalArgumentException} naming {@code name} when it breaks the rule. */
        public double check(String name, double value) {
            return switch (this) {
                case FINITE -> Checks.finite(name, value);
                case NON_NEGATIVE -> Checks.nonNegative(name, value);
                case POSITIVE -> Checks.positive(name, value);
            };
        }
    }

    /**
     * The size a fault type takes: its key in scenario files, its unit (INJECT_FAULT's value on the HIL link is
     * in it too), the rule a value must pass, and whether the type cannot do without one (a stuck sensor without
     * a value keeps its present reading).
     */
    public record Quantity(String key, String unit, ValueRule rule, boolean required) {
        public Quantity {
            if (key == null || key.isBlank() || unit == null || unit.isBlank()) {
                throw new IllegalArgumentException("a fault's value needs a key and a unit, got '" + key + "' in '"
                        + unit + "'");
            }
            Objects.requireNonNull(rule, "rule");
        }

        static Quantity required(String key, String unit, ValueRule rule) {
            return new Quantity(key, unit, rule, true);
        }

        static Quantity optional(String key, String unit, ValueRule rule) {
            return new Quantity(key, unit, rule, false);
        }
    }

    /**
     * The faults the plant can simulate, each declared once: its code on the HIL link (INJECT_FAULT's type byte,
     * {@code docs/hil-protocol.md}), what it hits and the size it takes. The id is the name used in scenario
     * files and commands. A new fault type is a constant here, its effect in {@link PackPlant}, and its rows in
     * {@code docs/hil-protocol.md} and {@code docs/scenarios.md} (tests hold both documents to this declaration);
     * scenario files, MQTT commands and the HIL link then know it.
     */
    public enum Type implements WireCoded {
        /** A cell voltage channel reads {@code value} volts high (negative: low). */
        CELL_VOLTAGE_SENSOR_OFFSET(0, Target.CHANNEL, Quantity.required("value_v", "V", ValueRule.FINITE)),
        /** A cell voltage channel freezes at {@code value} volts, or at its present reading when NaN. */
        CELL_VOLTAGE_SENSOR_STUCK(1, Target.CHANNEL, Quantity.optional("value_v", "V", ValueRule.NON_NEGATIVE)),
        /** A cell voltage channel reports an invalid reading. */
        CELL_VOLTAGE_SENSOR_NAN(2, Target.CHANNEL, null),
        /** The sense wire at the positive terminal of a series group breaks. */
        OPEN_WIRE(3, Target.CHANNEL, null),
        /** A temperature sensor reads {@code value} degC high. */
        TEMPERATURE_SENSOR_OFFSET(4, Target.TEMPERATURE_SENSOR, Quantity.required("value_c", "degC", ValueRule.FINITE)),
        /** A temperature sensor freezes at {@code value} degC, or at its present reading when NaN. */
        TEMPERATURE_SENSOR_STUCK(5, Target.TEMPERATURE_SENSOR, Quantity.optional("value_c", "degC", ValueRule.FINITE)),
        /** A temperature sensor's wire breaks: it reads the bottom of its range. */
        TEMPERATURE_SENSOR_DISCONNECTED(6, Target.TEMPERATURE_SENSOR, null),
        /** The current sensor reads {@code value} amps high. */
        CURRENT_SENSOR_OFFSET(7, Target.PACK, Quantity.required("value_a", "A", ValueRule.FINITE)),
        /** The current sensor stops answering. */
        CURRENT_SENSOR_LOSS(8, Target.PACK, null),
        /** A cell develops an internal short of {@code value} ohms. */
        CELL_INTERNAL_SHORT(9, Target.CELL, Quantity.required("resistance_ohm", "Ohm", ValueRule.POSITIVE)),
        /** {@code value} watts of heat reach a cell from outside (a neighbouring fault, a failed heater). */
        CELL_HEATING(10, Target.CELL, Quantity.required("power_w", "W", ValueRule.NON_NEGATIVE)),
        /** The AFE stops answering: no new cell data, commands lost. */
        AFE_COMMUNICATION_LOSS(11, Target.PACK, null),
        /** A contactor's contacts weld (target: the contactor's wire code). */
        CONTACTOR_WELDED(12, Target.CONTACTOR, null),
        /** The HV system's isolation to chassis falls to {@code value} ohms. */
        ISOLATION_FAULT(13, Target.PACK, Quantity.required("resistance_ohm", "Ohm", ValueRule.POSITIVE)),
        /**
         * {@code value} ohms appear across the vehicle's DC link (a failed link capacitor, a shorted heater):
         * precharge cannot bring the link up to the pack.
         */
        DC_LINK_SHORT(14, Target.PACK, Quantity.required("resistance_ohm", "Ohm", ValueRule.POSITIVE));

        private static final Type[] VALUES = values();
        private static final Type[] BY_WIRE_CODE = WireCoded.table(VALUES);

        private final int wireCode;
        private final Target target;
        private final Quantity quantity; // null: the type takes no value

        Type(int wireCode, Target target, Quantity quantity) {
            this.wireCode = wireCode;
            this.target = target;
            this.quantity = quantity;
        }

        /** The scenario-file name, e.g. {@code cell_voltage_sensor_offset}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public int wireCode() {
            return wireCode;
        }

        /** The type with this wire code, or null when there is none. Allocates nothing. */
        public static Type fromWireCode(int code) {
            return WireCoded.lookup(BY_WIRE_CODE, code);
        }

        /** The type with this {@linkplain #id() id}, or null when there is none. */
        public static Type fromId(String id) {
            for (Type t : VALUES) {
                if (t.id().equals(id)) {
                    return t;
                }
            }
            return null;
        }

        /** Every id, sorted: what an unknown name is told to be one of. */
        public static List<String> ids() {
            List<String> ids = new ArrayList<>();
            for (Type t : VALUES) {
                ids.add(t.id());
            }
            ids.sort(null);
            return ids;
        }

        public Target target() {
            return target;
        }

        /** The size the type takes; empty when it takes none. */
        public Optional<Quantity> quantity() {
            return Optional.ofNullable(quantity);
        }

        /** The unit of the fault's value; empty when it takes none. */
        public String unit() {
            return quantity == null ? "" : quantity.unit();
        }

        /** True when the type cannot do without a value (a stuck sensor may take its present reading). */
        public boolean requiresValue() {
            return quantity != null && quantity.required();
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
