package org.bmsbench.port;

import java.util.Locale;

/**
 * The switches between the pack and the vehicle that the BMS commands and reads back. The wire code is the
 * contactor's number in the HIL protocol's CONTACTOR command, its bit in MEASUREMENT's contactor feedback, and a
 * {@code contactor_welded} fault's target.
 */
public enum ContactorId implements WireCoded {
    MAIN_POSITIVE(0, "positive"),
    MAIN_NEGATIVE(1, "negative"),
    PRECHARGE(2, "precharge");

    private static final ContactorId[] VALUES = values();
    private static final ContactorId[] BY_WIRE_CODE = WireCoded.table(VALUES);

    public static final int COUNT = VALUES.length;

    private final int wireCode;
    private final String shortName;
    private final String id;

    ContactorId(int wireCode, String shortName) {
        this.wireCode = wireCode;
        this.shortName = shortName;
        this.id = name().toLowerCase(Locale.ROOT);
    }

    /** The contactors by position, without the copy {@code values()} makes on every call (not a wire code). */
    public static ContactorId of(int ordinal) {
        return VALUES[ordinal];
    }

    @Override
    public int wireCode() {
        return wireCode;
    }

    /** The contactor with this wire code, or null when there is none. Allocates nothing. */
    public static ContactorId fromWireCode(int code) {
        return WireCoded.lookup(BY_WIRE_CODE, code);
    }

    /** The name scenario files give it: {@code contactor: positive}. */
    public String shortName() {
        return shortName;
    }

    /** The contactor a scenario file names, or null when none has the name. */
    public static ContactorId fromShortName(String name) {
        for (ContactorId id : VALUES) {
            if (id.shortName.equals(name)) {
                return id;
            }
        }
        return null;
    }

    /** Its key in telemetry (MQTT's {@code contactors} object), e.g. {@code main_positive}. */
    public String id() {
        return id;
    }
}
