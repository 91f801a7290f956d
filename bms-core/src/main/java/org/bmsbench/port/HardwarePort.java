package org.bmsbench.port;

/**
 * The one interface between the BMS firmware and the cells: measurements in, commands out. The simulated
 * plant implements it, and so does the serial hardware-in-the-loop bridge; the firmware never sees anything
 * else, in particular never the plant's truth.
 *
 * <p>Called from the control loop only, so implementations need no locks; none may allocate per call.
 */
public interface HardwarePort {
    /** AFE cell-voltage channels: one per series group. */
    int cellChannelCount();

    /** Cell temperature sensors. */
    int temperatureSensorCount();

    /** AFE boards, each with a temperature sensor. */
    int boardCount();

    /** A measurement snapshot sized for this hardware. */
    default Measurements newMeasurements() {
        return new Measurements(cellChannelCount(), temperatureSensorCount(), boardCount());
    }

    /**
     * Copies the hardware's latest measurements into {@code into} (which has this port's channel and sensor
     * counts). Talking to the hardware also keeps its watchdog alive.
     */
    void read(long nowNs, Measurements into);

    /**
     * Sets every bleed switch at once, {@code on[channel]}, and whether the AFE may keep them on while it
     * converts (off gives readings without the bleed current's drop in the sense wires).
     */
    void commandBalancing(long nowNs, boolean[] on, boolean dischargeDuringConversion);

    /** Energises or releases a contactor coil. */
    void commandContactor(ContactorId id, boolean energise);

    /**
     * Runs one open-wire conversion with the AFE's test currents pulling every sense pin up ({@code pullUp}) or
     * down, writing one reading per channel into {@code out} (NaN when the AFE does not answer). Returns false
     * when this hardware has no open-wire check.
     */
    boolean openWireConversion(long nowNs, boolean pullUp, double[] out);
}
