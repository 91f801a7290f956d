package org.bmsbench.firmware;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The vehicle's heartbeat as the firmware sees it: a receiver (another thread: a CAN bus) counts each state request
 * it hears, and the main task notes when the count last moved. The link is watched only once the vehicle has been
 * heard, so a bench that sends one-off requests (a scenario's profile, the serial relay) never loses it.
 * Allocation-free after construction.
 */
final class VehicleLink {
    private final long timeoutNs;
    private final AtomicLong heard = new AtomicLong();
    private long seen;
    private long lastHeardNs;
    private boolean watching;

    VehicleLink(VehicleLinkConfig config) {
        this.timeoutNs = config.requestTimeoutNs();
    }

    /** A vehicle request arrived (any thread). */
    void heard() {
        heard.incrementAndGet();
    }

    /** True when the vehicle, once heard, has been silent for longer than the timeout (control-loop thread). */
    boolean lost(long nowNs) {
        long count = heard.get();
        if (count != seen) {
            seen = count;
            lastHeardNs = nowNs;
            watching = true;
        }
        return watching && nowNs - lastHeardNs > timeoutNs;
    }
}
