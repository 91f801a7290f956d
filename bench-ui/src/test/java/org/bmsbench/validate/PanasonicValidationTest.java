package org.bmsbench.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.firmware.soc.SocConfig;
import org.bmsbench.fit.CellFit;
import org.bmsbench.fit.CurrentAlignment;
import org.bmsbench.fit.Recording;
import org.bmsbench.model.CellParameters;
import org.bmsbench.sim.ReferenceData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fit and the validation on the real Panasonic 18650PF measurements, against the figures in
 * docs/characterisation.md with a margin that still catches a real regression. The data set's logger shows a
 * current step's voltage one sample later (25degC_US06 at 200.0 s: the current rises 2.45 A, the voltage falls
 * 10 mV in that sample and 44 mV in the next), so its current is aligned as the previous sample's.
 */
class PanasonicValidationTest {
    private static final String DATA = "cells/panasonic-18650pf/";

    static CellParameters fittedAt25;

    @BeforeAll
    static void fitFromThe25DegreeTests() {
        Recording ocv = Recording.read(ReferenceData.file(DATA + "25degC_C20_OCV.csv.gz"));
        Recording hppc = Recording.read(ReferenceData.file(DATA + "25degC_HPPC.csv.gz"));
        fittedAt25 = CellFit.fit(ocv, List.of(hppc), new CellFit.Options(2, "p25", "", "",
                CellFiles.preset("panasonic-18650pf"), "panasonic-18650pf", true)).cell();
    }

    @Test
    void shouldFitTheCapacityWithTheTesterOffsetRemoved() {
        // the raw counts are 2.997 Ah out and 2.616 Ah in: the offset that reconciles them leaves 2.794 Ah
        assertThat(fittedAt25.capacityAh().valueAt(25)).isBetween(2.78, 2.81);
    }

    @Test
    void shouldFollowTheUs06FromAWrongStart() {
        Validation.Result r = validate(fittedAt25, "25degC_US06.csv.gz", 0.8);
        assertThat(r.voltageRmseV()).isLessThan(0.026); // 23.9 mV when written
        assertThat(r.socRmseAfterSettle()).isLessThan(0.01); // 0.47 %
        assertThat(r.socMaxAbsErrorAfterSettle()).isLessThan(0.03); // 1.19 %
    }

    @Test
    void shouldFollowTheHwfetFromAWrongStart() {
        Validation.Result r = validate(fittedAt25, "25degC_HWFET.csv.gz", 0.8);
        assertThat(r.voltageRmseV()).isLessThan(0.028); // 25.8 mV
        assertThat(r.socRmseAfterSettle()).isLessThan(0.01); // 0.67 %
        assertThat(r.socMaxAbsErrorAfterSettle()).isLessThan(0.03); // 2.51 %
    }

    @Test
    void shouldMeetTheSocTargetsOnEveryDriveWithTheBundledPresetAndSettings() {
        // docs/characterisation.md: soc after 300 s, from 20 points wrong, at most 1 % RMS and 3 % off at 25 degC, 2 %
        // and 4 % colder; the mixed cycles were not used to fit the preset
        CellParameters preset = CellFiles.preset("panasonic-18650pf");
        for (String file : List.of("25degC_US06", "25degC_HWFET", "25degC_Cycle2", "25degC_Cycle3", "10degC_US06",
                "10degC_HWFET", "10degC_Cycle2", "0degC_US06", "0degC_Cycle2", "n10degC_US06", "n10degC_HWFET",
                "n10degC_Cycle2")) {
            boolean warm = file.startsWith("25degC");
            Validation.Result r = validate(preset, file + ".csv.gz", 0.8);
            assertThat(r.socRmseAfterSettle()).as(file).isLessThan(warm ? 0.01 : 0.02);
            assertThat(r.socMaxAbsErrorAfterSettle()).as(file).isLessThan(warm ? 0.03 : 0.04);
        }
    }

    @Test
    void shouldCountCoulombsToTheReferenceFromTheTrueStart() {
        Validation.Result r = validate(fittedAt25, "25degC_US06.csv.gz", Double.NaN, SocConfig.Estimator.COULOMB);
        assertThat(r.socMaxAbsError()).isLessThan(0.002);
    }

    private static Validation.Result validate(CellParameters cell, String file, double initialSoc) {
        return validate(cell, file, initialSoc, SocConfig.Estimator.EKF);
    }

    private static Validation.Result validate(CellParameters cell, String file, double initialSoc,
                                              SocConfig.Estimator estimator) {
        Recording r = Recording.read(ReferenceData.file(DATA + file));
        return Validation.run(cell, r, new Validation.Options(BmsConfigFiles.defaults().soc().with(estimator),
                initialSoc, Double.NaN, CurrentAlignment.PREVIOUS));
    }
}
