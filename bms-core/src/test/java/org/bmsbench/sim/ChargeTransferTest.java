package org.bmsbench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bmsbench.config.CellFileWriter;
import org.bmsbench.config.CellFiles;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table2D;
import org.bmsbench.model.TestCells;
import org.junit.jupiter.api.Test;

/**
 * The fast pair's Butler-Volmer charge transfer against its closed forms: the overpotential
 * {@code (R_gas T / alpha F) asinh(i / 2 i0)}, a pair driven by a constant current settling at
 * {@code R_1 i + eta(i)} as {@code 1 - exp(-t / tau)}, cells in parallel sharing the current.
 */
class ChargeTransferTest {
    private static final double I0_A = 0.25;
    private static final double TAFEL_25C_V = 8.314462618 * 298.15 / (0.5 * 96485.33212); // 51.39 mV

    /** The linear test cell (3 Ah, 20 mOhm, 15 mOhm / 30 s) whose pair also carries a charge transfer. */
    private static CellParameters cell(double exchangeCurrentA) {
        RcPair pair = RcPair.constant(0.015, 30.0).withChargeTransfer(Table2D.constant(exchangeCurrentA), 0.5);
        return TestCells.withRcPairs(TestCells.linear(), List.of(pair));
    }

    private static double eta(double currentA) {
        double x = currentA / (2 * I0_A);
        return TAFEL_25C_V * Math.log(x + Math.sqrt(x * x + 1)); // asinh
    }

    @Test
    void shouldGiveTheButlerVolmerOverpotential() {
        assertThat(CellModel.tafelSlopeV(0.5, 25.0)).isCloseTo(TAFEL_25C_V, within(1e-15));
        assertThat(TAFEL_25C_V).isCloseTo(0.05139, within(1e-5));
        for (double i : new double[] {1e-9, 1e-3, 0.1, 1.0, 3.0, 30.0}) {
            double gain = 0.5 / I0_A;
            assertThat(CellModel.chargeTransferV(TAFEL_25C_V, gain, i)).as("%g A", i)
                    .isCloseTo(eta(i), within(1e-12 * Math.max(1, eta(i))));
            assertThat(CellModel.chargeTransferV(TAFEL_25C_V, gain, -i)).isEqualTo(-CellModel.chargeTransferV(
                    TAFEL_25C_V, gain, i));
            double h = 1e-6 * Math.max(i, 1e-3);
            double numeric = (eta(i + h) - eta(i - h)) / (2 * h);
            assertThat(CellModel.chargeTransferSlopeOhm(TAFEL_25C_V, gain, i)).as("slope at %g A", i)
                    .isCloseTo(numeric, within(1e-6 * numeric));
        }
        // small currents: linear with the charge-transfer resistance b / (2 i0); large: Tafel, b ln(i / i0)
        assertThat(eta(1e-6) / 1e-6).isCloseTo(TAFEL_25C_V / (2 * I0_A), within(1e-9));
        assertThat(eta(30.0)).isCloseTo(TAFEL_25C_V * Math.log(30.0 / I0_A), within(1e-5));
    }

    @Test
    void shouldSettleTheFastPairAtItsResistancePlusTheOverpotential() {
        Pack pack = new Pack(PackConfig.of(cell(I0_A), 1, 1, 0.5), 25.0, 1);
        double[] temperature = {25.0};
        double currentA = 3.0;
        double soc = 0.5; // the OCV of a step is the one at its start
        for (int step = 1; step <= 120; step++) { // 1 s steps of 3 A for two minutes
            pack.prepare(1.0, temperature);
            pack.apply(currentA);
            double settled = 0.015 * currentA + eta(currentA);
            double v1 = settled * (1 - Math.exp(-step / 30.0));
            double expected = 3.0 + 1.2 * soc - 0.020 * currentA - v1;
            assertThat(pack.groupVoltageV(0)).as("step %d", step).isCloseTo(expected, within(1e-9));
            soc -= currentA / (3.0 * 3600);
        }
        // at rest the pair relaxes as a linear one
        pack.prepare(30.0, temperature);
        pack.apply(0.0);
        double v1 = (0.015 * currentA + eta(currentA)) * (1 - Math.exp(-4.0)) * Math.exp(-1.0);
        assertThat(pack.groupVoltageV(0)).isCloseTo(3.0 + 1.2 * soc - v1, within(1e-9));
    }

    @Test
    void shouldShareTheCurrentOfAParallelGroupAndKeepItsSum() {
        // two like cells in parallel, each linearised at its last current: each carries half, at the voltage of
        // one cell carrying half on its own
        Pack pack = new Pack(PackConfig.of(cell(I0_A), 1, 2, 0.5), 25.0, 1);
        Pack single = new Pack(PackConfig.of(cell(I0_A), 1, 1, 0.5), 25.0, 1);
        double[] temperature = {25.0};
        double[] temperatures = {25.0, 25.0};
        for (int step = 0; step < 60; step++) {
            pack.prepare(1.0, temperatures);
            pack.apply(6.0);
            single.prepare(1.0, temperature);
            single.apply(3.0);
        }
        assertThat(pack.cellCurrentA(0) + pack.cellCurrentA(1)).isCloseTo(6.0, within(1e-9));
        assertThat(pack.cellCurrentA(0)).isCloseTo(3.0, within(1e-9));
        assertThat(pack.groupVoltageV(0)).isCloseTo(single.groupVoltageV(0), within(1e-9));
    }

    @Test
    void shouldWriteAndReadTheExchangeCurrentAndKeepReadingFilesWithout() {
        CellParameters cell = cell(I0_A);
        String text = CellFileWriter.write(cell, null, List.of());
        assertThat(text).contains("exchange_current_a:").contains("transfer_coefficient: 0.5");
        CellParameters back = CellFiles.parse(ConfigNode.parse("ct.yaml", text));
        RcPair pair = back.rcPairs().get(0);
        assertThat(pair.hasChargeTransfer()).isTrue();
        assertThat(pair.exchangeCurrentA().valueAt(0.5, 25.0)).isEqualTo(I0_A);
        assertThat(pair.transferCoefficient()).isEqualTo(0.5);
        CellParameters linear = CellFiles.parse(ConfigNode.parse("linear.yaml", CellFileWriter.write(TestCells.linear(),
                null, List.of())));
        assertThat(linear.rcPairs().get(0).hasChargeTransfer()).isFalse();
        assertThat(new CellModel(linear).hasChargeTransfer()).isFalse();
    }

    @Test
    void shouldRefuseAChargeTransferOnTheSlowPair() {
        RcPair slow = RcPair.constant(0.02, 300.0).withChargeTransfer(Table2D.constant(1.0), 0.5);
        assertThatThrownBy(() -> TestCells.withRcPairs(TestCells.linear(), List.of(RcPair.constant(0.01, 2.0), slow)))
                .hasMessageContaining("only the fastest RC pair");
        assertThatThrownBy(() -> RcPair.constant(0.01, 2.0).withChargeTransfer(Table2D.constant(1.0), 1.5))
                .hasMessageContaining("transfer_coefficient must be in (0, 1]");
    }
}
