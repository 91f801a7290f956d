package org.bmsbench.firmware.events;

/** A mutable holder an event is read into, so reading the log allocates nothing. */
public final class Event {
    long sequence;
    long timeNs;
    EventType type;
    int code;
    int level;
    double value;
    int cell;

    /** Position of the event in the log, counting from 0 since start. */
    public long sequence() {
        return sequence;
    }

    public long timeNs() {
        return timeNs;
    }

    public EventType type() {
        return type;
    }

    /** The fault id, state, request or channel the event is about (see {@link EventType}), as an ordinal. */
    public int code() {
        return code;
    }

    /** The fault level, or the previous state (see {@link EventType}), as an ordinal; -1 when unused. */
    public int level() {
        return level;
    }

    /** The measured value behind the event, or NaN. */
    public double value() {
        return value;
    }

    /** The channel (series group, from 0) the value was measured on; -1 when it is not one cell's. */
    public int cell() {
        return cell;
    }
}
