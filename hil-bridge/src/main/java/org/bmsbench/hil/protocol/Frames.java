package org.bmsbench.hil.protocol;

/** The frame layout shared by {@link FrameEncoder} and {@link FrameDecoder}. */
public final class Frames {
    /** The protocol version this bench speaks. */
    public static final int VERSION = 1;
    /** Version, type, sequence. */
    public static final int HEADER_BYTES = 4;
    /** CRC-32C after the payload. */
    public static final int CRC_BYTES = 4;
    /** The longest payload a frame may carry. */
    public static final int MAX_PAYLOAD = 1016;
    /** The longest frame before stuffing: header, payload, CRC. */
    public static final int MAX_FRAME = HEADER_BYTES + MAX_PAYLOAD + CRC_BYTES;
    /** The longest frame on the wire, stuffed, without its delimiter. */
    public static final int MAX_ENCODED = Cobs.maxEncodedLength(MAX_FRAME);

    private Frames() {
    }
}
