package org.bmsbench.can;

/**
 * One line of a {@code candump -L} log: {@code (1700000000.123456) can0 123#DEADBEEF}. Standard ids have 3 hex
 * digits, extended 8; {@code 123#R} is a remote frame ({@code 123#R5} one requesting 5 bytes); CAN FD frames are
 * {@code 123##<flags><data>} with one hex digit of flags. An 8-digit id with bit 29 set is an error frame, which
 * carries no CAN message. A trailing {@code R} or {@code T} (received or sent, which python-can adds) is accepted
 * and ignored. Formatting writes into a byte array and allocates nothing.
 */
public final class CandumpFormat {
    /** The longest line: 20-digit seconds, an interface name of 16, an extended CAN FD frame of 64 bytes. */
    public static final int MAX_LINE = 2 + 20 + 1 + 6 + 2 + 16 + 1 + 8 + 3 + 128 + 1;
    /** The error-frame flag of a SocketCAN id (CAN_ERR_FLAG). */
    static final int ERROR_FLAG = 0x2000_0000;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** What a parsed line was. */
    public enum Line {
        FRAME,
        /** An error frame: the bus reported an error, there is no message. */
        ERROR_FRAME
    }

    private CandumpFormat() {
    }

    /**
     * Writes the frame's line, newline included, into {@code out} at 0 and returns its length.
     *
     * @param timeNs the frame's time, ns since the epoch (or since a run's start, for simulated time), 0 or more
     * @param iface the interface name, ASCII, at most 16 characters, no spaces
     */
    public static int format(CanFrame frame, long timeNs, byte[] iface, byte[] out) {
        if (timeNs < 0) {
            throw new IllegalArgumentException("a candump time is 0 s or later, not " + timeNs + " ns");
        }
        int n = 0;
        out[n++] = '(';
        n = decimal(timeNs / 1_000_000_000L, out, n, 1);
        out[n++] = '.';
        n = decimal(timeNs % 1_000_000_000L / 1000, out, n, 6);
        out[n++] = ')';
        out[n++] = ' ';
        System.arraycopy(iface, 0, out, n, iface.length);
        n += iface.length;
        out[n++] = ' ';
        int idDigits = frame.extended() ? 8 : 3;
        for (int shift = (idDigits - 1) * 4; shift >= 0; shift -= 4) {
            out[n++] = HEX[(frame.id() >>> shift) & 0xF];
        }
        out[n++] = '#';
        if (frame.remote()) {
            out[n++] = 'R';
            if (frame.length() > 0) {
                out[n++] = HEX[frame.length()];
            }
        } else {
            if (frame.fd()) {
                out[n++] = '#';
                out[n++] = '0';
            }
            byte[] data = frame.data();
            for (int i = 0; i < frame.length(); i++) {
                out[n++] = HEX[(data[i] >> 4) & 0xF];
                out[n++] = HEX[data[i] & 0xF];
            }
        }
        out[n++] = '\n';
        return n;
    }

    private static int decimal(long value, byte[] out, int at, int minDigits) {
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        digits = Math.max(digits, minDigits);
        long v = value;
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }

    /**
     * Reads one line (without its newline) into {@code into}, its time as the frame's timestamp (ns since the
     * epoch).
     *
     * @throws IllegalArgumentException saying what was expected where the line breaks the format
     */
    public static Line parse(String line, CanFrame into) {
        int close = line.indexOf(')');
        if (!line.startsWith("(") || close < 0) {
            throw new IllegalArgumentException(
                    "expected a time in brackets, such as (1700000000.123456), at the start");
        }
        long timeNs = time(line.substring(1, close));
        int ifaceStart = close + 1;
        if (ifaceStart >= line.length() || line.charAt(ifaceStart) != ' ') {
            throw new IllegalArgumentException("expected a space after the time");
        }
        int frameStart = line.indexOf(' ', ifaceStart + 1);
        if (frameStart < 0 || frameStart == ifaceStart + 1) {
            throw new IllegalArgumentException("expected an interface name and a frame after the time, such as "
                    + "can0 123#DEADBEEF");
        }
        String frame = line.substring(frameStart + 1).strip();
        int afterFrame = frame.indexOf(' ');
        if (afterFrame >= 0) {
            String direction = frame.substring(afterFrame).strip();
            if (!direction.equals("R") && !direction.equals("T")) {
                throw new IllegalArgumentException("expected nothing after the frame but R or T (received or sent, "
                        + "as python-can writes), not '" + direction + "'");
            }
            frame = frame.substring(0, afterFrame);
        }
        int hash = frame.indexOf('#');
        if (hash != 3 && hash != 8) {
            throw new IllegalArgumentException("expected a frame as ID#DATA with a 3-digit (standard) or 8-digit "
                    + "(extended) hex id, not '" + frame + "'");
        }
        long id = hex(frame, 0, hash, "id");
        boolean extended = hash == 8;
        Line kind = Line.FRAME;
        if (extended && (id & ERROR_FLAG) != 0) {
            kind = Line.ERROR_FRAME;
            id &= CanFrame.MAX_EXTENDED_ID;
        } else if (id > (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID)) {
            throw new IllegalArgumentException(String.format("id %s is beyond the %s range", frame.substring(0, hash),
                    extended ? "29-bit" : "11-bit"));
        }
        String rest = frame.substring(hash + 1);
        if (rest.startsWith("R")) {
            int requested = rest.length() == 1 ? 0 : (int) hex(rest, 1, rest.length(), "remote frame's length");
            if (rest.length() > 2 || requested > CanFrame.MAX_CLASSIC_LENGTH) {
                throw new IllegalArgumentException("expected R or R0-R8 for a remote frame, not '" + rest + "'");
            }
            into.setRemote((int) id, extended, requested);
        } else {
            boolean fd = rest.startsWith("#");
            String hexData = fd ? rest.substring(Math.min(2, rest.length())) : rest;
            if (fd && rest.length() < 2) {
                throw new IllegalArgumentException("expected one hex digit of flags after ## in a CAN FD frame");
            }
            if (fd) {
                hex(rest, 1, 2, "CAN FD flags");
            }
            int length = hexData.length() / 2;
            if (hexData.length() % 2 != 0 || !CanFdLengths.isFrameLength(length)
                    || (!fd && length > CanFrame.MAX_CLASSIC_LENGTH)) {
                throw new IllegalArgumentException("expected " + (fd ? "0-8, 12, 16, 20, 24, 32, 48 or 64" : "0-8")
                        + " data bytes as pairs of hex digits, not '" + hexData + "'");
            }
            byte[] data = into.data();
            for (int i = 0; i < length; i++) {
                data[i] = (byte) hex(hexData, 2 * i, 2 * i + 2, "data");
            }
            if (fd) {
                into.setFd((int) id, extended, data, length);
            } else {
                into.set((int) id, extended, data, length);
            }
        }
        into.timestampNs(timeNs);
        return kind;
    }

    private static long time(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || text.length() - dot - 1 != 6 || dot > 11) {
            throw new IllegalArgumentException("expected the time as seconds with 6 decimals, such as "
                    + "1700000000.123456, not '" + text + "'");
        }
        long seconds = digits(text, 0, dot);
        long micros = digits(text, dot + 1, text.length());
        if (seconds < 0 || micros < 0) {
            throw new IllegalArgumentException("expected the time as seconds with 6 decimals, such as "
                    + "1700000000.123456, not '" + text + "'");
        }
        return seconds * 1_000_000_000L + micros * 1000;
    }

    private static long digits(String text, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static long hex(String text, int from, int to, String what) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(text.charAt(i), 16);
            if (d < 0) {
                throw new IllegalArgumentException("expected hex digits in the " + what + ", not '"
                        + text.substring(from, to) + "'");
            }
            value = value << 4 | d;
        }
        return value;
    }
}
