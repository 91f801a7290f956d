package org.bmsbench.can;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One CAN (FD) frame in a buffer that is filled again for each frame, so that sending and receiving on the tick
 * allocate nothing: a bus copies a received frame into the caller's {@code CanFrame}, and a sender fills one and
 * hands it to {@link CanBus#send}. Ids are 11-bit standard or 29-bit extended; classic frames carry 0-8 bytes,
 * CAN FD frames the lengths of {@link CanFdLengths}; a remote frame carries no data but a requested length.
 */
public final class CanFrame {
    public static final int MAX_STANDARD_ID = 0x7FF;
    public static final int MAX_EXTENDED_ID = 0x1FFF_FFFF;
    /** The largest classic CAN payload, in bytes. */
    public static final int MAX_CLASSIC_LENGTH = 8;

    private final byte[] data = new byte[CanFdLengths.MAX_LENGTH];
    private int id;
    private boolean extended;
    private boolean remote;
    private boolean fd;
    private int length;
    private long timestampNs;

    /**
     * Sets the frame's header and copies {@code length} bytes of {@code payload}; the receive timestamp is kept.
     *
     * @throws IllegalArgumentException for an id out of its range, or a length no frame of this kind carries
     */
    public CanFrame set(int id, boolean extended, byte[] payload, int length) {
        header(id, extended, false, length);
        System.arraycopy(payload, 0, data, 0, length);
        Arrays.fill(data, length, data.length, (byte) 0);
        return this;
    }

    /**
     * A CAN FD frame, whatever its length: an FD frame of 8 bytes or fewer is still FD on the wire (a log's
     * {@code ##}, SocketCAN's FD size), unlike {@link #set}'s, which is FD only above 8 bytes.
     */
    public CanFrame setFd(int id, boolean extended, byte[] payload, int length) {
        set(id, extended, payload, length);
        fd = true;
        return this;
    }

    /** A remote frame: a request for {@code length} bytes of message {@code id}. */
    public CanFrame setRemote(int id, boolean extended, int length) {
        if (length > MAX_CLASSIC_LENGTH) {
            throw new IllegalArgumentException("a remote frame requests 0-8 bytes, not " + length);
        }
        header(id, extended, true, length);
        Arrays.fill(data, (byte) 0);
        return this;
    }

    /** This frame becomes a copy of {@code other}, its timestamp included. */
    public CanFrame copyFrom(CanFrame other) {
        id = other.id;
        extended = other.extended;
        remote = other.remote;
        fd = other.fd;
        length = other.length;
        timestampNs = other.timestampNs;
        System.arraycopy(other.data, 0, data, 0, data.length);
        return this;
    }

    private void header(int id, boolean extended, boolean remote, int length) {
        int maxId = extended ? MAX_EXTENDED_ID : MAX_STANDARD_ID;
        if (id < 0 || id > maxId) {
            throw new IllegalArgumentException(String.format("id 0x%X is not a %s id (0-0x%X)", id,
                    extended ? "29-bit extended" : "11-bit standard", maxId));
        }
        if (!CanFdLengths.isFrameLength(length)) {
            throw new IllegalArgumentException("a CAN frame carries 0-8, 12, 16, 20, 24, 32, 48 or 64 bytes, not "
                    + length);
        }
        this.id = id;
        this.extended = extended;
        this.remote = remote;
        this.fd = length > MAX_CLASSIC_LENGTH;
        this.length = length;
    }

    /** When the frame arrived, on the receiving clock (the bus's own, or the log's), in nanoseconds. */
    public CanFrame timestampNs(long nanoseconds) {
        this.timestampNs = nanoseconds;
        return this;
    }

    public int id() {
        return id;
    }

    public boolean extended() {
        return extended;
    }

    public boolean remote() {
        return remote;
    }

    /** Whether the frame is a CAN FD frame: more than 8 bytes, or set as one ({@link #setFd}). */
    public boolean fd() {
        return fd;
    }

    /** The payload length in bytes (for a remote frame, the length it requests). */
    public int length() {
        return length;
    }

    public long timestampNs() {
        return timestampNs;
    }

    /**
     * The frame's payload buffer, {@link CanFdLengths#MAX_LENGTH} bytes of which the first {@link #length()} are
     * the frame's; read it, do not keep it: the next frame overwrites it. An encoder may write into it and then
     * call {@link #set} with this same array.
     */
    public byte[] data() {
        return data;
    }

    /** The payload as upper-case hex, as in candump logs (allocates: not for the tick). */
    public String dataHex() {
        return HexFormat.of().withUpperCase().formatHex(data, 0, remote ? 0 : length);
    }

    /** A data frame from hex, for tests and configuration: {@code CanFrame.of(0x123, "DEADBEEF")}. */
    public static CanFrame of(int id, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return new CanFrame().set(id, id > MAX_STANDARD_ID, bytes, bytes.length);
    }

    @Override
    public String toString() {
        String idText = extended ? String.format("%08X", id) : String.format("%03X", id);
        return remote ? idText + "#R" + length : idText + "#" + dataHex();
    }
}
