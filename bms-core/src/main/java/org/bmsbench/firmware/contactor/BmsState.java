package org.bmsbench.firmware.contactor;

import java.util.Locale;

/** The states of the BMS, after foxBMS's bms state machine. */
public enum BmsState {
    /** Contactors open; waiting for the vehicle to ask for power. */
    STANDBY,
    /** Closing: weld checks, then the negative contactor and the precharge relay until the link is charged. */
    PRECHARGE,
    /** Both main contactors closed, precharge relay open: power available within the current limits. */
    NORMAL,
    /** Opening: waiting for the current to fall below the break limit (for a while), then opening. */
    OPENING,
    /** A fault opened the contactors; leaving needs every cause gone and a reset request. */
    ERROR;

    private static final BmsState[] VALUES = values();

    public static BmsState of(int ordinal) {
        return VALUES[ordinal];
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
