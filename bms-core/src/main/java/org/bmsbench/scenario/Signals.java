package org.bmsbench.scenario;

import org.bmsbench.firmware.Acquisition;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.soc.SocEstimation;
import org.bmsbench.sim.Pack;
import org.bmsbench.sim.PackPlant;

/**
 * The current value of every {@link Signal}, refreshed from the plant and the firmware; preallocated and
 * reused. Words (the BMS state, the contactors) are held as ordinals. The fast signals (currents, voltages, the
 * measured cell voltages, limits, state, contactors) are refreshed every plant step; the slow ones (temperatures,
 * the socs, their sigma and error, balancing), which move on the time scale of the BMS's 100 ms task or slower,
 * when asked to.
 */
public final class Signals {
    private final double[] values = new double[Signal.COUNT];
    private double socErrorMaxAbs = Double.NaN;
    private double socErrorMeanSquare = Double.NaN;

    /** Refreshes the fast signals, and the slow ones too when {@code slow}. */
    public void update(PackPlant plant, BmsFirmware firmware, boolean slow) {
        Pack pack = plant.pack();
        double minV = Double.MAX_VALUE;
        double maxV = -Double.MAX_VALUE;
        for (int g = 0; g < pack.seriesCount(); g++) {
            double v = pack.groupVoltageV(g);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        set(Signal.PACK_CURRENT_A, pack.stringCurrentA());
        set(Signal.PACK_VOLTAGE_V, pack.terminalVoltageV());
        set(Signal.LINK_VOLTAGE_V, plant.contactors().linkVoltageV());
        set(Signal.CELL_VOLTAGE_MIN_V, minV);
        set(Signal.CELL_VOLTAGE_MAX_V, maxV);
        set(Signal.CELL_VOLTAGE_SPREAD_V, maxV - minV);
        Acquisition measured = firmware.acquisition();
        double minMeasuredV = measured.minCellVoltageV();
        double maxMeasuredV = measured.maxCellVoltageV();
        set(Signal.CELL_VOLTAGE_MIN_MEASURED_V, minMeasuredV);
        set(Signal.CELL_VOLTAGE_MAX_MEASURED_V, maxMeasuredV);
        // one valid channel has no spread (the firmware's CELL_VOLTAGE_SPREAD holds its counters the same way)
        set(Signal.CELL_VOLTAGE_SPREAD_MEASURED_V,
                measured.validCellCount() >= 2 ? maxMeasuredV - minMeasuredV : Double.NaN);
        set(Signal.CHARGE_CURRENT_LIMIT_A, firmware.limits().chargeA());
        set(Signal.DISCHARGE_CURRENT_LIMIT_A, firmware.limits().dischargeA());
        set(Signal.BMS_STATE, firmware.state().ordinal());
        set(Signal.CONTACTORS, ContactorState.of(plant.contactors()).ordinal());
        if (slow) {
            updateSlow(plant, firmware);
        }
    }

    private void updateSlow(PackPlant plant, BmsFirmware firmware) {
        Pack pack = plant.pack();
        double minT = Double.MAX_VALUE;
        double maxT = -Double.MAX_VALUE;
        double minSoc = Double.MAX_VALUE;
        double maxSoc = -Double.MAX_VALUE;
        double minGroupSoc = Double.MAX_VALUE;
        double maxGroupSoc = -Double.MAX_VALUE;
        int parallel = pack.parallelCount();
        for (int g = 0, c = 0; g < pack.seriesCount(); g++) {
            double groupSoc = 0;
            for (int end = c + parallel; c < end; c++) {
                double t = plant.thermal().temperatureC(c);
                minT = Math.min(minT, t);
                maxT = Math.max(maxT, t);
                double soc = pack.soc(c);
                minSoc = Math.min(minSoc, soc);
                maxSoc = Math.max(maxSoc, soc);
                groupSoc += soc;
            }
            groupSoc /= parallel;
            minGroupSoc = Math.min(minGroupSoc, groupSoc);
            maxGroupSoc = Math.max(maxGroupSoc, groupSoc);
        }
        set(Signal.CELL_TEMPERATURE_MIN_C, minT);
        set(Signal.CELL_TEMPERATURE_MAX_C, maxT);
        set(Signal.SOC, Double.NaN); // set with the soc errors, in one pass over the estimates
        set(Signal.SOC_TRUE, SocEstimation.displayed(minSoc, maxSoc));
        set(Signal.SOC_SPREAD_TRUE, maxGroupSoc - minGroupSoc);
        set(Signal.BALANCING_CELLS, firmware.balancing().activeCount());
        updateSocError(pack, firmware);
    }

    /**
     * The BMS's displayed soc, its least certain channel's sigma, and each channel's estimate against its true soc
     * (the mean of its cells), in one pass over the estimates.
     */
    private void updateSocError(Pack pack, BmsFirmware firmware) {
        SocEstimation estimation = firmware.soc();
        if (!estimation.initialised()) {
            set(Signal.SOC_SIGMA, Double.NaN);
            socErrorMaxAbs = Double.NaN;
            socErrorMeanSquare = Double.NaN;
            return;
        }
        int parallel = pack.parallelCount();
        double max = 0;
        double sumSquares = 0;
        double lowest = Double.MAX_VALUE;
        double highest = -Double.MAX_VALUE;
        double largestVariance = 0;
        for (int g = 0; g < pack.seriesCount(); g++) {
            double truth = 0;
            for (int c = g * parallel; c < (g + 1) * parallel; c++) {
                truth += pack.soc(c);
            }
            double estimate = estimation.soc(g);
            lowest = Math.min(lowest, estimate);
            highest = Math.max(highest, estimate);
            largestVariance = Math.max(largestVariance, estimation.variance(g));
            double error = estimate - truth / parallel;
            max = Math.max(max, Math.abs(error));
            sumSquares += error * error;
        }
        set(Signal.SOC, SocEstimation.displayed(lowest, highest));
        set(Signal.SOC_SIGMA, Math.sqrt(largestVariance));
        socErrorMaxAbs = max;
        socErrorMeanSquare = sumSquares / pack.seriesCount();
    }

    /** The largest |estimated - true| soc over the channels; NaN before the BMS has an estimate. */
    public double socErrorMaxAbs() {
        return socErrorMaxAbs;
    }

    /** The mean squared soc error over the channels; NaN before the BMS has an estimate. */
    public double socErrorMeanSquare() {
        return socErrorMeanSquare;
    }

    void set(Signal signal, double value) {
        values[signal.ordinal()] = value;
    }

    public double get(Signal signal) {
        return values[signal.ordinal()];
    }
}
