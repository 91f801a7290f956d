package org.bmsbench.firmware.events;

import java.util.Locale;

/** What an event records. */
public enum EventType {
    /** A fault tier was raised: {@code code} is the fault, {@code level} the tier, {@code value} the sample. */
    FAULT_RAISED,
    /** A fault tier cleared. */
    FAULT_CLEARED,
    /** The BMS state changed: {@code code} is the new state, {@code level} the previous one. */
    STATE_CHANGED,
    /** Contactors opened with current flowing: {@code value} is the current, A. */
    OPENED_UNDER_LOAD,
    /** A precharge attempt timed out: {@code code} is the attempt, {@code value} the link voltage reached, V. */
    PRECHARGE_ATTEMPT_FAILED,
    /** The SOC estimate of channel {@code code} was re-anchored on its rest voltage: {@code value} the new soc. */
    SOC_REANCHORED,
    /** A request reached the state machine: {@code code} is the request. */
    REQUEST,
    /** A request was refused (a reset while a cause remains): {@code code} is the request. */
    REQUEST_REFUSED;

    private static final EventType[] VALUES = values();

    public static EventType of(int ordinal) {
        return VALUES[ordinal];
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
