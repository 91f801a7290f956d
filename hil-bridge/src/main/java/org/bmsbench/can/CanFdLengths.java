package org.bmsbench.can;

/**
 * The 4-bit DLC code of a CAN (FD) frame against its payload length in bytes: codes 0-8 are the length itself,
 * codes 9-15 stand for CAN FD's 12, 16, 20, 24, 32, 48 and 64 bytes.
 */
public final class CanFdLengths {
    /** The largest CAN FD payload, in bytes. */
    public static final int MAX_LENGTH = 64;

    private static final int[] LENGTH_OF_CODE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64};

    private CanFdLengths() {
    }

    /** The payload length of DLC code {@code dlc} (0-15). */
    public static int lengthOf(int dlc) {
        if (dlc < 0 || dlc > 15) {
            throw new IllegalArgumentException("DLC code " + dlc + " is not 0-15");
        }
        return LENGTH_OF_CODE[dlc];
    }

    /**
     * The smallest DLC code whose length holds {@code length} bytes (0-64): a 10-byte payload travels in a
     * 12-byte frame (code 9), padded.
     */
    public static int dlcFor(int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("payload length " + length + " is not 0-" + MAX_LENGTH);
        }
        int dlc = 0;
        while (LENGTH_OF_CODE[dlc] < length) {
            dlc++;
        }
        return dlc;
    }

    /** Whether a frame can carry exactly {@code length} bytes (no padding). */
    public static boolean isFrameLength(int length) {
        return length >= 0 && length <= MAX_LENGTH && LENGTH_OF_CODE[dlcFor(length)] == length;
    }
}
