package org.bmsbench.firmware.limits;

import org.bmsbench.firmware.Acquisition;
import org.bmsbench.firmware.diag.Diagnosis;
import org.bmsbench.firmware.soc.SocEstimation;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.ParameterSchedule;

/**
 * The currents the vehicle may draw and return (state of function): for every series group, the smaller of the
 * derating tables at its soc and temperature and of the current that the cell model predicts would bring it to
 * its voltage limit within the horizon,
 * {@code I = (OCV(soc) - V_min) / (R0 + sum(R_k (1 - exp(-t/tau_k))))}; the weakest group sets the pack's
 * limit. Lowered by the derating factor while a warning asks for it, zero when a fault blocks that direction or
 * the contactors are not closed. The cell's parameters come from a {@link ParameterSchedule} (the OCV exact, the
 * resistances held while the soc and temperature stay close).
 *
 * <p>Control-loop thread only; nothing allocates after construction.
 */
public final class CurrentLimits {
    private final LimitsConfig config;
    private final int parallel;
    private final int rcPairs;
    private final ParameterSchedule schedule;
    /** Per channel, the resistance the cell shows over the horizon for the schedule's held parameters, Ohm. */
    private final double[] horizonResistanceOhm;
    private final int[] dischargeHints;
    private final int[] chargeHints;
    private double dischargeA;
    private double chargeA;

    public CurrentLimits(LimitsConfig config, CellModel model, int parallel, int channels) {
        this.config = config;
        this.parallel = parallel;
        this.rcPairs = model.rcPairCount();
        this.schedule = new ParameterSchedule(model, channels, ParameterSchedule.Holds.FIRMWARE);
        this.horizonResistanceOhm = new double[channels];
        this.dischargeHints = new int[2 * channels];
        this.chargeHints = new int[2 * channels];
    }

    /** Recomputes both limits. {@code powerAvailable} is false outside NORMAL. */
    public void update(Acquisition data, SocEstimation soc, Diagnosis diagnosis, boolean powerAvailable) {
        if (!powerAvailable || !soc.initialised()) {
            dischargeA = 0;
            chargeA = 0;
            return;
        }
        double discharge = Double.MAX_VALUE;
        double charge = Double.MAX_VALUE;
        for (int g = 0; g < soc.channelCount(); g++) {
            double z = soc.soc(g);
            double t = data.channelTemperatureC(g);
            if (schedule.update(g, z, t)) {
                double horizon = schedule.r0Ohm(g);
                for (int k = 0; k < rcPairs; k++) {
                    double decay = CellModel.rcDecay(config.horizonS(), schedule.rcTauS(k, g));
                    horizon += schedule.rcResistanceOhm(k, g) * (1.0 - decay);
                }
                horizonResistanceOhm[g] = horizon;
            }
            double horizon = horizonResistanceOhm[g];
            double ocv = schedule.ocvV(g);
            double headroomDischarge = Math.max(0.0, (ocv - config.minCellVoltageV()) / horizon);
            double headroomCharge = Math.max(0.0, (config.maxCellVoltageV() - ocv) / horizon);
            double dischargeTable = config.dischargeCurrentA().valueAt(z, t, dischargeHints, 2 * g);
            double chargeTable = config.chargeCurrentA().valueAt(z, t, chargeHints, 2 * g);
            discharge = Math.min(discharge, Math.min(dischargeTable, headroomDischarge));
            charge = Math.min(charge, Math.min(chargeTable, headroomCharge));
        }
        double factor = diagnosis.derate() ? config.warningDerate() : 1.0;
        dischargeA = diagnosis.blockDischarge() ? 0.0 : discharge * parallel * factor;
        chargeA = diagnosis.blockCharge() ? 0.0 : charge * parallel * factor;
    }

    /** Most discharge current the pack may give now, A. */
    public double dischargeA() {
        return dischargeA;
    }

    /** Most charge current the pack may take now, A (a magnitude). */
    public double chargeA() {
        return chargeA;
    }
}
