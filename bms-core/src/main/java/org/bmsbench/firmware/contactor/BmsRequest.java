package org.bmsbench.firmware.contactor;

import java.util.Locale;
import org.bmsbench.port.WireCoded;

/**
 * What the vehicle (or an operator) can ask of the BMS. The wire code is the request's byte in the HIL protocol's
 * VEHICLE_REQUEST.
 */
public enum BmsRequest implements WireCoded {
    /** Open the contactors. */
    STANDBY(0),
    /** Close the contactors (precharge first). */
    NORMAL(1),
    /** Leave the error state, once every fatal cause is gone. */
    RESET_FAULTS(2),
    /** Clear latched faults (deep discharge, welded contactor, precharge lockout) and leave the error state. */
    SERVICE_RESET(3);

    private static final BmsRequest[] VALUES = values();
    private static final BmsRequest[] BY_WIRE_CODE = WireCoded.table(VALUES);

    private final int wireCode;

    BmsRequest(int wireCode) {
        this.wireCode = wireCode;
    }

    /** The request by position, inside the process (the mailbox, the event log's codes); not a wire code. */
    public static BmsRequest of(int ordinal) {
        return VALUES[ordinal];
    }

    @Override
    public int wireCode() {
        return wireCode;
    }

    /** The request with this wire code, or null when there is none. Allocates nothing. */
    public static BmsRequest fromWireCode(int code) {
        return WireCoded.lookup(BY_WIRE_CODE, code);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
