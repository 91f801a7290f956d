package org.bmsbench.hil.host;

/** What the host's side of the link has counted: frames each way and what was wrong with the rest. */
public final class LinkStats {
    long framesSent;
    long measurements;
    long repeatedConversions;
    long heartbeatsReceived;
    long acks;
    long rejected;
    long vehicleRequests;
    long sequenceGaps;
    long unknownTypes;
    long unexpectedTypes;
    long malformed;
    long wrongCounts;
    long reconnections;

    public long framesSent() {
        return framesSent;
    }

    /** MEASUREMENT reports with a new conversion. */
    public long measurements() {
        return measurements;
    }

    /** Reports that repeated the last conversion (the board reports faster than it converts, or it is stuck). */
    public long repeatedConversions() {
        return repeatedConversions;
    }

    public long heartbeatsReceived() {
        return heartbeatsReceived;
    }

    public long acks() {
        return acks;
    }

    /** Commands the board acknowledged with an error. */
    public long rejected() {
        return rejected;
    }

    public long vehicleRequests() {
        return vehicleRequests;
    }

    /** Jumps in the board's sequence numbers: frames lost on the way. */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    public long unknownTypes() {
        return unknownTypes;
    }

    /** Known types a board should not send (host-to-board commands). */
    public long unexpectedTypes() {
        return unexpectedTypes;
    }

    /** Frames with a good CRC whose payload did not fit their type. */
    public long malformed() {
        return malformed;
    }

    /** HELLOs or reports with other channel counts than the board first stated. */
    public long wrongCounts() {
        return wrongCounts;
    }

    /** Times the port came back after a loss. */
    public long reconnections() {
        return reconnections;
    }
}
