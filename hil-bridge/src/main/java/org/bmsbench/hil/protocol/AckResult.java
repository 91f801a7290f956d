package org.bmsbench.hil.protocol;

import org.bmsbench.port.WireCoded;

/** What an ACK says of the command it acknowledges: its result byte ({@code docs/hil-protocol.md}). */
public enum AckResult implements WireCoded {
    /** Done. */
    OK(0),
    /** Understood, but a value is out of range or the payload is malformed: nothing was done. */
    BAD_VALUE(1),
    /** A command this board does not know or cannot obey (a real board asked to inject a fault). */
    UNSUPPORTED(2);

    private static final AckResult[] BY_WIRE_CODE = WireCoded.table(values());

    private final int wireCode;

    AckResult(int wireCode) {
        this.wireCode = wireCode;
    }

    @Override
    public int wireCode() {
        return wireCode;
    }

    /** The result with this code, or null when there is none. Allocates nothing. */
    public static AckResult fromWireCode(int code) {
        return WireCoded.lookup(BY_WIRE_CODE, code);
    }
}
