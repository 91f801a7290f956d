package org.bmsbench.hil.protocol;

/** Receives each frame that passed framing, CRC and version checks. */
@FunctionalInterface
public interface FrameHandler {
    /**
     * A frame of type code {@code type} (possibly one this side does not know) with its sequence number; its
     * payload is {@code buf[offset, offset + length)}, valid until the method returns.
     */
    void onFrame(int type, int sequence, byte[] buf, int offset, int length);
}
