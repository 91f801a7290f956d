package org.bmsbench.firmware.loop;

/**
 * What the real-time loop does while it waits for the next tick (after Agrona's idle strategies): trade CPU for
 * wake-up precision.
 */
@FunctionalInterface
public interface IdleStrategy {
    /** Waits a little; {@code remainingNs} is the time left before the next tick. */
    void idle(long remainingNs);

    /** Called once before the loop starts keeping time at {@code periodNs} (a strategy that learns does so here). */
    default void prepare(long periodNs) {
    }

    /** Spins on the CPU: the tightest wake-up, one core fully used. */
    IdleStrategy BUSY_SPIN = remainingNs -> Thread.onSpinWait();

    /** Yields the CPU to other threads between checks. */
    IdleStrategy YIELD = remainingNs -> Thread.yield();

    /**
     * Parks until shortly before the tick, then spins: little CPU, and the scheduler's wake-up latency is
     * absorbed by the final spin. A new one per thread: it learns the machine's oversleep ({@link ParkThenSpin}).
     */
    static IdleStrategy parkThenSpin() {
        return new ParkThenSpin();
    }
}
