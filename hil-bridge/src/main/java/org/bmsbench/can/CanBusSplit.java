package org.bmsbench.can;

import java.util.function.IntPredicate;

/**
 * One bus read by two nodes of the same process: the frames whose standard ids {@code claimed} accepts go to
 * {@link #claimed()}, every other frame to {@link #rest()}. Each view reads from the shared bus when its own queue is
 * empty and sends straight onto it; counters and the address are the shared bus's. Made for a BMS whose sensors and
 * vehicle share one CAN bus (the sensor port takes the devices' frames, the vehicle node the rest), so both views are
 * read from one thread, the control loop's, and nothing allocates.
 */
public final class CanBusSplit implements AutoCloseable {
    /** Frames one view may hold while the other drains the bus: more than a second of a busy bus's share. */
    static final int QUEUE_FRAMES = 4096;

    private final CanBus bus;
    private final IntPredicate claimedIds;
    private final View claimed = new View();
    private final View rest = new View();
    private final CanFrame pumped = new CanFrame();

    /** @param claimedIds the standard ids {@link #claimed()} receives (extended ids all go to {@link #rest()}) */
    public CanBusSplit(CanBus bus, IntPredicate claimedIds) {
        this.bus = bus;
        this.claimedIds = claimedIds;
    }

    /** The view that receives the claimed ids. */
    public CanBus claimed() {
        return claimed;
    }

    /** The view that receives every other frame. */
    public CanBus rest() {
        return rest;
    }

    /** Moves everything the bus holds into the two views' queues. */
    private void pump() {
        while (bus.receive(pumped)) {
            View to = !pumped.extended() && claimedIds.test(pumped.id()) ? claimed : rest;
            if (!to.queue.offer(pumped)) {
                bus.counters().countDropped();
            }
        }
    }

    @Override
    public void close() {
        bus.close();
    }

    private final class View implements CanBus {
        final CanFrameQueue queue = new CanFrameQueue(QUEUE_FRAMES);

        @Override
        public void send(CanFrame frame) {
            bus.send(frame);
        }

        @Override
        public boolean receive(CanFrame into) {
            if (queue.poll(into)) {
                return true;
            }
            pump();
            return queue.poll(into);
        }

        @Override
        public boolean isUp() {
            return bus.isUp();
        }

        @Override
        public CanBusCounters counters() {
            return bus.counters();
        }

        @Override
        public String address() {
            return bus.address();
        }

        /** The shared bus closes with the split, not with a view. */
        @Override
        public void close() {
        }
    }
}
