package org.bmsbench.hil.protocol;

import org.bmsbench.port.WireCoded;

/** What an INJECT_FAULT asks: its action byte ({@code docs/hil-protocol.md}). */
public enum FaultAction implements WireCoded {
    /** End the fault: the plant or sensor behaves normally again. */
    CLEAR(0),
    /** Start the fault. */
    INJECT(1);

    private static final FaultAction[] BY_WIRE_CODE = WireCoded.table(values());

    private final int wireCode;

    FaultAction(int wireCode) {
        this.wireCode = wireCode;
    }

    @Override
    public int wireCode() {
        return wireCode;
    }

    /** The action with this code, or null when there is none. Allocates nothing. */
    public static FaultAction fromWireCode(int code) {
        return WireCoded.lookup(BY_WIRE_CODE, code);
    }
}
