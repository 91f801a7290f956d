package org.bmsbench.hil.emulator;

import org.bmsbench.firmware.loop.IdleStrategy;
import org.bmsbench.firmware.loop.RealTimeLoop;

/** Steps an {@link EmulatedBoard} in real time, one plant step per scenario step, until its scenario ends. */
public final class EmulatorRun {
    private final EmulatedBoard emulator;
    private volatile RealTimeLoop loop;
    private volatile boolean finished;

    public EmulatorRun(EmulatedBoard emulator) {
        this.emulator = emulator;
    }

    /** Runs until the scenario ends, {@code maxNs} passes, or {@link #stop()}. */
    public void run(long maxNs, IdleStrategy idle) {
        long origin = System.nanoTime();
        RealTimeLoop[] self = new RealTimeLoop[1];
        self[0] = new RealTimeLoop(now -> {
            if (!emulator.step(now)) {
                finished = true;
                self[0].stop();
            }
        }, () -> System.nanoTime() - origin, idle, emulator.scenario().stepNs());
        loop = self[0];
        self[0].run(maxNs);
    }

    public void stop() {
        RealTimeLoop l = loop;
        if (l != null) {
            l.stop();
        }
    }

    /** Whether the scenario ran to its end. */
    public boolean finished() {
        return finished;
    }

    public EmulatedBoard emulator() {
        return emulator;
    }
}
