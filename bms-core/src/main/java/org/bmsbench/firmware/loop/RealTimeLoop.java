package org.bmsbench.firmware.loop;

import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Runs a ticking core in real time from a wall clock, after Agrona's agent runner: read the clock once, tick
 * when the next period is due, otherwise idle with the chosen strategy. A tick that starts late is the core's
 * business to judge (the firmware records every task's lateness and treats one past its tolerance as an
 * overrun); this loop only keeps the schedule, skipping periods it has lost entirely rather than bunching
 * ticks to catch up.
 *
 * <p>Nothing allocates while it runs; {@link #stop()} may be called from any thread.
 */
public final class RealTimeLoop {
    /**
     * Simulated seconds of the control loop to run, as fast as it goes, on a throwaway copy before a loop keeps
     * wall-clock time, so that the JIT has compiled it by then. Counted in the slow task's calls: at 10 Hz, 600 s
     * is 6000 calls, past C2's thresholds (JDK 17 compiles a method after 5000 calls, its loops after 40 000
     * iterations); 60 s left the soc estimator's passes compiling during the first seconds on the wall clock,
     * with telemetry threads on the same two cores, and the loop late by milliseconds now and then.
     */
    public static final double JIT_WARM_UP_S = 600;
    /**
     * The warm-up runs in this many fresh copies rather than one: what a new firmware does only in its first ticks
     * (its estimators' first look-ups) is then seen often enough to be compiled in, instead of being left out and
     * costing a deoptimisation and a recompilation once the clock counts.
     */
    public static final int JIT_WARM_UP_COPIES = 10;
    /** The compiler is done with a warm-up once no compilation has finished for this long ({@link JitQuiet}). */
    public static final long JIT_QUIET_NS = 500_000_000L;
    /** How long to wait for that at most. */
    public static final long JIT_QUIET_TIMEOUT_NS = 30_000_000_000L;

    /**
     * How late a warm-up's tick starts, so that the JIT sees ticks as the wall clock gives them: a few us, and one
     * in a hundred up to a fifth of a period. Code compiled for ticks that were always on time is thrown away at the
     * first late one (C2's "unstable if"), and recompiling the whole tick took the compiler threads for tens of
     * milliseconds right as the clock started.
     */
    public static long warmUpLatenessNs(SplittableRandom random, long periodNs) {
        return random.nextInt(100) == 0 ? random.nextLong(5_000, periodNs / 5) : random.nextLong(5_000);
    }

    /**
     * After a warm-up, before the clock counts: waits until this JVM's compiler has finished with it
     * ({@link JitQuiet}); a compiler thread on the loop's core takes it for a scheduler slice at a time.
     *
     * @return how long the compiler went on, ns; -1 if it still was at the timeout; 0 on a VM that does not say
     */
    public static long settleAfterWarmUp() {
        JitQuiet jit = JitQuiet.ofThisJvm();
        return jit == null ? 0 : jit.await(JIT_QUIET_NS, JIT_QUIET_TIMEOUT_NS);
    }

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
