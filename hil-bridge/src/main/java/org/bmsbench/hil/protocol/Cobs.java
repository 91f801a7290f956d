package org.bmsbench.hil.protocol;

/**
 * Consistent Overhead Byte Stuffing (Cheshire and Baker, 1999): rewrites a frame so that it holds no zero byte,
 * at a cost of one byte per 254, so that a zero can delimit frames on the wire. A receiver that joins mid-stream,
 * or loses bytes, finds the next frame at the next zero.
 */
public final class Cobs {
    private Cobs() {
    }

    /** The longest encoding of {@code length} bytes (without the delimiter). */
    public static int maxEncodedLength(int length) {
        return length + length / 254 + 1;
    }

    /**
     * Encodes {@code src[from, from + length)} into {@code dst} at {@code at}; returns the encoded length. No zero
     * byte is written; the caller appends the delimiter.
     */
    public static int encode(byte[] src, int from, int length, byte[] dst, int at) {
        int codeAt = at;
        int out = at + 1;
        int code = 1;
        int end = from + length;
        for (int i = from; i < end; i++) {
            byte b = src[i];
            if (b == 0) {
                dst[codeAt] = (byte) code;
                codeAt = out++;
                code = 1;
            } else {
                dst[out++] = b;
                code++;
                if (code == 0xFF && i + 1 < end) { // a full block; at the very end it needs no successor
                    dst[codeAt] = (byte) code;
                    codeAt = out++;
                    code = 1;
                }
            }
        }
        dst[codeAt] = (byte) code;
        return out - at;
    }

    /**
     * Decodes {@code buf[0, length)} in place (the decoded frame is never longer); returns the decoded length, or
     * -1 when the bytes are not a valid encoding (a zero inside, or a code pointing past the end).
     */
    public static int decodeInPlace(byte[] buf, int length) {
        int in = 0;
        int out = 0;
        while (in < length) {
            int code = buf[in] & 0xFF;
            if (code == 0 || in + code > length) {
                return -1;
            }
            in++;
            for (int k = 1; k < code; k++) {
                byte b = buf[in++];
                if (b == 0) {
                    return -1;
                }
                buf[out++] = b;
            }
            if (code != 0xFF && in < length) {
                buf[out++] = 0;
            }
        }
        return out;
    }
}
