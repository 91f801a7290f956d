package org.bmsbench.hil.protocol;

import java.util.zip.CRC32C;

/**
 * Builds frames in preallocated buffers: {@link #begin} a message, write its payload with the {@code put}
 * methods, then {@link #finish} adds the header's sequence number and the CRC, stuffs the frame and appends the
 * delimiter. The result stays in {@link #wire()} until the next frame. Allocates nothing after construction.
 */
public final class FrameEncoder {
    private final byte[] frame = new byte[Frames.MAX_FRAME];
    private final byte[] wire = new byte[Frames.MAX_ENCODED + 1];
    private final CRC32C crc = new CRC32C();
    private int position;
    private int sequence;

    /** Starts a frame of {@code type}. */
    public FrameEncoder begin(MessageType type) {
        frame[0] = (byte) Frames.VERSION;
        frame[1] = (byte) type.wireCode();
        position = Frames.HEADER_BYTES;
        return this;
    }

    public FrameEncoder put8(int v) {
        room(1);
        Bytes.put8(frame, position, v);
        position += 1;
        return this;
    }

    public FrameEncoder put16(int v) {
        room(2);
        Bytes.put16(frame, position, v);
        position += 2;
        return this;
    }

    public FrameEncoder put32(int v) {
        room(4);
        Bytes.put32(frame, position, v);
        position += 4;
        return this;
    }

    public FrameEncoder put64(long v) {
        room(8);
        Bytes.put64(frame, position, v);
        position += 8;
        return this;
    }

    public FrameEncoder putF32(float v) {
        return put32(Float.floatToRawIntBits(v));
    }

    private void room(int bytes) {
        if (position + bytes > Frames.HEADER_BYTES + Frames.MAX_PAYLOAD) {
            throw new IllegalStateException("payload longer than " + Frames.MAX_PAYLOAD + " bytes");
        }
    }

    /** Closes the frame with the next sequence number; returns the bytes to send, in {@link #wire()}. */
    public int finish() {
        int seq = sequence;
        sequence = (sequence + 1) & 0xFFFF;
        return finish(seq);
    }

    /** Closes the frame with the given sequence number (for worked examples and tests). */
    public int finish(int seq) {
        Bytes.put16(frame, 2, seq);
        crc.reset();
        crc.update(frame, 0, position);
        Bytes.put32(frame, position, (int) crc.getValue());
        int length = Cobs.encode(frame, 0, position + Frames.CRC_BYTES, wire, 0);
        wire[length] = 0;
        return length + 1;
    }

    /** The sequence number of the frame most recently finished. */
    public int lastSequence() {
        return (sequence - 1) & 0xFFFF;
    }

    /** The last finished frame as sent: stuffed, with its delimiter. */
    public byte[] wire() {
        return wire;
    }
}
