package org.bmsbench.firmware.loop;

import java.util.concurrent.locks.LockSupport;

/**
 * Parks until shortly before the tick, then spins. How shortly is learnt: a park oversleeps by the kernel's
 * timer slack and the scheduler's wake-up latency, which differ between machines (about 0.5 ms on the
 * virtual machines this bench was measured on, where a fixed 100 us margin made every tick 0.4 ms late). The
 * margin is the largest oversleep seen recently, decaying by 1 % a park, never under {@value #MIN_MARGIN_NS} ns.
 * One per thread; allocates nothing.
 */
public final class ParkThenSpin implements IdleStrategy {
    static final long MIN_MARGIN_NS = 100_000L;
    private long marginNs = MIN_MARGIN_NS;

    @Override
    public void idle(long remainingNs) {
        if (remainingNs <= marginNs + MIN_MARGIN_NS) {
            Thread.onSpinWait();
            return;
        }
        long sleepNs = remainingNs - marginNs;
        long start = System.nanoTime();
        LockSupport.parkNanos(sleepNs);
        long overslept = System.nanoTime() - start - sleepNs;
        marginNs = Math.max(MIN_MARGIN_NS, Math.max(marginNs - marginNs / 100, overslept + overslept / 2));
    }

    /** The margin it parks short of the tick by now, ns. */
    public long marginNs() {
        return marginNs;
    }
}
