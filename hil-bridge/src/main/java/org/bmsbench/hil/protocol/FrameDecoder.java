package org.bmsbench.hil.protocol;

import java.util.zip.CRC32C;

/**
 * Turns a byte stream, fed in pieces of any size, into checked frames. Bytes collect until a zero delimiter;
 * the collected bytes are unstuffed in place, and a frame is handed on only when it is long enough, its CRC-32C
 * matches and its version is this bench's. Anything else is counted and dropped, and decoding resumes at the
 * next delimiter: garbage, truncated or oversized frames, flipped bits. Allocates nothing after construction.
 */
public final class FrameDecoder {
    private final byte[] buf = new byte[Frames.MAX_ENCODED];
    private final CRC32C crc = new CRC32C();
    private final FrameHandler handler;
    private int length;
    private boolean overflowed;
    private long frames;
    private long crcErrors;
    private long stuffingErrors;
    private long oversized;
    private long tooShort;
    private long versionErrors;
    private long bytes;

    public FrameDecoder(FrameHandler handler) {
        this.handler = handler;
    }

    /** Feeds {@code data[from, from + count)}. */
    public void accept(byte[] data, int from, int count) {
        bytes += count;
        for (int i = from; i < from + count; i++) {
            byte b = data[i];
            if (b != 0) {
                if (length < buf.length) {
                    buf[length++] = b;
                } else {
                    overflowed = true;
                }
                continue;
            }
            if (overflowed) {
                oversized++;
            } else if (length > 0) {
                frame();
            }
            length = 0;
            overflowed = false;
        }
    }

    /** Forgets a partly received frame (after a reconnection). */
    public void reset() {
        length = 0;
        overflowed = false;
    }

    private void frame() {
        int n = Cobs.decodeInPlace(buf, length);
        if (n < 0) {
            stuffingErrors++;
            return;
        }
        if (n < Frames.HEADER_BYTES + Frames.CRC_BYTES) {
            tooShort++;
            return;
        }
        int body = n - Frames.CRC_BYTES;
        crc.reset();
        crc.update(buf, 0, body);
        if ((int) crc.getValue() != Bytes.i32(buf, body)) {
            crcErrors++;
            return;
        }
        if (Bytes.u8(buf, 0) != Frames.VERSION) {
            versionErrors++;
            return;
        }
        frames++;
        handler.onFrame(Bytes.u8(buf, 1), Bytes.u16(buf, 2), buf, Frames.HEADER_BYTES, body - Frames.HEADER_BYTES);
    }

    /** Frames handed on. */
    public long frames() {
        return frames;
    }

    public long crcErrors() {
        return crcErrors;
    }

    /** Delimited runs that were not valid stuffing. */
    public long stuffingErrors() {
        return stuffingErrors;
    }

    /** Runs longer than the longest frame. */
    public long oversized() {
        return oversized;
    }

    /** Runs too short for a header and a CRC. */
    public long tooShort() {
        return tooShort;
    }

    public long versionErrors() {
        return versionErrors;
    }

    /** Bytes fed in. */
    public long bytes() {
        return bytes;
    }
}
