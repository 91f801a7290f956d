package org.bmsbench.hil.protocol;

import java.nio.charset.StandardCharsets;
import org.bmsbench.port.WireCoded;

/**
 * The handshake both sides send when a link comes up: who they are, the channel counts (the host states what it
 * expects, 0 for "any"), the report period and what they can do.
 *
 * @param role            who sends it
 * @param cells           cell-voltage channels
 * @param temperatures    cell temperature sensors
 * @param boards          AFE boards (each with a board temperature)
 * @param reportPeriodMs  the measurement report period
 * @param capabilities    {@code CAN_*} bits
 * @param name            free text, at most 32 ASCII characters
 */
public record Hello(Role role, int cells, int temperatures, int boards, int reportPeriodMs, int capabilities,
                    String name) {
    public static final int CAN_BALANCE = 1;
    public static final int CAN_SWITCH_CONTACTORS = 1 << 1;
    public static final int CAN_MONITOR_ISOLATION = 1 << 2;
    public static final int CAN_INJECT_FAULTS = 1 << 3;
    public static final int CAN_RELAY_VEHICLE_REQUESTS = 1 << 4;
    private static final int FIXED_BYTES = 11;
    private static final int MAX_NAME = 32;

    /** Who sends a HELLO; the codes are the protocol's ({@code docs/hil-protocol.md}, "HELLO roles"). */
    public enum Role implements WireCoded {
        HOST(0), BOARD(1), EMULATOR(2);

        private static final Role[] BY_CODE = WireCoded.table(values());
        private final int wireCode;

        Role(int wireCode) {
            this.wireCode = wireCode;
        }

        @Override
        public int wireCode() {
            return wireCode;
        }

        /** The role with this code, or null when no role has it. */
        public static Role fromWireCode(int code) {
            return WireCoded.lookup(BY_CODE, code);
        }
    }

    public Hello {
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
        if (cells < 0 || cells > 0xFFFF || temperatures < 0 || temperatures > 0xFFFF || boards < 0 || boards > 0xFF) {
            throw new IllegalArgumentException("channel counts out of range");
        }
        if (reportPeriodMs < 0 || reportPeriodMs > 0xFFFF) {
            throw new IllegalArgumentException("report period out of range: " + reportPeriodMs);
        }
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
    }

    public void encode(FrameEncoder e) {
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        e.begin(MessageType.HELLO).put8(role.wireCode()).put16(cells).put16(temperatures).put8(boards).put16(reportPeriodMs)
                .put16(capabilities).put8(ascii.length);
        for (byte b : ascii) {
            e.put8(b);
        }
    }

    /** The HELLO in a payload, or null when it is malformed. */
    public static Hello decode(byte[] b, int offset, int length) {
        if (length < FIXED_BYTES) {
            return null;
        }
        int nameLength = Bytes.u8(b, offset + 10);
        Role role = Role.fromWireCode(Bytes.u8(b, offset));
        if (nameLength > MAX_NAME || length != FIXED_BYTES + nameLength || role == null) {
            return null;
        }
        return new Hello(role, Bytes.u16(b, offset + 1), Bytes.u16(b, offset + 3), Bytes.u8(b, offset + 5),
                Bytes.u16(b, offset + 6), Bytes.u16(b, offset + 8),
                new String(b, offset + FIXED_BYTES, nameLength, StandardCharsets.US_ASCII));
    }

    public boolean can(int capability) {
        return (capabilities & capability) != 0;
    }
}
