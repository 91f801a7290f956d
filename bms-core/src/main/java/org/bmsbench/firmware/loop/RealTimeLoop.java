package org.bmsbench.firmware.loop;

import java.util.function.LongConsumer;

/**
 * Runs a ticking core in real time from a wall clock, after Agrona's agent runner: read the clock once, tick
 * when the next period is due, otherwise idle with the chosen strategy. A tick that starts late is the core's
 * business to judge (the firmware records every task's lateness and treats one past its tolerance as an
 * overrun); this loop only keeps the schedule, skipping periods it has lost entirely rather than bunching
 * ticks to catch up.
 *
 * <p>Nothing allocates while it runs; {@link #stop()} may be called from any thread. Before a loop keeps wall-clock
 * time, its code is warmed up (hil-bridge's {@code org.bmsbench.realtime.JitWarmUp}).
 */
public final class RealTimeLoop {
    private final LongConsumer tick;
    private final Clock clock;
    private final IdleStrategy idle;
    private final long periodNs;
    private volatile boolean running;
    private long ticks;
    private long skippedPeriods;

    /**
     * @param tick     called with the time once per period (the firmware's {@code tick})
     * @param periodNs the period, ns (the firmware's fast task)
     */
    public RealTimeLoop(LongConsumer tick, Clock clock, IdleStrategy idle, long periodNs) {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("period must be above zero, got " + periodNs + " ns");
        }
        this.tick = tick;
        this.clock = clock;
        this.idle = idle;
        this.periodNs = periodNs;
    }

    /** Runs for {@code durationNs}, or until {@link #stop()}. */
    public void run(long durationNs) {
        running = true;
        idle.prepare(periodNs);
        long start = clock.nanoTime();
        long end = start + durationNs;
        long next = start;
        while (running) {
            long now = clock.nanoTime();
            if (now >= end) {
                break;
            }
            if (now < next) {
                idle.idle(next - now);
                continue;
            }
            tick.accept(now);
            ticks++;
            next += periodNs;
            if (next <= now) {
                long lost = (now - next) / periodNs + 1;
                skippedPeriods += lost;
                next += lost * periodNs;
            }
        }
        running = false;
    }

    /** Makes {@link #run} return after its current tick (from any thread). */
    public void stop() {
        running = false;
    }

    public long ticks() {
        return ticks;
    }

    /** Whole periods the loop fell so far behind that it dropped them. */
    public long skippedPeriods() {
        return skippedPeriods;
    }
}
