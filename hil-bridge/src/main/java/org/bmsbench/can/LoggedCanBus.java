package org.bmsbench.can;

/**
 * A bus whose traffic, both ways, is also kept as a candump log, stamped with the wall clock (ns since the epoch,
 * as candump writes it). Allocation-free like the bus under it; the log is buffered, written to disk in 64 KiB
 * blocks, and closed with the bus.
 */
public final class LoggedCanBus implements CanBus {
    private final CanBus bus;
    private final CandumpWriter log;
    private final long epochOffsetNs;

    public LoggedCanBus(CanBus bus, CandumpWriter log) {
        this.bus = bus;
        this.log = log;
        this.epochOffsetNs = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    }

    private long epochNs() {
        return System.nanoTime() + epochOffsetNs;
    }

    @Override
    public void send(CanFrame frame) {
        bus.send(frame);
        log.write(frame, epochNs());
    }

    @Override
    public boolean receive(CanFrame into) {
        if (!bus.receive(into)) {
            return false;
        }
        log.write(into, epochNs());
        return true;
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

    @Override
    public void close() {
        try {
            bus.close();
        } finally {
            log.close();
        }
    }
}
