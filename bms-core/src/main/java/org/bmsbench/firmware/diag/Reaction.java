package org.bmsbench.firmware.diag;

import java.util.Locale;

/** What the BMS does once a fault tier has been active for its delay. */
public enum Reaction {
    /** Record it; nothing else. */
    NONE,
    /** Lower the current limits by the configured derating factor. */
    DERATE,
    /** No charging: the charge current limit goes to zero. */
    BLOCK_CHARGE,
    /** No discharging: the discharge current limit goes to zero. */
    BLOCK_DISCHARGE,
    /** Neither: both current limits go to zero, the contactors stay closed. */
    BLOCK_POWER,
    /** Go to the error state: open the contactors. */
    OPEN_CONTACTORS;

    /** The name used in configuration files: {@code open_contactors}... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this reaction forbids charging. */
    public boolean blocksCharge() {
        return this == BLOCK_CHARGE || this == BLOCK_POWER || this == OPEN_CONTACTORS;
    }

    /** True when this reaction forbids discharging. */
    public boolean blocksDischarge() {
        return this == BLOCK_DISCHARGE || this == BLOCK_POWER || this == OPEN_CONTACTORS;
    }
}
