package org.bmsbench.firmware.contactor;

import java.util.Locale;
import org.bmsbench.port.WireCoded;

/**
 * The states of the BMS, after foxBMS's bms state machine. The wire code is the state's byte in the HIL
 * protocol's HOST_STATUS.
 */
public enum BmsState implements WireCoded {
    /** Contactors open; waiting for the vehicle to ask for power. */
    STANDBY(0),
    /** Closing: weld checks, then the negative contactor and the precharge relay until the link is charged. */
    PRECHARGE(1),
    /** Both main contactors closed, precharge relay open: power available within the current limits. */
    NORMAL(2),
    /** Opening: waiting for the current to fall below the break limit (for a while), then opening. */
    OPENING(3),
    /** A fault opened the contactors; leaving needs every cause gone and a reset request. */
    ERROR(4);

    private static final BmsState[] VALUES = values();
    private static final BmsState[] BY_WIRE_CODE = WireCoded.table(VALUES);

    private final int wireCode;

    BmsState(int wireCode) {
        this.wireCode = wireCode;
    }

    /** The state by position, inside the process (signals, the event log's codes); not a wire code. */
    public static BmsState of(int ordinal) {
        return VALUES[ordinal];
    }

    @Override
    public int wireCode() {
        return wireCode;
    }

    /** The state with this wire code, or null when there is none. Allocates nothing. */
    public static BmsState fromWireCode(int code) {
        return WireCoded.lookup(BY_WIRE_CODE, code);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
