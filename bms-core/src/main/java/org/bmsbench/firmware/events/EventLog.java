package org.bmsbench.firmware.events;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded log of what the BMS did, written by the control loop and readable from any thread: a ring of
 * preallocated slots (a power-of-two count, {@code sequence & mask}) with one writer. The writer fills a slot
 * and then publishes its sequence; a reader copies a slot into an {@link Event} and checks afterwards that the
 * writer has not lapped it. When a reader falls more than the capacity behind, the oldest events are lost to
 * it, and it is told so. Nothing allocates after construction.
 */
public final class EventLog {
    private final int mask;
    private final long[] timeNs;
    private final int[] type;
    private final int[] code;
    private final int[] level;
    private final double[] value;
    private final int[] cell;
    private final AtomicLong published = new AtomicLong();

    /** @param capacity events kept; rounded up to a power of two */
    public EventLog(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("event log capacity must be 2 or more, got " + capacity);
        }
        int size = Integer.highestOneBit(capacity - 1) << 1;
        mask = size - 1;
        timeNs = new long[size];
        type = new int[size];
        code = new int[size];
        level = new int[size];
        value = new double[size];
        cell = new int[size];
    }

    /** Appends an event about no cell in particular (control-loop thread only). */
    public void append(long nowNs, EventType eventType, int eventCode, int eventLevel, double eventValue) {
        append(nowNs, eventType, eventCode, eventLevel, eventValue, -1);
    }

    /** Appends an event; {@code eventCell} is the channel its value was measured on, -1 for none. */
    public void append(long nowNs, EventType eventType, int eventCode, int eventLevel, double eventValue,
                       int eventCell) {
        long sequence = published.get();
        int slot = (int) (sequence & mask);
        timeNs[slot] = nowNs;
        type[slot] = eventType.ordinal();
        code[slot] = eventCode;
        level[slot] = eventLevel;
        value[slot] = eventValue;
        cell[slot] = eventCell;
        published.lazySet(sequence + 1); // the slot's writes are visible before the new count
    }

    /** Events appended so far: the sequence the next event will get. */
    public long count() {
        return published.get();
    }

    /** The oldest sequence that can still be read (the writer may be overwriting the one before). */
    public long oldest() {
        return Math.max(0, published.get() - mask);
    }

    public int capacity() {
        return mask + 1;
    }

    /**
     * Copies event {@code sequence} into {@code into}. Returns false when it has not been written yet or has
     * already been overwritten.
     */
    public boolean read(long sequence, Event into) {
        if (sequence < 0 || sequence >= published.get()) {
            return false;
        }
        int slot = (int) (sequence & mask);
        into.sequence = sequence;
        into.timeNs = timeNs[slot];
        into.type = EventType.of(type[slot]);
        into.code = code[slot];
        into.level = level[slot];
        into.value = value[slot];
        into.cell = cell[slot];
        // the writer may have reused the slot while we copied it: order the copy before the second look
        // (the writer may already be filling the slot of sequence count - capacity)
        VarHandle.acquireFence();
        return sequence > published.get() - (mask + 1);
    }
}
