package org.bmsbench.can;

/**
 * The Lawicel ASCII protocol of slcan adapters (CANable, USBtin), one command or reply a line ended by CR:
 * {@code tiiildd..} a standard data frame, {@code Tiiiiiiiildd..} an extended one, {@code riiil} /
 * {@code Riiiiiiiil} remote frames (i id hex digits, l the DLC 0-8, dd data bytes in hex); {@code Sn} a bit rate,
 * {@code O} / {@code C} open and close the channel, {@code F} the status flags ({@code Fxx} in reply); a BEL
 * instead of CR is the adapter's error reply. Formatting and parsing work on byte arrays and allocate nothing.
 */
public final class Slcan {
    /** The line terminator. */
    public static final byte CR = '\r';
    /** The error reply. */
    public static final byte BEL = 7;
    /** The longest line: an extended frame with 8 bytes ({@code T} + 8 + 1 + 16), without the CR. */
    public static final int MAX_LINE = 26;

    /** Status flag bits of an {@code F} reply that say frames were lost (receive/transmit FIFO full, overrun). */
    static final int OVERRUN_FLAGS = 0x01 | 0x02 | 0x08;
    /** Status flag bits that report bus errors (error warning, error passive, arbitration lost, bus error). */
    static final int ERROR_FLAGS = 0x04 | 0x20 | 0x40 | 0x80;

    /** The bit rates of {@code S0}-{@code S8}, in bit/s. */
    private static final int[] BIT_RATES = {10_000, 20_000, 50_000, 100_000, 125_000, 250_000, 500_000, 800_000,
            1_000_000};
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** What a parsed line was. */
    public enum Line {
        /** A data or remote frame, now in the frame given. */
        FRAME,
        /** Not a frame line: a command or reply for the caller to look at by its first byte. */
        OTHER,
        /** A frame line that breaks the protocol: a wrong length, a non-hex digit, a DLC over 8, an id too large. */
        MALFORMED
    }

    private Slcan() {
    }

    /** The {@code S} code (0-8) of {@code bitRate} bit/s. */
    public static int bitRateCode(int bitRate) {
        for (int code = 0; code < BIT_RATES.length; code++) {
            if (BIT_RATES[code] == bitRate) {
                return code;
            }
        }
        throw new IllegalArgumentException("slcan bit rate " + bitRate + " is not one of "
                + java.util.Arrays.toString(BIT_RATES) + " bit/s");
    }

    /** Whether the frame can travel over slcan (classic CAN: no CAN FD payload). */
    public static boolean fits(CanFrame frame) {
        return !frame.fd();
    }

    /**
     * Writes the frame's line, CR included, into {@code out} at 0 and returns its length; the frame must
     * {@link #fits fit}. {@code out} holds at least {@link #MAX_LINE} + 1 bytes.
     */
    public static int format(CanFrame frame, byte[] out) {
        if (!fits(frame)) {
            throw new IllegalArgumentException("slcan carries classic CAN frames only, not a " + frame.length()
                    + "-byte CAN FD frame");
        }
        int idDigits = frame.extended() ? 8 : 3;
        int n = 0;
        out[n++] = (byte) (frame.remote() ? (frame.extended() ? 'R' : 'r') : (frame.extended() ? 'T' : 't'));
        for (int shift = (idDigits - 1) * 4; shift >= 0; shift -= 4) {
            out[n++] = HEX[(frame.id() >>> shift) & 0xF];
        }
        out[n++] = (byte) ('0' + frame.length());
        if (!frame.remote()) {
            byte[] data = frame.data();
            for (int i = 0; i < frame.length(); i++) {
                out[n++] = HEX[(data[i] >> 4) & 0xF];
                out[n++] = HEX[data[i] & 0xF];
            }
        }
        out[n++] = CR;
        return n;
    }

    /**
     * Reads the line {@code line[0..length)} (without its terminator). A frame line fills {@code into} and is
     * {@link Line#FRAME}, or {@link Line#MALFORMED} when it breaks the protocol ({@code into} is then left in an
     * unspecified state); anything else is {@link Line#OTHER}.
     */
    public static Line parse(byte[] line, int length, CanFrame into) {
        if (length == 0) {
            return Line.OTHER;
        }
        byte kind = line[0];
        boolean extended = kind == 'T' || kind == 'R';
        boolean remote = kind == 'r' || kind == 'R';
        if (!extended && !remote && kind != 't') {
            return Line.OTHER;
        }
        int idDigits = extended ? 8 : 3;
        if (length < 1 + idDigits + 1) {
            return Line.MALFORMED;
        }
        long id = hex(line, 1, idDigits);
        int dlc = digit(line[1 + idDigits]);
        if (id < 0 || dlc < 0 || dlc > CanFrame.MAX_CLASSIC_LENGTH
                || id > (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID)) {
            return Line.MALFORMED;
        }
        int dataStart = 2 + idDigits;
        if (remote) {
            if (length != dataStart) {
                return Line.MALFORMED;
            }
            into.setRemote((int) id, extended, dlc);
            return Line.FRAME;
        }
        if (length != dataStart + 2 * dlc) {
            return Line.MALFORMED;
        }
        byte[] data = into.data();
        for (int i = 0; i < dlc; i++) {
            long value = hex(line, dataStart + 2 * i, 2);
            if (value < 0) {
                return Line.MALFORMED;
            }
            data[i] = (byte) value;
        }
        into.set((int) id, extended, data, dlc);
        return Line.FRAME;
    }

    /** The status flags of an {@code Fxx} reply, or -1 when the line is not one. */
    public static int statusFlags(byte[] line, int length) {
        return length == 3 && line[0] == 'F' ? (int) hex(line, 1, 2) : -1;
    }

    /** Writes the {@code Fxx} reply for {@code flags} (0-255), CR included, and returns its length. */
    public static int formatStatus(int flags, byte[] out) {
        out[0] = 'F';
        out[1] = HEX[(flags >> 4) & 0xF];
        out[2] = HEX[flags & 0xF];
        out[3] = CR;
        return 4;
    }

    private static long hex(byte[] line, int from, int digits) {
        long value = 0;
        for (int i = from; i < from + digits; i++) {
            int d = digit(line[i]);
            if (d < 0) {
                return -1;
            }
            value = value << 4 | d;
        }
        return value;
    }

    private static int digit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
