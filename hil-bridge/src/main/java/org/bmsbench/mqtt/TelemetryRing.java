package org.bmsbench.mqtt;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Snapshots from the control loop to the publisher: a ring of preallocated slots with one writer that never
 * waits and one reader that may fall behind. When the reader is a whole ring behind (the broker is slow or
 * gone), the writer overwrites the oldest snapshots and the reader counts them as dropped; a slot the writer
 * overwrote while the reader was copying it is detected (sequence lock) and dropped too. Nothing allocates
 * after construction.
 */
public final class TelemetryRing {
    private final TelemetrySnapshot[] slots;
    private final int mask;
    private final AtomicLong published = new AtomicLong();
    private long cursor;
    private long dropped;

    public TelemetryRing(int capacity, Supplier<TelemetrySnapshot> factory) {
        int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        slots = new TelemetrySnapshot[size];
        for (int k = 0; k < size; k++) {
            slots[k] = factory.get();
        }
        mask = size - 1;
    }

    /** The slot to fill next (writer only); {@link #publish()} it when filled. */
    public TelemetrySnapshot claim() {
        return slots[(int) (published.get() & mask)];
    }

    /** Makes the claimed slot visible to the reader. */
    public void publish() {
        published.lazySet(published.get() + 1); // release: the slot's fields are written before the count
    }

    /** Copies the oldest unread snapshot into {@code into} (reader only); false when there is none. */
    public boolean poll(TelemetrySnapshot into) {
        while (true) {
            long available = published.get();
            if (cursor >= available) {
                return false;
            }
            if (available - cursor > slots.length - 1) { // lapped: the oldest are gone or being rewritten
                long skip = available - cursor - (slots.length - 1);
                dropped += skip;
                cursor += skip;
            }
            into.copyFrom(slots[(int) (cursor & mask)]);
            VarHandle.acquireFence(); // the copy's reads happen before the check below
            if (published.get() >= cursor + slots.length - 1) { // the writer may have been in this slot
                dropped++;
                cursor++;
                continue;
            }
            cursor++;
            return true;
        }
    }

    /** Snapshots the reader never saw. */
    public long dropped() {
        return dropped;
    }

    /** Snapshots published so far. */
    public long published() {
        return published.get();
    }
}
