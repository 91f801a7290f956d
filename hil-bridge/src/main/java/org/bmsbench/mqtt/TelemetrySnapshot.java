package org.bmsbench.mqtt;

import java.util.Arrays;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.Acquisition;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.port.ContactorId;

/**
 * What the BMS sees at one instant, as telemetry publishes it: the status figures and, when {@link #hasCells},
 * every cell. Preallocated for a channel count and filled in place from the firmware ({@link #fill}) on the
 * control loop's thread, then copied ({@link #copyFrom}) into the publisher's own; nothing allocates.
 */
public final class TelemetrySnapshot {
    /** No fault tier raised. */
    public static final byte NONE = -1;

    double timeS;
    int state;
    final boolean[] contactorClosed = new boolean[ContactorId.COUNT];
    double packCurrentA;
    double packVoltageV;
    double linkVoltageV;
    double soc;
    double cellMinV;
    double cellMaxV;
    double temperatureMinC;
    double temperatureMaxC;
    double dischargeLimitA;
    double chargeLimitA;
    /** Per fault id, the highest tier raised, or {@link #NONE}. */
    final byte[] faults = new byte[FaultId.COUNT];
    int balancingCells;
    /** The pack soc from the plant's truth (the same displayed-soc rule), NaN where there is no plant. */
    double trueSoc = Double.NaN;
    boolean hasCells;
    final double[] cellVoltageV;
    /** Whether the BMS holds each channel's reading plausible (in range, not frozen, not stale). */
    final boolean[] cellValid;
    final double[] cellSoc;
    final boolean[] balancing;
    final double[] temperatureC;

    public TelemetrySnapshot(int channels, int temperatureSensors) {
        cellVoltageV = new double[channels];
        cellValid = new boolean[channels];
        cellSoc = new double[channels];
        balancing = new boolean[channels];
        temperatureC = new double[temperatureSensors];
    }

    /** A snapshot sized for {@code firmware}'s hardware. */
    public static TelemetrySnapshot sizedFor(BmsFirmware firmware) {
        return new TelemetrySnapshot(firmware.acquisition().channelCount(),
                firmware.acquisition().temperatureSensorCount());
    }

    /** Fills it from the firmware (its control-loop thread only); the cells too when {@code withCells}. */
    public void fill(BmsFirmware f, double nowS, boolean withCells) {
        Acquisition a = f.acquisition();
        timeS = nowS;
        state = f.state().ordinal();
        for (int k = 0; k < ContactorId.COUNT; k++) {
            contactorClosed[k] = a.contactorClosed(ContactorId.of(k));
        }
        packCurrentA = a.packCurrentA();
        packVoltageV = a.packVoltageV();
        linkVoltageV = a.linkVoltageV();
        soc = f.soc().displayedSoc();
        cellMinV = a.minCellVoltageV();
        cellMaxV = a.maxCellVoltageV();
        temperatureMinC = a.minTemperatureC();
        temperatureMaxC = a.maxTemperatureC();
        dischargeLimitA = f.limits().dischargeA();
        chargeLimitA = f.limits().chargeA();
        for (int k = 0; k < FaultId.COUNT; k++) {
            FaultLevel level = f.diagnosis().highestRaised(FaultId.of(k));
            faults[k] = level == null ? NONE : (byte) level.ordinal();
        }
        balancingCells = f.balancing().activeCount();
        hasCells = withCells;
        if (withCells) {
            for (int g = 0; g < cellVoltageV.length; g++) {
                cellVoltageV[g] = a.cellVoltageV(g);
                cellValid[g] = a.cellValid(g);
                cellSoc[g] = f.soc().soc(g);
                balancing[g] = f.balancing().isOn(g);
            }
            for (int s = 0; s < temperatureC.length; s++) {
                temperatureC[s] = a.temperatureC(s);
            }
        }
    }

    public void copyFrom(TelemetrySnapshot o) {
        timeS = o.timeS;
        state = o.state;
        System.arraycopy(o.contactorClosed, 0, contactorClosed, 0, contactorClosed.length);
        packCurrentA = o.packCurrentA;
        packVoltageV = o.packVoltageV;
        linkVoltageV = o.linkVoltageV;
        soc = o.soc;
        cellMinV = o.cellMinV;
        cellMaxV = o.cellMaxV;
        temperatureMinC = o.temperatureMinC;
        temperatureMaxC = o.temperatureMaxC;
        dischargeLimitA = o.dischargeLimitA;
        chargeLimitA = o.chargeLimitA;
        System.arraycopy(o.faults, 0, faults, 0, faults.length);
        balancingCells = o.balancingCells;
        trueSoc = o.trueSoc;
        hasCells = o.hasCells;
        if (o.hasCells) {
            System.arraycopy(o.cellVoltageV, 0, cellVoltageV, 0, cellVoltageV.length);
            System.arraycopy(o.cellValid, 0, cellValid, 0, cellValid.length);
            System.arraycopy(o.cellSoc, 0, cellSoc, 0, cellSoc.length);
            System.arraycopy(o.balancing, 0, balancing, 0, balancing.length);
            System.arraycopy(o.temperatureC, 0, temperatureC, 0, temperatureC.length);
        }
    }

    /** Sets the true pack soc (a simulated bench knows it). */
    public void setTrueSoc(double value) {
        trueSoc = value;
    }

    public double timeS() {
        return timeS;
    }

    /** The BMS state's ordinal ({@link org.bmsbench.firmware.contactor.BmsState#of}). */
    public int state() {
        return state;
    }

    public boolean contactorClosed(ContactorId id) {
        return contactorClosed[id.ordinal()];
    }

    public double packCurrentA() {
        return packCurrentA;
    }

    public double packVoltageV() {
        return packVoltageV;
    }

    public double soc() {
        return soc;
    }

    public double trueSoc() {
        return trueSoc;
    }

    public double cellMinV() {
        return cellMinV;
    }

    public double cellMaxV() {
        return cellMaxV;
    }

    public double dischargeLimitA() {
        return dischargeLimitA;
    }

    public double chargeLimitA() {
        return chargeLimitA;
    }

    /** The highest tier raised of fault {@code id} ({@link FaultLevel} ordinal), or {@link #NONE}. */
    public byte fault(FaultId id) {
        return faults[id.ordinal()];
    }

    public int balancingCells() {
        return balancingCells;
    }

    public boolean hasCells() {
        return hasCells;
    }

    public int channels() {
        return cellVoltageV.length;
    }

    public double cellVoltageV(int g) {
        return cellVoltageV[g];
    }

    /** Whether the BMS holds channel {@code g}'s reading plausible. */
    public boolean cellValid(int g) {
        return cellValid[g];
    }

    public double cellSoc(int g) {
        return cellSoc[g];
    }

    public boolean balancing(int g) {
        return balancing[g];
    }

    public int temperatureSensors() {
        return temperatureC.length;
    }

    public double temperatureC(int s) {
        return temperatureC[s];
    }

    @Override
    public String toString() {
        return "TelemetrySnapshot[t=" + timeS + ", state=" + state + ", faults=" + Arrays.toString(faults) + "]";
    }
}
