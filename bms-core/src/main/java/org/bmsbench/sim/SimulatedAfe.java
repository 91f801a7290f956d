package org.bmsbench.sim;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bmsbench.model.Checks;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.Measurements;

/**
 * The measurement side of the plant: an AFE converting the series groups' voltages and the cells'
 * temperatures, a pack current sensor, pack and link voltage measurement, contactor auxiliary contacts and
 * an isolation monitor, each with its own errors, noise, resolution and injectable faults. It also carries
 * the balancing commands to the bleed switches, with an LTC68xx-style watchdog that turns them off when the
 * host has not talked to the AFE for a while.
 *
 * <p>Cell voltages are measured as differences of the sense pins' voltages, so a broken sense wire shows as
 * it does on a real board: the floating pin holds its voltage on the input filter, drifts down to the pin
 * below during normal conversions, and is pulled up or down by the open-wire check's test currents.
 *
 * <p>Sensor faults change only what is reported, never the pack. Nothing allocates after construction.
 */
public final class SimulatedAfe {
    private enum PinDrive { NORMAL, PULL_UP, PULL_DOWN }

    private final AfeConfig config;
    private final Pack pack;
    private final PackThermal thermal;
    private final ContactorCircuit circuit;
    private final SplittableRandom noise;
    private final int channels;
    private final int sensors;
    private final int boards;
    private final double boardHeatShare;
    private final long conversionPeriodNs;
    private final long temperaturePeriodNs;
    private final long isolationPeriodNs;
    private final long watchdogNs;
    private final double fullScaleV;
    private final double cellLsbInverse;
    private final double temperatureStepInverse;
    private final double currentStepInverse;
    private final double hvStepInverse;

    private final double[] channelGain;
    private final double[] channelOffsetV;
    private final double[] sensorOffsetC;
    private final double currentGain;
    private final double currentOffsetA;
    private final double packVoltageGain;
    private final double linkVoltageGain;

    /** Sense-pin voltages as the ADC sees them; pin k is the positive terminal of group k - 1. */
    private final double[] pinV;
    private final double[] boardTemperatureC;
    private final Measurements latest;
    private boolean dischargeDuringConversion = true;
    private double boardsSettledAtC;
    private long lastSampleNs;
    private long nextConversionNs;
    private long nextTemperatureNs;
    private long lastConversionNs;
    private long nextIsolationNs;
    private long lastHostActivityNs;
    private boolean anyBalancing;
    /** True while some channel is stuck or invalid: a conversion then replaces those readings. */
    private boolean anyCellFault;
    // a conversion's working arrays, one entry per channel
    private final double[] channelV;
    private final double[] channelNoiseV;

    // injected faults
    private final double[] cellOffsetFaultV;
    private final boolean[] cellStuck;
    private final double[] cellStuckV;
    private final boolean[] cellInvalid;
    /** Per pin: broken wire, and the voltage its input filter holds (NaN until first converted). */
    private final boolean[] pinOpen;
    private final double[] floatingPinV;
    private boolean anyPinOpen;
    private final double[] sensorOffsetFaultC;
    private final boolean[] sensorStuck;
    private final double[] sensorStuckC;
    private final boolean[] sensorDisconnected;
    private double currentOffsetFaultA;
    private boolean currentSensorLost;
    private boolean communicationLost;
    private double isolationResistanceOhm;

    /**
     * @param seed                   draws the calibration errors and the noise (a different stream from the
     *                               pack's spread)
     * @param isolationResistanceOhm the true isolation resistance of a healthy pack, Ohm
     * @param boardHeatShare         share of the bleed resistors' heat that stays on the AFE boards (the rest
     *                               goes into the cells)
     */
    public SimulatedAfe(AfeConfig config, Pack pack, PackThermal thermal, ContactorCircuit circuit, long seed,
                        double isolationResistanceOhm, double boardHeatShare) {
        this.config = config;
        this.pack = pack;
        this.thermal = thermal;
        this.circuit = circuit;
        this.channels = pack.seriesCount();
        this.sensors = config.temperatureSensorCount(pack.cellCount());
        this.boards = config.boardCount(channels);
        this.boardHeatShare = Checks.inRange("board heat share", boardHeatShare, 0, 1);
        this.conversionPeriodNs = Math.round(config.conversionPeriodS() * 1e9);
        this.temperaturePeriodNs = Math.round(config.temperaturePeriodS() * 1e9);
        this.isolationPeriodNs = Math.round(config.isolationPeriodS() * 1e9);
        this.watchdogNs = Math.round(config.balancingWatchdogS() * 1e9);
        this.fullScaleV = config.cellFullScaleV();
        this.cellLsbInverse = 1.0 / config.cellVoltageLsbV();
        this.temperatureStepInverse = 1.0 / config.temperatureResolutionC();
        this.currentStepInverse = 1.0 / config.currentResolutionA();
        this.hvStepInverse = 1.0 / config.hvResolutionV();
        this.isolationResistanceOhm = Checks.positive("isolation resistance", isolationResistanceOhm);

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

        pinV = new double[channels + 1];
        boardTemperatureC = new double[boards];
        Arrays.fill(boardTemperatureC, thermal.ambientC());
        boardsSettledAtC = thermal.ambientC();
        latest = new Measurements(channels, sensors, boards);
        cellOffsetFaultV = new double[channels];
        cellStuck = new boolean[channels];
        channelV = new double[channels];
        channelNoiseV = new double[channels];
        cellStuckV = new double[channels];
        cellInvalid = new boolean[channels];
        pinOpen = new boolean[channels + 1];
        floatingPinV = new double[channels + 1];
        Arrays.fill(floatingPinV, Double.NaN);
        sensorOffsetFaultC = new double[sensors];
        sensorStuck = new boolean[sensors];
        sensorStuckC = new double[sensors];
        sensorDisconnected = new boolean[sensors];
    }

    /**
     * Brings the measurements up to {@code nowNs}: the fast signals every call, cell voltages and temperatures
     * when their conversions are due (and the AFE is reachable), isolation when the monitor's period has passed.
     * Conversions and isolation results keep to their own fixed schedules, whatever the caller's step.
     */
    public void sample(long nowNs) {
        updateBoardTemperatures((nowNs - lastSampleNs) * 1e-9);
        lastSampleNs = nowNs;
        if (anyBalancing && nowNs - lastHostActivityNs > watchdogNs) {
            for (int g = 0; g < channels; g++) {
                pack.setBalancing(g, false);
            }
            anyBalancing = false;
        }
        if (nowNs >= nextTemperatureNs) {
            if (!communicationLost) {
                convertTemperatures();
                convertBoardTemperatures();
            }
            while (nextTemperatureNs <= nowNs) {
                nextTemperatureNs += temperaturePeriodNs;
            }
        }
        if (nowNs >= nextConversionNs) {
            if (!communicationLost) {
                convertCells(nowNs);
                latest.completeConversion(nowNs);
            }
            lastConversionNs = nowNs;
            while (nextConversionNs <= nowNs) {
                nextConversionNs += conversionPeriodNs;
            }
        }
        if (nowNs >= nextIsolationNs) {
            latest.setIsolationResistanceOhm(isolationResistanceOhm);
            while (nextIsolationNs <= nowNs) {
                nextIsolationNs += isolationPeriodNs;
            }
        }
        double current = pack.stringCurrentA();
        latest.setPackCurrentA(currentSensorLost ? Double.NaN
                : quantise(current * currentGain + currentOffsetA + currentOffsetFaultA
                        + config.currentNoiseSigmaA() * noise.nextGaussian(), config.currentResolutionA(),
                        currentStepInverse));
        latest.setPackVoltageV(quantise(pack.terminalVoltageV() * packVoltageGain
                + config.hvNoiseSigmaV() * noise.nextGaussian(), config.hvResolutionV(), hvStepInverse));
        latest.setLinkVoltageV(quantise(circuit.linkVoltageV() * linkVoltageGain
                + config.hvNoiseSigmaV() * noise.nextGaussian(), config.hvResolutionV(), hvStepInverse));
        latest.setContactorClosed(ContactorId.MAIN_POSITIVE, circuit.mainPositive().feedbackClosed());
        latest.setContactorClosed(ContactorId.MAIN_NEGATIVE, circuit.mainNegative().feedbackClosed());
        latest.setContactorClosed(ContactorId.PRECHARGE, circuit.precharge().feedbackClosed());
        latest.setTimestampNs(nowNs);
    }

    /** The sense pins' voltages as the ADC sees them, with the given drive on any floating pin. */
    private void sensePins(PinDrive drive, double elapsedS) {
        pinV[0] = 0.0;
        for (int g = 0; g < channels; g++) {
            pinV[g + 1] = pinV[g] + pack.groupVoltageV(g);
        }
        if (!anyPinOpen) {
            return;
        }
        double decay = Math.exp(-elapsedS / config.openWireDriftTauS());
        int connectedBelow = 0;
        for (int k = 1; k <= channels; k++) {
            if (!pinOpen[k]) {
                connectedBelow = k;
                continue;
            }
            double held = Double.isNaN(floatingPinV[k]) ? pinV[k] : floatingPinV[k];
            double below = pinV[connectedBelow];
            if (drive == PinDrive.NORMAL) {
                held = below + (held - below) * decay;
            } else if (drive == PinDrive.PULL_DOWN) {
                held = below;
            } else {
                int above = k + 1;
                while (above <= channels && pinOpen[above]) {
                    above++;
                }
                if (above <= channels) {
                    held = pinV[above];
                }
            }
            floatingPinV[k] = held;
        }
        for (int k = 1; k <= channels; k++) {
            if (pinOpen[k]) {
                pinV[k] = floatingPinV[k];
            }
        }
    }

    /**
     * Each board relaxes towards the air temperature plus its bleed heat times its thermal resistance (nothing
     * to do while nothing bleeds and the boards have settled at the air's temperature).
     */
    private void updateBoardTemperatures(double dtS) {
        double ambient = thermal.ambientC();
        if (!anyBalancing && boardsSettledAtC == ambient) {
            return;
        }
        boolean settled = !anyBalancing;
        double decay = Math.exp(-dtS / config.boardThermalTauS());
        int per = config.channelsPerBoard();
        for (int b = 0; b < boards; b++) {
            double heatW = 0;
            for (int g = b * per, end = Math.min(channels, g + per); g < end; g++) {
                heatW += pack.groupBleedPowerW(g);
            }
            double target = ambient + config.boardThermalResistanceKPerW() * heatW * boardHeatShare;
            boardTemperatureC[b] = target + (boardTemperatureC[b] - target) * decay;
            settled &= Math.abs(boardTemperatureC[b] - ambient) < 1e-9;
        }
        boardsSettledAtC = settled ? ambient : Double.NaN;
    }

    private void convertBoardTemperatures() {
        for (int b = 0; b < boards; b++) {
            double t = boardTemperatureC[b] + config.temperatureNoiseSigmaC() * noise.nextGaussian();
            latest.setBoardTemperatureC(b, Math.min(config.temperatureMaxC(), Math.max(config.temperatureMinC(),
                    quantise(t, config.temperatureResolutionC(), temperatureStepInverse))));
        }
    }

    /**
     * What the bleed currents do to channel {@code g}'s reading while they flow: each flows through the sense
     * wires at both ends of its group, so a balancing channel reads low by 2 R I and its neighbours high by R I.
     */
    private double senseWireDropV(int g) {
        double below = g > 0 ? pack.groupBleedCurrentA(g - 1) : 0.0;
        double above = g + 1 < channels ? pack.groupBleedCurrentA(g + 1) : 0.0;
        return config.senseWireResistanceOhm() * (2 * pack.groupBleedCurrentA(g) - below - above);
    }

    private double adcReading(int channel, double volts) {
        double v = volts * channelGain[channel] + channelOffsetV[channel]
                + config.cellNoiseSigmaV() * noise.nextGaussian();
        return Math.min(fullScaleV, Math.max(0.0, quantise(v, config.cellVoltageLsbV(), cellLsbInverse)));
    }

    /**
     * A conversion of every cell channel, in passes over arrays (the middle one the JIT vectorises): the voltage
     * across each channel's pins, the noise, the channel's gain, offset, quantisation and range; then the faults
     * that replace a reading.
     */
    private void convertCells(long nowNs) {
        double[] v = channelV;
        if (anyPinOpen) {
            sensePins(PinDrive.NORMAL, (nowNs - lastConversionNs) * 1e-9);
            for (int g = 0; g < channels; g++) {
                v[g] = pinV[g + 1] - pinV[g] + cellOffsetFaultV[g];
            }
        } else { // every pin connected: each channel sees its group's voltage
            for (int g = 0; g < channels; g++) {
                v[g] = pack.groupVoltageV(g) + cellOffsetFaultV[g];
            }
        }
        if (dischargeDuringConversion && anyBalancing) {
            for (int g = 0; g < channels; g++) {
                v[g] -= senseWireDropV(g);
            }
        }
        double sigma = config.cellNoiseSigmaV();
        for (int g = 0; g < channels; g++) {
            channelNoiseV[g] = sigma * noise.nextGaussian();
        }
        double lsb = config.cellVoltageLsbV();
        for (int g = 0; g < channels; g++) {
            double reading = v[g] * channelGain[g] + channelOffsetV[g] + channelNoiseV[g];
            v[g] = Math.min(fullScaleV, Math.max(0.0, Math.rint(reading * cellLsbInverse) * lsb));
        }
        if (anyCellFault) {
            for (int g = 0; g < channels; g++) {
                if (cellStuck[g]) {
                    v[g] = cellStuckV[g];
                } else if (cellInvalid[g]) {
                    v[g] = Double.NaN;
                }
            }
        }
        latest.setCellVoltagesV(v);
    }

    private void convertTemperatures() {
        int per = config.cellsPerTemperatureSensor();
        int cells = pack.cellCount();
        for (int s = 0; s < sensors; s++) {
            double reading;
            if (sensorStuck[s]) {
                reading = sensorStuckC[s];
            } else if (sensorDisconnected[s]) {
                reading = config.temperatureMinC();
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
                        quantise(t, config.temperatureResolutionC(), temperatureStepInverse)));
            }
            latest.setTemperatureC(s, reading);
        }
    }

    /** To the nearest multiple of {@code step} (whose inverse is given, to multiply rather than divide). */
    private static double quantise(double value, double step, double inverse) {
        return Math.rint(value * inverse) * step;
    }

    /**
     * The open-wire check of LTC68xx AFEs: a conversion with the 100 uA test currents pulling every input pin
     * up ({@code pullUp}) or down. A connected pin does not move; a floating one follows the pull (and its
     * filter holds it there afterwards). The firmware flags cell {@code n > 0} when pull-up minus pull-down is
     * below -400 mV, the bottom pin when the first cell reads 0 V with pull-up, and the top pin when the last
     * cell reads 0 V with pull-down. Writes one reading per channel into {@code out}, V (NaN when the AFE is
     * unreachable).
     */
    public void openWireConversion(long nowNs, boolean pullUp, double[] out) {
        hostActivity(nowNs);
        if (communicationLost) {
            Arrays.fill(out, 0, channels, Double.NaN);
            return;
        }
        sensePins(pullUp ? PinDrive.PULL_UP : PinDrive.PULL_DOWN, 0.0);
        for (int g = 0; g < channels; g++) {
            out[g] = adcReading(g, pinV[g + 1] - pinV[g]);
        }
    }

    /** The measurements as of the last {@link #sample(long)}; the live object, read-only by convention. */
    public Measurements measurements() {
        return latest;
    }

    // ---- the host ----------------------------------------------------------------------------------------

    /**
     * The host talked to the AFE (any read or command): on an LTC68xx every wake-up resets the watchdog that
     * otherwise turns balancing off after its timeout. Lost when the AFE is unreachable.
     */
    public void hostActivity(long nowNs) {
        if (!communicationLost) {
            lastHostActivityNs = nowNs;
        }
    }

    /**
     * Whether the bleed switches stay on while the AFE converts (an LTC68xx's DCP bit): if they do, the bleed
     * currents' drop in the sense wires shows in the readings.
     */
    public void setDischargeDuringConversion(boolean permitted) {
        dischargeDuringConversion = permitted;
    }

    /** The host commands the bleed switch of channel {@code channel}; lost when the AFE is unreachable. */
    public void commandBalancing(int channel, boolean on, long nowNs) {
        checkChannel(channel);
        if (communicationLost) {
            return;
        }
        hostActivity(nowNs);
        pack.setBalancing(channel, on);
        if (on) {
            anyBalancing = true;
        }
    }

    private void checkChannel(int channel) {
        if (channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("no cell voltage channel " + channel + "; this AFE has " + channels
                    + " (0 to " + (channels - 1) + ")");
        }
    }

    // ---- injected faults ---------------------------------------------------------------------------------

    /** Adds {@code offsetV} to channel {@code channel}'s reading (0 clears it). */
    public void setCellVoltageOffsetV(int channel, double offsetV) {
        cellOffsetFaultV[channel] = offsetV;
    }

    /** Freezes channel {@code channel} at {@code valueV}, or at its present reading (valid or not) when NaN. */
    public void setCellVoltageStuck(int channel, double valueV) {
        cellStuck[channel] = true;
        cellStuckV[channel] = Double.isNaN(valueV) ? latest.cellVoltageV(channel) : valueV;
        anyCellFault = true;
    }

    public void clearCellVoltageStuck(int channel) {
        cellStuck[channel] = false;
        anyCellFault = anyCellFault();
    }

    /** Makes channel {@code channel} report an invalid (NaN) reading. */
    public void setCellVoltageInvalid(int channel, boolean invalid) {
        cellInvalid[channel] = invalid;
        anyCellFault = anyCellFault();
    }

    private boolean anyCellFault() {
        for (int g = 0; g < channels; g++) {
            if (cellStuck[g] || cellInvalid[g]) {
                return true;
            }
        }
        return false;
    }

    /** Breaks (or mends) the sense wire at the positive terminal of series group {@code channel}. */
    public void setOpenWire(int channel, boolean open) {
        int pin = channel + 1;
        pinOpen[pin] = open;
        floatingPinV[pin] = Double.NaN;
        anyPinOpen = false;
        for (boolean isOpen : pinOpen) {
            anyPinOpen |= isOpen;
        }
    }

    /** Adds {@code offsetC} to sensor {@code sensor}'s reading (0 clears it). */
    public void setTemperatureOffsetC(int sensor, double offsetC) {
        sensorOffsetFaultC[sensor] = offsetC;
    }

    /** Freezes sensor {@code sensor} at {@code valueC}, or at its present reading when NaN. */
    public void setTemperatureStuck(int sensor, double valueC) {
        sensorStuck[sensor] = true;
        sensorStuckC[sensor] = Double.isNaN(valueC) ? latest.temperatureC(sensor) : valueC;
    }

    public void clearTemperatureStuck(int sensor) {
        sensorStuck[sensor] = false;
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

    /**
     * The true isolation resistance of the HV system to chassis, which the isolation monitor reports at its
     * next result, Ohm.
     */
    public void setIsolationResistanceOhm(double ohm) {
        isolationResistanceOhm = Checks.positive("isolation resistance", ohm);
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

    public int boardCount() {
        return boards;
    }

    /** True temperature of AFE board {@code board}, degC. */
    public double boardTemperatureC(int board) {
        return boardTemperatureC[board];
    }

    /** The gain error drawn for channel {@code channel}: its reading is {@code gain * V + offset}. */
    public double channelGain(int channel) {
        return channelGain[channel];
    }

    /** The offset error drawn for channel {@code channel}, V. */
    public double channelOffsetV(int channel) {
        return channelOffsetV[channel];
    }

    public AfeConfig config() {
        return config;
    }
}
