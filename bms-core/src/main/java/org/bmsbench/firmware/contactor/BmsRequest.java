package org.bmsbench.firmware.contactor;

import java.util.Locale;

/** What the vehicle (or an operator) can ask of the BMS. */
public enum BmsRequest {
    /** Open the contactors. */
    STANDBY,
    /** Close the contactors (precharge first). */
    NORMAL,
    /** Leave the error state, once every fatal cause is gone. */
    RESET_FAULTS,
    /** Clear latched faults (deep discharge, welded contactor, precharge lockout) and leave the error state. */
    SERVICE_RESET;

    private static final BmsRequest[] VALUES = values();

    public static BmsRequest of(int ordinal) {
        return VALUES[ordinal];
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
