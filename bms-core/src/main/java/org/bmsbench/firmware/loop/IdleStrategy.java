package org.bmsbench.firmware.loop;

import java.util.concurrent.locks.LockSupport;

/**
 * What the real-time loop does while it waits for the next tick (after Agrona's idle strategies): trade CPU for
 * wake-up precision.
 */
@FunctionalInterface
public interface IdleStrategy {
    /** Waits a little; {@code remainingNs} is the time left before the next tick. */
    void idle(long remainingNs);

    /** Spins on the CPU: the tightest wake-up, one core fully used. */
    IdleStrategy BUSY_SPIN = remainingNs -> Thread.onSpinWait();

    /** Yields the CPU to other threads between checks. */
    IdleStrategy YIELD = remainingNs -> Thread.yield();

    /**
     * Parks until about 100 us before the tick, then spins: little CPU, and the scheduler's wake-up latency
     * is absorbed by the final spin.
     */
    IdleStrategy PARK_THEN_SPIN = remainingNs -> {
        if (remainingNs > 200_000L) {
            LockSupport.parkNanos(remainingNs - 100_000L);
        } else {
            Thread.onSpinWait();
        }
    };
}
