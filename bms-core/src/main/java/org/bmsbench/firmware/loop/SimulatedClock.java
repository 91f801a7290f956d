package org.bmsbench.firmware.loop;

/** A clock that moves only when told: simulations run as fast as the CPU allows, and exactly repeatably. */
public final class SimulatedClock implements Clock {
    private long nowNs;

    public SimulatedClock(long startNs) {
        this.nowNs = startNs;
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    public void advance(long dtNs) {
        if (dtNs < 0) {
            throw new IllegalArgumentException("time cannot go back: " + dtNs + " ns");
        }
        nowNs += dtNs;
    }
}
