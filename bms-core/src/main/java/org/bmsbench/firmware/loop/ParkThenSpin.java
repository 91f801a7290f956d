package org.bmsbench.firmware.loop;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Parks until shortly before the tick, then spins. How shortly is learnt: a park oversleeps by the kernel's
 * timer slack and the scheduler's wake-up latency, which differ between machines (about 0.5 ms on the
 * virtual machines this bench was measured on, where a fixed 100 us margin made every tick 0.4 ms late, and now
 * and then 2 ms). The margin is the largest oversleep seen recently, decaying by 1 % a park, never under
 * {@value #MIN_MARGIN_NS} ns; {@link #prepare} learns it before the clock counts, since the first parks on the
 * clock would otherwise each teach it with a late tick. One per thread; allocates nothing.
 */
public final class ParkThenSpin implements IdleStrategy {
    static final long MIN_MARGIN_NS = 100_000L;
    /** Parks of half a period each that {@link #prepare} takes to learn the oversleep. */
    static final int CALIBRATION_PARKS = 50;

    private final Clock clock;
    private final LongConsumer park;
    private long marginNs = MIN_MARGIN_NS;

    ParkThenSpin() {
        this(Clock.SYSTEM, LockSupport::parkNanos);
    }

    /** With the machine's clock and park replaced (tests). */
    ParkThenSpin(Clock clock, LongConsumer parkNs) {
        this.clock = clock;
        this.park = parkNs;
    }

    @Override
    public void prepare(long periodNs) {
        for (int k = 0; k < CALIBRATION_PARKS; k++) {
            parkAndLearn(periodNs / 2);
        }
    }

    @Override
    public void idle(long remainingNs) {
        if (remainingNs <= marginNs + MIN_MARGIN_NS) {
            Thread.onSpinWait();
            return;
        }
        parkAndLearn(remainingNs - marginNs);
    }

    private void parkAndLearn(long sleepNs) {
        long start = clock.nanoTime();
        park.accept(sleepNs);
        long overslept = clock.nanoTime() - start - sleepNs;
        marginNs = Math.max(MIN_MARGIN_NS, Math.max(marginNs - marginNs / 100, overslept + overslept / 2));
    }

    /** The margin it parks short of the tick by now, ns. */
    public long marginNs() {
        return marginNs;
    }
}
