package org.bmsbench.firmware.loop;

import org.bmsbench.firmware.Key;
import org.bmsbench.firmware.diag.FaultId;

/**
 * The firmware's cyclic tasks, like foxBMS's 1 ms, 10 ms and 100 ms tasks: each period a whole multiple of the
 * faster one, and how late a task may start before that is an overrun (a fault).
 *
 * @param fastPeriodNs       over-current, contactor timing, current sensor
 * @param mainPeriodNs       acquisition checks, diagnosis, the state machine
 * @param slowPeriodNs       state of charge, balancing, current limits, open-wire check, isolation
 * @param overrunToleranceNs a task starting later than this after its due time is an overrun
 */
public record TaskConfig(@Key("fast_ms") long fastPeriodNs, @Key("main_ms") long mainPeriodNs,
                         @Key("slow_ms") long slowPeriodNs, long overrunToleranceNs) {
    public TaskConfig {
        if (fastPeriodNs <= 0 || mainPeriodNs <= 0 || slowPeriodNs <= 0) {
            throw new IllegalArgumentException("task periods must be above zero, got fast " + fastPeriodNs
                    + " ns, main " + mainPeriodNs + " ns, slow " + slowPeriodNs + " ns");
        }
        if (mainPeriodNs % fastPeriodNs != 0) {
            throw new IllegalArgumentException("tasks.main_ms (" + mainPeriodNs / 1e6
                    + " ms) must be a whole multiple of tasks.fast_ms (" + fastPeriodNs / 1e6 + " ms)");
        }
        if (slowPeriodNs % mainPeriodNs != 0) {
            throw new IllegalArgumentException("tasks.slow_ms (" + slowPeriodNs / 1e6
                    + " ms) must be a whole multiple of tasks.main_ms (" + mainPeriodNs / 1e6 + " ms)");
        }
        if (overrunToleranceNs <= 0) {
            throw new IllegalArgumentException("tasks.overrun_tolerance_ms must be above zero");
        }
    }

    /** The period of the task that evaluates a fault. */
    public long periodNs(FaultId.Task task) {
        switch (task) {
            case FAST: return fastPeriodNs;
            case MAIN: return mainPeriodNs;
            default: return slowPeriodNs;
        }
    }
}
