package org.bmsbench.port;

import java.util.Arrays;

/**
 * Everything the BMS can measure about the pack at one instant, as the hardware delivers it: what the
 * firmware sees instead of the truth. A mutable, preallocated snapshot: the simulated AFE or the serial
 * bridge writes into it, the firmware copies or reads it, and nothing allocates per update.
 *
 * <p>A reading the hardware flags as invalid is {@code NaN}. Cell voltages and temperatures come from the
 * AFE's last completed conversion ({@link #cellTimestampNs()}, {@link #sequence()}); current, pack and link
 * voltage and contactor feedback are sampled at {@link #timestampNs()}; isolation is the isolation monitor's
 * last result, which comes at the monitor's own, slower rate. Current is positive on discharge.
 */
public final class Measurements {
    private final double[] cellVoltageV;
    private final double[] temperatureC;
    private final double[] boardTemperatureC;
    private final boolean[] contactorClosed = new boolean[ContactorId.COUNT];
    /** Bumped by every change to the cell voltages, and to the temperatures: a copy skips what did not change. */
    private long cellsVersion;
    private long temperaturesVersion;
    private long sequence;
    private long cellTimestampNs;
    private long timestampNs;
    private double packCurrentA;
    private double packVoltageV;
    private double linkVoltageV;
    private double isolationResistanceOhm;

    /**
     * @param cellChannels       AFE cell voltage channels, one per series group
     * @param temperatureSensors cell temperature sensors
     * @param boards             AFE boards, each with its own temperature sensor
     */
    public Measurements(int cellChannels, int temperatureSensors, int boards) {
        this.cellVoltageV = new double[cellChannels];
        this.temperatureC = new double[temperatureSensors];
        this.boardTemperatureC = new double[boards];
        Arrays.fill(cellVoltageV, Double.NaN);
        Arrays.fill(temperatureC, Double.NaN);
        Arrays.fill(boardTemperatureC, Double.NaN);
        packCurrentA = Double.NaN;
        packVoltageV = Double.NaN;
        linkVoltageV = Double.NaN;
        isolationResistanceOhm = Double.NaN;
    }

    /**
     * Copies every field of {@code other}, which must have the same channel counts. The per-channel arrays are
     * copied only when they changed since the last copy (a 1 ms read of 10 ms conversions copies them once).
     */
    public void copyFrom(Measurements other) {
        if (other.cellsVersion != cellsVersion) {
            System.arraycopy(other.cellVoltageV, 0, cellVoltageV, 0, cellVoltageV.length);
            cellsVersion = other.cellsVersion;
        }
        if (other.temperaturesVersion != temperaturesVersion) {
            System.arraycopy(other.temperatureC, 0, temperatureC, 0, temperatureC.length);
            System.arraycopy(other.boardTemperatureC, 0, boardTemperatureC, 0, boardTemperatureC.length);
            temperaturesVersion = other.temperaturesVersion;
        }
        for (int i = 0; i < contactorClosed.length; i++) {
            contactorClosed[i] = other.contactorClosed[i];
        }
        sequence = other.sequence;
        cellTimestampNs = other.cellTimestampNs;
        timestampNs = other.timestampNs;
        packCurrentA = other.packCurrentA;
        packVoltageV = other.packVoltageV;
        linkVoltageV = other.linkVoltageV;
        isolationResistanceOhm = other.isolationResistanceOhm;
    }

    public int cellChannelCount() {
        return cellVoltageV.length;
    }

    public int temperatureSensorCount() {
        return temperatureC.length;
    }

    /** Voltage of series group {@code channel}, V; NaN when invalid. */
    public double cellVoltageV(int channel) {
        return cellVoltageV[channel];
    }

    public void setCellVoltageV(int channel, double value) {
        cellVoltageV[channel] = value;
        cellsVersion++;
    }

    /** Sets every channel's voltage at once from {@code values} (one per channel), V. */
    public void setCellVoltagesV(double[] values) {
        System.arraycopy(values, 0, cellVoltageV, 0, cellVoltageV.length);
        cellsVersion++;
    }

    /** Temperature at sensor {@code sensor}, degC; NaN when invalid. */
    public double temperatureC(int sensor) {
        return temperatureC[sensor];
    }

    public void setTemperatureC(int sensor, double value) {
        temperatureC[sensor] = value;
        temperaturesVersion++;
    }

    /** Changes whenever a temperature (cell or board) changes: nothing to re-judge while it stays the same. */
    public long temperaturesVersion() {
        return temperaturesVersion;
    }

    public int boardCount() {
        return boardTemperatureC.length;
    }

    /** Temperature of AFE board {@code board} (where the bleed resistors sit), degC; NaN when invalid. */
    public double boardTemperatureC(int board) {
        return boardTemperatureC[board];
    }

    public void setBoardTemperatureC(int board, double value) {
        boardTemperatureC[board] = value;
        temperaturesVersion++;
    }

    /** Count of completed AFE conversions: unchanged means no new cell data. */
    public long sequence() {
        return sequence;
    }

    /** Time of the AFE conversion the cell voltages and temperatures come from, ns. */
    public long cellTimestampNs() {
        return cellTimestampNs;
    }

    /** Marks a completed AFE conversion at {@code nowNs}. */
    public void completeConversion(long nowNs) {
        sequence++;
        cellTimestampNs = nowNs;
    }

    /** Time the fast signals (current, HV, contactor feedback) were sampled, ns. */
    public long timestampNs() {
        return timestampNs;
    }

    public void setTimestampNs(long value) {
        timestampNs = value;
    }

    /** Pack current, A, positive on discharge; NaN when the sensor is lost. */
    public double packCurrentA() {
        return packCurrentA;
    }

    public void setPackCurrentA(double value) {
        packCurrentA = value;
    }

    /** Pack voltage before the contactors, V. */
    public double packVoltageV() {
        return packVoltageV;
    }

    public void setPackVoltageV(double value) {
        packVoltageV = value;
    }

    /** Vehicle DC-link voltage after the contactors, V. */
    public double linkVoltageV() {
        return linkVoltageV;
    }

    public void setLinkVoltageV(double value) {
        linkVoltageV = value;
    }

    /** The auxiliary contact of contactor {@code id}: true when it reports closed. */
    public boolean contactorClosed(ContactorId id) {
        return contactorClosed[id.ordinal()];
    }

    public void setContactorClosed(ContactorId id, boolean value) {
        contactorClosed[id.ordinal()] = value;
    }

    /** Isolation resistance between the HV system and chassis, as the isolation monitor last reported it, Ohm. */
    public double isolationResistanceOhm() {
        return isolationResistanceOhm;
    }

    public void setIsolationResistanceOhm(double value) {
        isolationResistanceOhm = value;
    }
}
