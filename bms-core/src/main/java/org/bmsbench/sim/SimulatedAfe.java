package org.bmsbench.sim;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.Measurements;

/**
 * The measurement side of the plant: an AFE converting the series groups' voltages and the cells'
 * temperatures, a pack current sensor, pack and link voltage measurement, contactor auxiliary contacts and
 * an isolation monitor, each with its own errors, noise, resolution and injectable faults. It also carries
 * the balancing commands to the bleed switches, with an LTC68xx-style watchdog that turns them off when the
 * host stops talking.
 *
 * <p>Sensor faults change only what is reported, never the pack. Nothing allocates after construction.
 */
public final class SimulatedAfe {
    private final AfeConfig config;
    private final Pack pack;
    private final PackThermal thermal;
    private final ContactorCircuit circuit;
    private final SplittableRandom noise;
    private final int channels;
    private final int sensors;
    private final long conversionPeriodNs;
    private final long isolationPeriodNs;
    private final long watchdogNs;
    private final double fullScaleV;

    private final double[] channelGain;
    private final double[] channelOffsetV;
    private final double[] sensorOffsetC;
    private final double currentGain;
    private final double currentOffsetA;
    private final double packVoltageGain;
    private final double linkVoltageGain;

    private final double[] sensedV;
    private final Measurements latest;
    private long nextConversionNs;
    private long nextIsolationNs;
    private long lastHostCommandNs;
    private boolean anyBalancing;

    // injected faults
    private final double[] cellOffsetFaultV;
    private final double[] cellStuckV;
    private final boolean[] cellInvalid;
    private final boolean[] openWire;
    private final double[] sensorOffsetFaultC;
    private final double[] sensorStuckC;
    private final boolean[] sensorDisconnected;
    private double currentOffsetFaultA;
    private boolean currentSensorLost;
    private boolean communicationLost;
    private double isolationResistanceOhm;

    /**
     * @param seed draws the calibration errors and the noise (a different stream from the pack's spread)
     * @param isolationResistanceOhm the true isolation resistance of a healthy pack, Ohm
     */
    public SimulatedAfe(AfeConfig config, Pack pack, PackThermal thermal, ContactorCircuit circuit, long seed,
                        double isolationResistanceOhm) {
        this.config = config;
        this.pack = pack;
        this.thermal = thermal;
        this.circuit = circuit;
        this.channels = pack.seriesCount();
        this.sensors = config.temperatureSensorCount(pack.cellCount());
        this.conversionPeriodNs = Math.round(config.conversionPeriodS() * 1e9);
        this.isolationPeriodNs = Math.round(config.isolationPeriodS() * 1e9);
        this.watchdogNs = Math.round(config.balancingWatchdogS() * 1e9);
        this.fullScaleV = config.cellFullScaleV();
        this.isolationResistanceOhm = isolationResistanceOhm;

        SplittableRandom calibration = new SplittableRandom(seed);
        this.noise = calibration.split();
        channelGain = new double[channels];
        channelOffsetV = new double[channels];
        for (int g = 0; g < channels; g++) {
            channelGain[g] = 1.0 + config.cellGainSigma() * calibration.nextGaussian();
            channelOffsetV[g] = config.cellOffsetSigmaV() * calibration.nextGaussian();
        }
        sensorOffsetC = new double[sensors];
        for (int s = 0; s < sensors; s++) {
            sensorOffsetC[s] = config.temperatureOffsetSigmaC() * calibration.nextGaussian();
        }
        currentGain = 1.0 + config.currentGainSigma() * calibration.nextGaussian();
        currentOffsetA = config.currentOffsetSigmaA() * calibration.nextGaussian();
        packVoltageGain = 1.0 + config.hvGainSigma() * calibration.nextGaussian();
        linkVoltageGain = 1.0 + config.hvGainSigma() * calibration.nextGaussian();

        sensedV = new double[channels];
        latest = new Measurements(channels, sensors);
        cellOffsetFaultV = new double[channels];
        cellStuckV = new double[channels];
        Arrays.fill(cellStuckV, Double.NaN);
        cellInvalid = new boolean[channels];
        openWire = new boolean[channels];
        sensorOffsetFaultC = new double[sensors];
        sensorStuckC = new double[sensors];
        Arrays.fill(sensorStuckC, Double.NaN);
        sensorDisconnected = new boolean[sensors];
    }

    /**
     * Brings the measurements up to {@code nowNs}: the fast signals every call, cell voltages and temperatures
     * when a conversion is due (and the AFE is reachable), isolation when the monitor's period has passed.
     */
    public void sample(long nowNs) {
        if (anyBalancing && nowNs - lastHostCommandNs > watchdogNs) {
            for (int g = 0; g < channels; g++) {
                pack.setBalancing(g, false);
            }
            anyBalancing = false;
        }
        if (nowNs >= nextConversionNs) {
            if (!communicationLost) {
                convertCells();
                convertTemperatures();
                latest.completeConversion(nowNs);
            }
            nextConversionNs = nowNs + conversionPeriodNs;
        }
        if (nowNs >= nextIsolationNs) {
            latest.setIsolationResistanceOhm(isolationResistanceOhm);
            nextIsolationNs = nowNs + isolationPeriodNs;
        }
        double current = pack.stringCurrentA();
        latest.setPackCurrentA(currentSensorLost ? Double.NaN
                : quantise(current * currentGain + currentOffsetA + currentOffsetFaultA
                        + config.currentNoiseSigmaA() * noise.nextGaussian(), config.currentResolutionA()));
        latest.setPackVoltageV(quantise(pack.terminalVoltageV() * packVoltageGain
                + config.hvNoiseSigmaV() * noise.nextGaussian(), config.hvResolutionV()));
        latest.setLinkVoltageV(quantise(circuit.linkVoltageV() * linkVoltageGain
                + config.hvNoiseSigmaV() * noise.nextGaussian(), config.hvResolutionV()));
        latest.setContactorClosed(ContactorId.MAIN_POSITIVE, circuit.mainPositive().feedbackClosed());
        latest.setContactorClosed(ContactorId.MAIN_NEGATIVE, circuit.mainNegative().feedbackClosed());
        latest.setContactorClosed(ContactorId.PRECHARGE, circuit.precharge().feedbackClosed());
        latest.setTimestampNs(nowNs);
    }

    private void convertCells() {
        for (int g = 0; g < channels; g++) {
            sensedV[g] = pack.groupVoltageV(g);
        }
        // An open sense wire at the top of group g leaves its input pin floating; it drifts to the node below,
        // so group g reads nothing and the group above reads both (their sum is kept).
        for (int g = 0; g < channels; g++) {
            if (openWire[g]) {
                if (g + 1 < channels) {
                    sensedV[g + 1] += sensedV[g];
                }
                sensedV[g] = 0.0;
            }
        }
        for (int g = 0; g < channels; g++) {
            double reading;
            if (cellInvalid[g]) {
                reading = Double.NaN;
            } else if (!Double.isNaN(cellStuckV[g])) {
                reading = cellStuckV[g];
            } else {
                double v = sensedV[g] * channelGain[g] + channelOffsetV[g] + cellOffsetFaultV[g]
                        + config.cellNoiseSigmaV() * noise.nextGaussian();
                reading = Math.min(fullScaleV, Math.max(0.0, quantise(v, config.cellVoltageLsbV())));
            }
            latest.setCellVoltageV(g, reading);
        }
    }

    private void convertTemperatures() {
        int per = config.cellsPerTemperatureSensor();
        int cells = pack.cellCount();
        for (int s = 0; s < sensors; s++) {
            double reading;
            if (sensorDisconnected[s]) {
                reading = config.temperatureMinC();
            } else if (!Double.isNaN(sensorStuckC[s])) {
                reading = sensorStuckC[s];
            } else {
                double sum = 0;
                int first = s * per;
                int last = Math.min(cells, first + per);
                for (int c = first; c < last; c++) {
                    sum += thermal.temperatureC(c);
                }
                double t = sum / (last - first) + sensorOffsetC[s] + sensorOffsetFaultC[s]
                        + config.temperatureNoiseSigmaC() * noise.nextGaussian();
                reading = Math.min(config.temperatureMaxC(), Math.max(config.temperatureMinC(),
                        quantise(t, config.temperatureResolutionC())));
            }
            latest.setTemperatureC(s, reading);
        }
    }

    private static double quantise(double value, double step) {
        return Math.rint(value / step) * step;
    }

    /**
     * The open-wire check of LTC68xx AFEs: a conversion with the 100 uA test currents pulling every input pin
     * up ({@code pullUp}) or down. A connected pin does not move; a floating one follows the pull, so the group
     * above an open wire reads nothing with pull-up and the sum of both groups with pull-down (the firmware
     * flags pull-up minus pull-down below -400 mV). Writes one reading per channel into {@code out}, V.
     */
    public void openWireConversion(boolean pullUp, double[] out) {
        for (int g = 0; g < channels; g++) {
            out[g] = pack.groupVoltageV(g);
        }
        for (int g = 0; g < channels; g++) {
            if (!openWire[g]) {
                continue;
            }
            double below = out[g];
            double above = g + 1 < channels ? out[g + 1] : 0.0;
            if (pullUp) {
                out[g] = below + above;
                if (g + 1 < channels) {
                    out[g + 1] = 0.0;
                }
            } else {
                out[g] = 0.0;
                if (g + 1 < channels) {
                    out[g + 1] = below + above;
                }
            }
        }
        for (int g = 0; g < channels; g++) {
            out[g] = communicationLost ? Double.NaN : Math.min(fullScaleV, Math.max(0.0,
                    quantise(out[g] * channelGain[g] + channelOffsetV[g], config.cellVoltageLsbV())));
        }
    }

    /** The measurements as of the last {@link #sample(long)}; the live object, read-only by convention. */
    public Measurements measurements() {
        return latest;
    }

    // ---- commands from the host ------------------------------------------------------------------------

    /** The host commands the bleed switch of channel {@code channel}; lost when the AFE is unreachable. */
    public void commandBalancing(int channel, boolean on, long nowNs) {
        if (communicationLost) {
            return;
        }
        lastHostCommandNs = nowNs;
        pack.setBalancing(channel, on);
        if (on) {
            anyBalancing = true;
        }
    }

    // ---- injected faults ---------------------------------------------------------------------------------

    /** Adds {@code offsetV} to channel {@code channel}'s reading (0 clears it). */
    public void setCellVoltageOffsetV(int channel, double offsetV) {
        cellOffsetFaultV[channel] = offsetV;
    }

    /** Freezes channel {@code channel} at {@code valueV}, or at its present reading when NaN. */
    public void setCellVoltageStuck(int channel, double valueV) {
        cellStuckV[channel] = Double.isNaN(valueV) ? latest.cellVoltageV(channel) : valueV;
    }

    public void clearCellVoltageStuck(int channel) {
        cellStuckV[channel] = Double.NaN;
    }

    /** Makes channel {@code channel} report an invalid (NaN) reading. */
    public void setCellVoltageInvalid(int channel, boolean invalid) {
        cellInvalid[channel] = invalid;
    }

    /** Opens the sense wire at the positive terminal of series group {@code channel}. */
    public void setOpenWire(int channel, boolean open) {
        openWire[channel] = open;
    }

    /** Adds {@code offsetC} to sensor {@code sensor}'s reading (0 clears it). */
    public void setTemperatureOffsetC(int sensor, double offsetC) {
        sensorOffsetFaultC[sensor] = offsetC;
    }

    /** Freezes sensor {@code sensor} at {@code valueC}, or at its present reading when NaN. */
    public void setTemperatureStuck(int sensor, double valueC) {
        sensorStuckC[sensor] = Double.isNaN(valueC) ? latest.temperatureC(sensor) : valueC;
    }

    public void clearTemperatureStuck(int sensor) {
        sensorStuckC[sensor] = Double.NaN;
    }

    /** An open NTC: the sensor reads the bottom of its range. */
    public void setTemperatureDisconnected(int sensor, boolean disconnected) {
        sensorDisconnected[sensor] = disconnected;
    }

    public void setCurrentOffsetA(double offsetA) {
        currentOffsetFaultA = offsetA;
    }

    /** The current sensor stops answering: current reads NaN. */
    public void setCurrentSensorLost(boolean lost) {
        currentSensorLost = lost;
    }

    /** The host cannot reach the AFE: no new conversions, commands lost. */
    public void setCommunicationLost(boolean lost) {
        communicationLost = lost;
    }

    public boolean isCommunicationLost() {
        return communicationLost;
    }

    /** The true isolation resistance of the HV system to chassis, Ohm. */
    public void setIsolationResistanceOhm(double ohm) {
        isolationResistanceOhm = ohm;
    }

    public double isolationResistanceOhm() {
        return isolationResistanceOhm;
    }

    public int channelCount() {
        return channels;
    }

    public int temperatureSensorCount() {
        return sensors;
    }

    public AfeConfig config() {
        return config;
    }
}
