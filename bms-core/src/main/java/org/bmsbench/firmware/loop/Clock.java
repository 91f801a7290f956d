package org.bmsbench.firmware.loop;

/** Where the control loop gets the time: injected, so tests and simulations own it. */
@FunctionalInterface
public interface Clock {
    /** A monotonic time, ns. */
    long nanoTime();

    /** The machine's monotonic clock, for hardware in the loop. */
    Clock SYSTEM = System::nanoTime;
}
