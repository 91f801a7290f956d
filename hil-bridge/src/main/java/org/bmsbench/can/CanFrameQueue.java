package org.bmsbench.can;

/**
 * A bounded first-in first-out queue of frames in preallocated slots: {@link #offer} copies a frame in and
 * {@link #poll} copies the oldest out, so a bus passes frames between threads without allocating. Full means the
 * frame is refused (the caller counts it dropped), never that the caller waits.
 */
final class CanFrameQueue {
    private final CanFrame[] slots;
    private int head;
    private int size;

    CanFrameQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a frame queue holds at least 1 frame, not " + capacity);
        }
        slots = new CanFrame[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new CanFrame();
        }
    }

    /** Copies {@code frame} in; false when the queue is full. */
    synchronized boolean offer(CanFrame frame) {
        if (size == slots.length) {
            return false;
        }
        slots[(head + size) % slots.length].copyFrom(frame);
        size++;
        return true;
    }

    /** Copies the oldest frame into {@code into} and removes it; false when the queue is empty. */
    synchronized boolean poll(CanFrame into) {
        if (size == 0) {
            return false;
        }
        into.copyFrom(slots[head]);
        head = (head + 1) % slots.length;
        size--;
        return true;
    }

    synchronized void clear() {
        head = 0;
        size = 0;
    }
}
