package org.bmsbench.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bmsbench.config.CellFiles;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Hysteresis;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table1D;
import org.bmsbench.model.Table2D;
import org.bmsbench.model.TestCells;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fit recovers a cell it did not see: tests recorded from a model cell with known parameters (the bundled
 * OCV, 30 mOhm R0, a 5 mOhm / 1.5 s and a 20 mOhm / 40 s pair, 10 mV of hysteresis), logged as a tester logs
 * them, with a 10 mA current-reading offset and unlogged moves between the pulse sets.
 */
class CellFitTest {
    private static final double CAPACITY_AH = 2.8;
    private static final double R0 = 0.030;
    private static final double R1 = 0.005;
    private static final double TAU1 = 1.5;
    private static final double R2 = 0.020;
    private static final double TAU2 = 40.0;
    private static final double M = 0.010;

    static CellParameters known;
    static CellFit.Result result;

    @BeforeAll
    static void fitTheKnownCell() {
        CellParameters preset = CellFiles.preset("panasonic-18650pf");
        Table2D ocv = Table2D.ofSoc(preset.ocvV().soc(), preset.ocvV().values()[preset.ocvV().values().length - 1]);
        known = new CellParameters("known", "", "made for the test", 2.5, 4.2, Table1D.constant(CAPACITY_AH), ocv,
                Table2D.constant(R0), List.of(RcPair.constant(R1, TAU1), RcPair.constant(R2, TAU2)),
                new Hysteresis(100, Table2D.constant(M)), 1.0, Double.POSITIVE_INFINITY, TestCells.THERMAL);
        Recording ocvTest = new SyntheticTest(known, 1.0, 1.0, 25.0).offset(0.010)
                .rest(3600, 60).until(0.14, 2.5, 60).rest(3600, 60).until(-0.14, 4.2, 60).rest(3600, 60)
                .recording("ocv.csv");
        SyntheticTest pulses = new SyntheticTest(known, 1.0, 1.0, 25.0).offset(0.010).rest(600, 1);
        for (int point = 0; point < 9; point++) {
            for (double c : new double[] {1, 2, 4}) {
                pulses.rest(10, 0.1).current(c * CAPACITY_AH, 10, 0.1).rest(2, 0.1).rest(598, 1);
            }
            double pulsesSoc = (1 + 2 + 4) * 10 / 3600.0; // 10 s at 1C, 2C and 4C
            pulses.unlogged(CAPACITY_AH / 3, (0.1 - pulsesSoc) * 3 * 3600).unlogged(0, 1800); // the next 10 %
        }
        result = CellFit.fit(ocvTest, List.of(pulses.recording("hppc.csv")),
                new CellFit.Options(2, "fitted", "", "", preset, "panasonic-18650pf", true));
    }

    @Test
    void shouldRecoverTheCapacityAndTheOcv() {
        CellParameters fitted = result.cell();
        // The known cell's OCV table ends above 2.5 V, so the C/20 discharge goes on past its soc 0 to the cut-off:
        // the fitted capacity is the charge between the voltage limits, 1.6 % more, and the fitted soc counts from
        // the cut-off. The offset comes out exactly.
        double capacityAh = fitted.capacityAh().valueAt(25);
        assertThat(capacityAh).isCloseTo(2.844, within(0.002));
        assertThat(result.record().testerOffsetA()).isCloseTo(0.010, within(0.0002));
        for (double soc = 0.1; soc <= 0.951; soc += 0.05) {
            double sameCharge = 1.0 - (1.0 - soc) * capacityAh / CAPACITY_AH;
            assertThat(fitted.ocvV().valueAt(soc, 25)).as("OCV at soc %.2f", soc)
                    .isCloseTo(known.ocvV().valueAt(sameCharge, 25), within(0.002));
        }
    }

    @Test
    void shouldRecoverTheResistancesAndTimeConstants() {
        CellParameters fitted = result.cell();
        // R0 is read 0.2 s after the edge (0.1 s into the pulse): it holds that much of the pairs' rise
        double r0AtRead = R0 + R1 * (1 - Math.exp(-0.1 / TAU1)) + R2 * (1 - Math.exp(-0.1 / TAU2));
        for (double soc = 0.2; soc <= 0.8; soc += 0.2) {
            assertThat(fitted.r0Ohm().valueAt(soc, 25)).as("R0 at %.1f", soc).isCloseTo(r0AtRead, within(0.001));
            RcPair fast = fitted.rcPairs().get(0);
            RcPair slow = fitted.rcPairs().get(1);
            assertThat(fast.tauS().valueAt(soc, 25)).as("tau1 at %.1f", soc).isCloseTo(TAU1, within(0.4));
            assertThat(slow.resistanceOhm().valueAt(soc, 25)).as("R2 at %.1f", soc).isCloseTo(R2, within(0.003));
            assertThat(slow.tauS().valueAt(soc, 25)).as("tau2 at %.1f", soc).isCloseTo(TAU2, within(6.0));
            double dc = fitted.r0Ohm().valueAt(soc, 25) + fast.resistanceOhm().valueAt(soc, 25)
                    + slow.resistanceOhm().valueAt(soc, 25);
            assertThat(dc).as("R0 + R1 + R2 at %.1f", soc).isCloseTo(R0 + R1 + R2, within(0.002));
        }
    }

    @Test
    void shouldRecoverTheHysteresisAndRecordEveryPulse() {
        double[] m = result.cell().hysteresis().maxV().values()[0];
        for (int k = 2; k <= 8; k++) {
            assertThat(m[k]).as("M at soc %.1f", k / 10.0).isCloseTo(M, within(0.003));
        }
        assertThat(result.record().pulses()).hasSize(27);
        // the first set starts after the charge, and its pulses turn the hysteresis round: the one offset per
        // set cannot follow that; every later set the model follows to well under a millivolt
        assertThat(result.record().pulses().subList(0, 24))
                .allSatisfy(p -> assertThat(p.residualRmsV()).isLessThan(0.0006));
        assertThat(result.record().pulses().subList(24, 27))
                .allSatisfy(p -> assertThat(p.residualRmsV()).isLessThan(0.005));
        assertThat(result.record().files()).extracting(f -> f.test()).containsExactly("ocv", "pulses");
    }
}
