package org.bmsbench.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bmsbench.config.CellFiles;
import org.bmsbench.config.CellFitRecord;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Hysteresis;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table1D;
import org.bmsbench.model.Table2D;
import org.bmsbench.model.TestCells;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Butler-Volmer cell recovered by the fit: a model cell whose fast pair is almost all charge transfer
 * (i0 = 0.3 A, 1 mOhm linear, 1.5 s) logs an OCV test and five pulse amplitudes (0.5C to 6C) at seven soc points.
 * Fitted with the charge transfer, the exchange current comes back and the pulses are followed within 5 mV;
 * fitted with a linear fast pair, no setting follows the small and the large pulses at once.
 */
class ChargeTransferFitTest {
    private static final double CAPACITY_AH = 2.8;
    private static final double I0_A = 0.3;
    private static CellParameters known;
    private static CellFit.Result withChargeTransfer;
    private static CellFit.Result linear;

    @BeforeAll
    static void fitBothWays() {
        CellParameters preset = CellFiles.preset("panasonic-18650pf");
        double[] ocvRow = preset.ocvV().values()[preset.ocvV().values().length - 1];
        known = new CellParameters("known", "", "made for the test", 2.5, 4.2, Table1D.constant(CAPACITY_AH),
                Table2D.ofSoc(preset.ocvV().soc(), ocvRow), Table2D.constant(0.030),
                List.of(RcPair.constant(0.001, 1.5).withChargeTransfer(Table2D.constant(I0_A), 0.5),
                        RcPair.constant(0.020, 40.0)),
                new Hysteresis(100, Table2D.constant(0.010)), 1.0, Double.POSITIVE_INFINITY, TestCells.THERMAL);
        Recording ocvTest = new SyntheticTest(known, 1.0, 1.0, 25.0).rest(3600, 60).until(0.14, 2.5, 60)
                .rest(3600, 60).until(-0.14, 4.2, 60).rest(3600, 60).recording("ocv.csv");
        SyntheticTest pulses = new SyntheticTest(known, 1.0, 1.0, 25.0).rest(600, 1);
        for (int point = 0; point < 7; point++) {
            for (double c : new double[] {0.5, 1, 2, 4, 6}) {
                pulses.rest(10, 0.1).current(c * CAPACITY_AH, 10, 0.1).rest(2, 0.1).rest(298, 1);
            }
            double pulsesAh = (0.5 + 1 + 2 + 4 + 6) * CAPACITY_AH * 10 / 3600.0;
            // on to the next soc point, 10 % lower: the rest of the 10 % at C/3, unlogged, then half an hour's rest
            pulses.unlogged(CAPACITY_AH / 3, (0.1 * CAPACITY_AH - pulsesAh) * 3 * 3600 / CAPACITY_AH)
                    .unlogged(0, 1800);
        }
        Recording hppc = pulses.recording("hppc.csv");
        withChargeTransfer = CellFit.fit(ocvTest, List.of(hppc), new CellFit.Options(2, "fitted", "", "", preset,
                "panasonic-18650pf", true));
        linear = CellFit.fit(ocvTest, List.of(hppc), new CellFit.Options(2, "fitted", "", "", preset,
                "panasonic-18650pf", false));
    }

    @Test
    void shouldRecoverTheExchangeCurrent() {
        RcPair fast = withChargeTransfer.cell().rcPairs().get(0);
        assertThat(fast.hasChargeTransfer()).isTrue();
        for (double soc = 0.3; soc <= 0.81; soc += 0.1) {
            assertThat(fast.exchangeCurrentA().valueAt(soc, 25.0)).as("i0 at %.1f", soc).isCloseTo(I0_A,
                    within(0.15 * I0_A));
            assertThat(withChargeTransfer.cell().r0Ohm().valueAt(soc, 25.0)).isCloseTo(0.030, within(0.003));
        }
    }

    @Test
    void shouldFollowEveryPulseOnlyWithTheChargeTransfer() {
        assertThat(linear.cell().rcPairs().get(0).hasChargeTransfer()).isFalse();
        double ct = worstPulseResidualV(withChargeTransfer.record());
        double lin = worstPulseResidualV(linear.record());
        assertThat(ct).isLessThan(0.0065); // 5.0 mV when written (R0 is read off the edges, not fitted)
        assertThat(lin).isGreaterThan(4 * ct); // 27.3 mV
    }

    private static double worstPulseResidualV(CellFitRecord record) {
        return record.pulses().stream().filter(p -> p.soc() > 0.25 && p.soc() < 0.85)
                .mapToDouble(CellFitRecord.PulseEntry::residualRmsV).max().orElseThrow();
    }
}
