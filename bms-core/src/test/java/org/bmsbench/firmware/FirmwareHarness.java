package org.bmsbench.firmware;

import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;

/** Runs a firmware against a {@link ScriptedPort} on a simulated 1 ms clock. */
public final class FirmwareHarness {
    public static final long MS = 1_000_000L;

    public final ScriptedPort port;
    public final BmsFirmware firmware;
    public long nowNs;

    public FirmwareHarness(BmsConfig config, ScriptedPort port) {
        this.port = port;
        this.firmware = new BmsFirmware(config, port);
    }

    /** 12 channels at 3.7 V and 25 degC under the default configuration. */
    public static FirmwareHarness defaults() {
        return new FirmwareHarness(BmsConfigFiles.defaults(), new ScriptedPort(12, 12, 3.7, 25.0));
    }

    /** Runs the firmware for {@code ms} milliseconds of 1 ms ticks. */
    public void runMs(long ms) {
        for (long k = 0; k < ms; k++) {
            port.now(nowNs);
            firmware.tick(nowNs);
            nowNs += MS;
        }
    }

    /** Runs until {@code state} or {@code maxMs}; returns the milliseconds it took, or -1. */
    public long runUntil(BmsState state, long maxMs) {
        for (long k = 0; k < maxMs; k++) {
            if (firmware.state() == state) {
                return k;
            }
            runMs(1);
        }
        return firmware.state() == state ? maxMs : -1;
    }

    /** Closes the contactors: NORMAL requested, run until NORMAL (fails the test otherwise). */
    public void closeContactors() {
        firmware.request(BmsRequest.NORMAL);
        if (runUntil(BmsState.NORMAL, 5_000) < 0) {
            throw new AssertionError("did not reach NORMAL; state " + firmware.state() + ", " + port);
        }
    }
}
