package org.bmsbench.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The AFE's cell voltage channels: one per series group, each with its drawn gain and offset error, noise, the
 * ADC's resolution and range, and their faults (an offset, a stuck or invalid reading, a broken sense wire).
 *
 * <p>Cell voltages are measured as differences of the sense pins' voltages, so a broken sense wire shows as
 * it does on a real board: the floating pin holds its voltage on the input filter, drifts down to the pin
 * below during normal conversions, and is pulled up or down by the open-wire check's test currents. Nothing
 * allocates after construction.
 */
final class CellVoltageChannels {
    private enum PinDrive { NORMAL, PULL_UP, PULL_DOWN }

    private final AfeConfig config;
    private final Pack pack;
    private final SplittableRandom noise;
    private final int channels;
    private final double fullScaleV;
    private final double lsbInverse;
    private final double[] gain;
    private final double[] offsetV;
    private final double[] pinV;
    private final double[] readingV;
    private final double[] noiseV;
    private final double[] offsetFaultV;
    private final boolean[] stuck;
    private final double[] stuckV;
    private final boolean[] invalid;
    private boolean anyReplaced;
    private final boolean[] pinOpen;
    private final double[] floatingPinV;
    private boolean anyPinOpen;

    /** Draws each channel's gain and offset error from {@code calibration}, in channel order. */
    CellVoltageChannels(AfeConfig config, Pack pack, SplittableRandom calibration, SplittableRandom noise) {
        this.config = config;
        this.pack = pack;
        this.noise = noise;
        this.channels = pack.seriesCount();
        this.fullScaleV = config.cellFullScaleV();
        this.lsbInverse = 1.0 / config.cellVoltageLsbV();
        gain = new double[channels];
        offsetV = new double[channels];
        for (int g = 0; g < channels; g++) {
            gain[g] = 1.0 + config.cellGainSigma() * calibration.nextGaussian();
            offsetV[g] = config.cellOffsetSigmaV() * calibration.nextGaussian();
        }
        pinV = new double[channels + 1];
        readingV = new double[channels];
        noiseV = new double[channels];
        offsetFaultV = new double[channels];
        stuck = new boolean[channels];
        stuckV = new double[channels];
        invalid = new boolean[channels];
        pinOpen = new boolean[channels + 1];
        floatingPinV = new double[channels + 1];
        Arrays.fill(floatingPinV, Double.NaN);
    }

    int count() {
        return channels;
    }

    /**
     * A conversion of every channel, in passes over arrays (the middle one the JIT vectorises): the voltage across
     * each channel's pins, the noise, the channel's gain, offset, quantisation and range; then the faults that
     * replace a reading. {@code sinceLastS}: since the last conversion (a floating pin's drift);
     * {@code bleedDropShows}: the bleed switches stay on during the conversion. Returns the readings, V (live).
     */
    double[] convert(double sinceLastS, boolean bleedDropShows) {
        double[] v = readingV;
        if (anyPinOpen) {
            sensePins(PinDrive.NORMAL, sinceLastS);
            for (int g = 0; g < channels; g++) {
                v[g] = pinV[g + 1] - pinV[g] + offsetFaultV[g];
            }
        } else { // every pin connected: each channel sees its group's voltage
            for (int g = 0; g < channels; g++) {
                v[g] = pack.groupVoltageV(g) + offsetFaultV[g];
            }
        }
        if (bleedDropShows) {
            for (int g = 0; g < channels; g++) {
                v[g] -= senseWireDropV(g);
            }
        }
        double sigma = config.cellNoiseSigmaV();
        for (int g = 0; g < channels; g++) {
            noiseV[g] = sigma * noise.nextGaussian();
        }
        double lsb = config.cellVoltageLsbV();
        for (int g = 0; g < channels; g++) {
            double reading = v[g] * gain[g] + offsetV[g] + noiseV[g];
            v[g] = Math.min(fullScaleV, Math.max(0.0, Math.rint(reading * lsbInverse) * lsb));
        }
        if (anyReplaced) {
            for (int g = 0; g < channels; g++) {
                if (stuck[g]) {
                    v[g] = stuckV[g];
                } else if (invalid[g]) {
                    v[g] = Double.NaN;
                }
            }
        }
        return v;
    }

    /**
     * The open-wire check's conversion with the test currents pulling every input pin up or down: a connected pin
     * does not move; a floating one follows the pull (and its filter holds it there afterwards).
     */
    void openWireConversion(boolean pullUp, double[] out) {
        sensePins(pullUp ? PinDrive.PULL_UP : PinDrive.PULL_DOWN, 0.0);
        for (int g = 0; g < channels; g++) {
            double v = (pinV[g + 1] - pinV[g]) * gain[g] + offsetV[g] + config.cellNoiseSigmaV() * noise.nextGaussian();
            out[g] = Math.min(fullScaleV, Math.max(0.0, Math.rint(v * lsbInverse) * config.cellVoltageLsbV()));
        }
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
     * What the bleed currents do to channel {@code g}'s reading while they flow: each flows through the sense
     * wires at both ends of its group, so a balancing channel reads low by 2 R I and its neighbours high by R I.
     */
    private double senseWireDropV(int g) {
        double below = g > 0 ? pack.groupBleedCurrentA(g - 1) : 0.0;
        double above = g + 1 < channels ? pack.groupBleedCurrentA(g + 1) : 0.0;
        return config.senseWireResistanceOhm() * (2 * pack.groupBleedCurrentA(g) - below - above);
    }

    // ---- faults ------------------------------------------------------------------------------------------

    void setOffsetV(int channel, double value) {
        offsetFaultV[channel] = value;
    }

    /** Freezes {@code channel} at {@code valueV}. */
    void setStuck(int channel, double valueV) {
        stuck[channel] = true;
        stuckV[channel] = valueV;
        anyReplaced = true;
    }

    void clearStuck(int channel) {
        stuck[channel] = false;
        anyReplaced = anyReplaced();
    }

    void setInvalid(int channel, boolean value) {
        invalid[channel] = value;
        anyReplaced = anyReplaced();
    }

    private boolean anyReplaced() {
        for (int g = 0; g < channels; g++) {
            if (stuck[g] || invalid[g]) {
                return true;
            }
        }
        return false;
    }

    /** Breaks (or mends) the sense wire at the positive terminal of series group {@code channel}. */
    void setOpenWire(int channel, boolean open) {
        int pin = channel + 1;
        pinOpen[pin] = open;
        floatingPinV[pin] = Double.NaN;
        anyPinOpen = false;
        for (boolean isOpen : pinOpen) {
            anyPinOpen |= isOpen;
        }
    }

    double gain(int channel) {
        return gain[channel];
    }

    double offsetV(int channel) {
        return offsetV[channel];
    }
}
