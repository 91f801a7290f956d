package org.bmsbench.hil.protocol;

import org.bmsbench.port.WireCoded;

/** The messages of the HIL protocol ({@code docs/hil-protocol.md}), by their type byte. */
public enum MessageType implements WireCoded {
    /** Both ways: who is talking, how many channels, the report period. */
    HELLO(0x01),
    /** Both ways, every 100 ms: the sender is alive. */
    HEARTBEAT(0x02),
    /** Acknowledges a command by its sequence number, with a result. */
    ACK(0x03),
    /** Host to board, every 100 ms: the BMS state and its current limits (what a vehicle would be told). */
    HOST_STATUS(0x04),
    /** Board to host: one set of measurements. */
    MEASUREMENT(0x10),
    /** Host to board: the bleed switches, with a timeout the board enforces. */
    BALANCE(0x20),
    /** Host to board: energise or release a contactor coil. */
    CONTACTOR(0x21),
    /** Host to board: the measurement report period. */
    SET_RATE(0x22),
    /** Host to emulator: inject or clear a simulated fault. Real boards answer UNSUPPORTED. */
    INJECT_FAULT(0x30),
    /** Board (emulator or rig) to host: what the vehicle asks of the BMS. */
    VEHICLE_REQUEST(0x31);

    private static final MessageType[] BY_WIRE_CODE = WireCoded.table(values());

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The type byte. */
    @Override
    public int wireCode() {
        return code;
    }

    /** The type with this type byte, or null when there is none. Allocates nothing. */
    public static MessageType fromWireCode(int code) {
        return WireCoded.lookup(BY_WIRE_CODE, code);
    }
}
