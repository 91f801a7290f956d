package org.bmsbench.can;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.bmsbench.firmware.loop.Clock;

/**
 * An in-process bus ({@code virtual:NAME}): every bus opened on the same name receives what the others send, as
 * nodes on one wire do, but not its own frames. Each member has its own receive queue; a frame that does not fit
 * in a member's queue is dropped and counted on that member. A virtual bus is always up.
 */
final class VirtualCanBus implements CanBus {
    /** Frames waiting per member before the newest are dropped: 2 s of a busy 500 kbit/s bus. */
    static final int QUEUE_FRAMES = 8192;

    /** The members of each named bus, as arrays replaced on join and leave, so that sending iterates without allocating. */
    private static final Map<String, VirtualCanBus[]> BUSES = new HashMap<>();

    private final String name;
    private final CanFrameQueue queue = new CanFrameQueue(QUEUE_FRAMES);
    private final CanBusCounters counters = new CanBusCounters();
    private final Clock clock;
    private volatile VirtualCanBus[] members;
    private volatile boolean open = true;

    private VirtualCanBus(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    /** Joins the bus called {@code name}, creating it when this is its first member. */
    static VirtualCanBus join(String name, Clock clock) {
        VirtualCanBus bus = new VirtualCanBus(name, clock);
        synchronized (BUSES) {
            VirtualCanBus[] current = BUSES.getOrDefault(name, new VirtualCanBus[0]);
            VirtualCanBus[] joined = Arrays.copyOf(current, current.length + 1);
            joined[current.length] = bus;
            publish(name, joined);
        }
        return bus;
    }

    /** Every member keeps the same array, so a sender sees the members as of its send. */
    private static void publish(String name, VirtualCanBus[] members) {
        if (members.length == 0) {
            BUSES.remove(name);
        } else {
            BUSES.put(name, members);
        }
        for (VirtualCanBus member : members) {
            member.members = members;
        }
    }

    @Override
    public void send(CanFrame frame) {
        if (!open) {
            counters.countDropped();
            return;
        }
        long nowNs = clock.nanoTime();
        VirtualCanBus[] all = members;
        for (VirtualCanBus member : all) {
            if (member != this) {
                member.deliver(frame, nowNs);
            }
        }
        counters.countSent();
    }

    private void deliver(CanFrame frame, long nowNs) {
        long sentAtNs = frame.timestampNs();
        frame.timestampNs(nowNs); // the receive time is the receiver's; the sender's frame is restored below
        boolean queued = queue.offer(frame);
        frame.timestampNs(sentAtNs);
        if (queued) {
            counters.countReceived();
        } else {
            counters.countDropped();
        }
    }

    @Override
    public boolean receive(CanFrame into) {
        return queue.poll(into);
    }

    @Override
    public boolean isUp() {
        return open;
    }

    @Override
    public CanBusCounters counters() {
        return counters;
    }

    @Override
    public String address() {
        return CanBuses.VIRTUAL + name;
    }

    @Override
    public void close() {
        synchronized (BUSES) {
            if (!open) {
                return;
            }
            open = false;
            VirtualCanBus[] current = BUSES.getOrDefault(name, new VirtualCanBus[0]);
            publish(name, Arrays.stream(current).filter(member -> member != this).toArray(VirtualCanBus[]::new));
        }
        queue.clear();
    }
}
