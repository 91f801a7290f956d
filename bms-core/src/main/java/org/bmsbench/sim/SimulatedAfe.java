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
 * host has not talked to the AFE for a while. Each sensor family is its own device owning its faults
 * ({@link CellVoltageChannels}, {@link TemperatureSensors}, {@link AfeBoards}, {@link CurrentSensor}); this class
 * keeps their schedules, the host's side and the calibration and noise streams, drawn in a fixed order.
 *
 * <p>Sensor faults change only what is reported, never the pack. Nothing allocates after construction.
 */
public final class SimulatedAfe {
    private final AfeConfig config;
    private final Pack pack;
    private final ContactorCircuit circuit;
    private final SplittableRandom noise;
    private final CellVoltageChannels cellChannels;
    private final TemperatureSensors temperatures;
    private final AfeBoards boards;
    private final CurrentSensor current;
    private final long conversionPeriodNs;
    private final long temperaturePeriodNs;
    private final long isolationPeriodNs;
    private final long watchdogNs;
    private final double hvStepInverse;
    private final double packVoltageGain;
    private final double linkVoltageGain;
    private final Measurements latest;
    private boolean dischargeDuringConversion = true;
    private long lastSampleNs;
    private long nextConversionNs;
    private long nextTemperatureNs;
    private long lastConversionNs;
    private long nextIsolationNs;
    private long lastHostActivityNs;
    private boolean anyBalancing;
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
        this.circuit = circuit;
        this.conversionPeriodNs = Math.round(config.conversionPeriodS() * 1e9);
        this.temperaturePeriodNs = Math.round(config.temperaturePeriodS() * 1e9);
        this.isolationPeriodNs = Math.round(config.isolationPeriodS() * 1e9);
        this.watchdogNs = Math.round(config.balancingWatchdogS() * 1e9);
        this.hvStepInverse = 1.0 / config.hvResolutionV();
        this.isolationResistanceOhm = Checks.positive("isolation resistance", isolationResistanceOhm);

        // the calibration errors, in this order: cell channels, temperature sensors, current, pack and link voltage
        SplittableRandom calibration = new SplittableRandom(seed);
        this.noise = calibration.split();
        this.cellChannels = new CellVoltageChannels(config, pack, calibration, noise);
        this.temperatures = new TemperatureSensors(config, thermal, pack.cellCount(), calibration, noise);
        this.current = new CurrentSensor(config, calibration, noise);
        this.packVoltageGain = 1.0 + config.hvGainSigma() * calibration.nextGaussian();
        this.linkVoltageGain = 1.0 + config.hvGainSigma() * calibration.nextGaussian();
        this.boards = new AfeBoards(config, pack, thermal, Checks.inRange("board heat share", boardHeatShare, 0, 1),
                noise);
        latest = new Measurements(cellChannels.count(), temperatures.count(), boards.count());
    }

    /**
     * Brings the measurements up to {@code nowNs}: the fast signals every call, cell voltages and temperatures
     * when their conversions are due (and the AFE is reachable), isolation when the monitor's period has passed.
     * Conversions and isolation results keep to their own fixed schedules, whatever the caller's step. The noise
     * is drawn in a fixed order: temperatures, boards, cells, current, pack voltage, link voltage.
     */
    public void sample(long nowNs) {
        boards.update((nowNs - lastSampleNs) * 1e-9, anyBalancing);
        lastSampleNs = nowNs;
        if (anyBalancing && nowNs - lastHostActivityNs > watchdogNs) {
            for (int g = 0; g < cellChannels.count(); g++) {
                pack.setBalancing(g, false);
            }
            anyBalancing = false;
        }
        if (nowNs >= nextTemperatureNs) {
            if (!communicationLost) {
                for (int s = 0; s < temperatures.count(); s++) {
                    latest.setTemperatureC(s, temperatures.convert(s));
                }
                for (int b = 0; b < boards.count(); b++) {
                    latest.setBoardTemperatureC(b, boards.convert(b));
                }
            }
            while (nextTemperatureNs <= nowNs) {
                nextTemperatureNs += temperaturePeriodNs;
            }
        }
        if (nowNs >= nextConversionNs) {
            if (!communicationLost) {
                latest.setCellVoltagesV(cellChannels.convert((nowNs - lastConversionNs) * 1e-9,
                        dischargeDuringConversion && anyBalancing));
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
        latest.setPackCurrentA(current.read(pack.stringCurrentA()));
        latest.setPackVoltageV(highVoltage(pack.terminalVoltageV() * packVoltageGain));
        latest.setLinkVoltageV(highVoltage(circuit.linkVoltageV() * linkVoltageGain));
        latest.setContactorClosed(ContactorId.MAIN_POSITIVE, circuit.mainPositive().feedbackClosed());
        latest.setContactorClosed(ContactorId.MAIN_NEGATIVE, circuit.mainNegative().feedbackClosed());
        latest.setContactorClosed(ContactorId.PRECHARGE, circuit.precharge().feedbackClosed());
        latest.setTimestampNs(nowNs);
    }

    /** A pack or link voltage as measured: noise and resolution on the (gain-scaled) true voltage. */
    private double highVoltage(double scaledV) {
        return Math.rint((scaledV + config.hvNoiseSigmaV() * noise.nextGaussian()) * hvStepInverse)
                * config.hvResolutionV();
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
            Arrays.fill(out, 0, cellChannels.count(), Double.NaN);
            return;
        }
        cellChannels.openWireConversion(pullUp, out);
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
        int channels = cellChannels.count();
        if (channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("no cell voltage channel " + channel + "; this AFE has " + channels
                    + " (0 to " + (channels - 1) + ")");
        }
    }

    // ---- injected faults: each to the device that has it -------------------------------------------------

    /** Adds {@code offsetV} to channel {@code channel}'s reading (0 clears it). */
    public void setCellVoltageOffsetV(int channel, double offsetV) {
        cellChannels.setOffsetV(channel, offsetV);
    }

    /** Freezes channel {@code channel} at {@code valueV}, or at its present reading (valid or not) when NaN. */
    public void setCellVoltageStuck(int channel, double valueV) {
        cellChannels.setStuck(channel, Double.isNaN(valueV) ? latest.cellVoltageV(channel) : valueV);
    }

    public void clearCellVoltageStuck(int channel) {
        cellChannels.clearStuck(channel);
    }

    /** Makes channel {@code channel} report an invalid (NaN) reading. */
    public void setCellVoltageInvalid(int channel, boolean invalid) {
        cellChannels.setInvalid(channel, invalid);
    }

    /** Breaks (or mends) the sense wire at the positive terminal of series group {@code channel}. */
    public void setOpenWire(int channel, boolean open) {
        cellChannels.setOpenWire(channel, open);
    }

    /** Adds {@code offsetC} to sensor {@code sensor}'s reading (0 clears it). */
    public void setTemperatureOffsetC(int sensor, double offsetC) {
        temperatures.setOffsetC(sensor, offsetC);
    }

    /** Freezes sensor {@code sensor} at {@code valueC}, or at its present reading when NaN. */
    public void setTemperatureStuck(int sensor, double valueC) {
        temperatures.setStuck(sensor, Double.isNaN(valueC) ? latest.temperatureC(sensor) : valueC);
    }

    public void clearTemperatureStuck(int sensor) {
        temperatures.clearStuck(sensor);
    }

    /** An open NTC: the sensor reads the bottom of its range. */
    public void setTemperatureDisconnected(int sensor, boolean disconnected) {
        temperatures.setDisconnected(sensor, disconnected);
    }

    public void setCurrentOffsetA(double offsetA) {
        current.setOffsetA(offsetA);
    }

    /** The current sensor stops answering: current reads NaN. */
    public void setCurrentSensorLost(boolean lost) {
        current.setLost(lost);
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
        return cellChannels.count();
    }

    public int temperatureSensorCount() {
        return temperatures.count();
    }

    public int boardCount() {
        return boards.count();
    }

    /** True temperature of AFE board {@code board}, degC. */
    public double boardTemperatureC(int board) {
        return boards.temperatureC(board);
    }

    /** The gain error drawn for channel {@code channel}: its reading is {@code gain * V + offset}. */
    public double channelGain(int channel) {
        return cellChannels.gain(channel);
    }

    /** The offset error drawn for channel {@code channel}, V. */
    public double channelOffsetV(int channel) {
        return cellChannels.offsetV(channel);
    }

    public AfeConfig config() {
        return config;
    }
}
