package org.bmsbench.firmware;

import org.bmsbench.port.HardwarePort;

/**
 * The LTC68xx open-wire check: a pull-up and a pull-down conversion; a broken wire shows as pull-up minus
 * pull-down below -400 mV on the cell above it, as the first cell reading 0 V with pull-up (the bottom wire),
 * or as the last cell reading 0 V with pull-down (the top wire). Hardware without the check is never flagged.
 */
public final class OpenWireCheck {
    private final OpenWireConfig config;
    private final HardwarePort port;
    private final double[] pullUp;
    private final double[] pullDown;
    private long nextCheckNs;
    private boolean openWire;
    private int openChannel = -1;

    public OpenWireCheck(OpenWireConfig config, HardwarePort port, int channels, long startNs) {
        this.config = config;
        this.port = port;
        this.pullUp = new double[channels];
        this.pullDown = new double[channels];
        this.nextCheckNs = startNs + config.periodNs();
    }

    /**
     * Runs the check when it is due. Returns true when it ran (a result exists), and the result is then
     * {@link #openWire()}.
     */
    public boolean runIfDue(long nowNs) {
        if (!config.enabled() || nowNs < nextCheckNs) {
            return false;
        }
        nextCheckNs = nowNs + config.periodNs();
        if (!port.openWireConversion(nowNs, true, pullUp) || !port.openWireConversion(nowNs, false, pullDown)) {
            return false;
        }
        int n = pullUp.length;
        openChannel = -1;
        if (pullUp[0] < config.zeroV()) {
            openChannel = 0;
        }
        for (int g = 1; g < n && openChannel < 0; g++) {
            if (pullUp[g] - pullDown[g] < -config.thresholdV()) {
                openChannel = g - 1; // the wire between group g - 1 and group g
            }
        }
        if (openChannel < 0 && pullDown[n - 1] < config.zeroV()) {
            openChannel = n - 1;
        }
        openWire = openChannel >= 0;
        return true;
    }

    /** The last check found a broken wire. */
    public boolean openWire() {
        return openWire;
    }

    /** The channel whose positive sense wire the last check found broken (0 for the bottom wire), or -1. */
    public int openChannel() {
        return openChannel;
    }
}
