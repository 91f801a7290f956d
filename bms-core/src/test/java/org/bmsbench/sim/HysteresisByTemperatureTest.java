package org.bmsbench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFileWriter;
import org.bmsbench.config.CellFiles;
import org.bmsbench.config.ConfigException;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.firmware.soc.CoulombCounter;
import org.bmsbench.firmware.soc.KalmanSocFilter;
import org.bmsbench.firmware.soc.SocConfig;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Hysteresis;
import org.bmsbench.model.Table1D;
import org.bmsbench.model.Table2D;
import org.bmsbench.model.TestCells;
import org.junit.jupiter.api.Test;

/**
 * The cell file's instantaneous hysteresis M0, its hysteresis rate and coulombic efficiency by temperature, in the
 * plant and the estimators, against hand calculations on the linear test cell (OCV 3.0 V + 1.2 V x soc, 20 mOhm,
 * 15 mOhm / 30 s, 3 Ah).
 */
class HysteresisByTemperatureTest {
    private static final double M0_V = 0.012; // a point of soc on the linear cell

    private static CellParameters cell(Hysteresis hysteresis, Table1D efficiency) {
        CellParameters linear = TestCells.linear();
        return new CellParameters(linear.name(), "", linear.source(), 2.5, 4.2, linear.capacityAh(), linear.ocvV(),
                linear.r0Ohm(), linear.rcPairs(), hysteresis, efficiency, Double.POSITIVE_INFINITY, TestCells.THERMAL);
    }

    private static Hysteresis instantaneousOnly() {
        return new Hysteresis(Table1D.constant(0.0), Table2D.constant(0.0), Table2D.constant(M0_V));
    }

    @Test
    void shouldJumpByTwiceM0WhenTheCurrentTurnsRoundAndKeepItsSignAtRest() {
        Pack pack = new Pack(PackConfig.of(cell(instantaneousOnly(), Table1D.constant(1.0)), 1, 1, 0.5), 25.0, 1);
        double[] temperature = {25.0};
        pack.prepare(1.0, temperature);
        pack.apply(3.0); // discharging: -M0 at once, in the same step
        double soc = 0.5;
        double v1 = 0.015 * 3.0 * (1 - Math.exp(-1 / 30.0));
        assertThat(pack.groupVoltageV(0)).isCloseTo(3.0 + 1.2 * soc - 0.020 * 3.0 - v1 - M0_V, within(1e-12));
        soc -= 3.0 / (3.0 * 3600);
        pack.prepare(1.0, temperature);
        pack.apply(-3.0); // charging: +M0
        v1 = v1 * Math.exp(-1 / 30.0) - 0.015 * 3.0 * (1 - Math.exp(-1 / 30.0));
        assertThat(pack.groupVoltageV(0)).isCloseTo(3.0 + 1.2 * soc + 0.020 * 3.0 - v1 + M0_V, within(1e-12));
        soc += 3.0 / (3.0 * 3600);
        pack.prepare(3600.0, temperature); // an hour's rest: the RC pair is gone, the sign stays
        pack.apply(0.0);
        assertThat(pack.groupVoltageV(0)).isCloseTo(3.0 + 1.2 * soc + M0_V, within(1e-9));
    }

    @Test
    void shouldStoreChargeAndTurnTheHysteresisAtTheRatesOfTheCellsTemperature() {
        Table1D efficiency = new Table1D(new double[] {0.0, 25.0}, new double[] {0.95, 0.999});
        Hysteresis slow = new Hysteresis(new Table1D(new double[] {0.0, 25.0}, new double[] {10.0, 100.0}),
                Table2D.constant(0.01), Table2D.constant(0.0));
        for (double t : new double[] {0.0, 25.0}) {
            Pack pack = new Pack(PackConfig.of(cell(slow, efficiency), 1, 1, 0.2), t, 1);
            pack.setHysteresisState(0, -1.0);
            double[] temperature = {t};
            for (int step = 0; step < 3600; step++) { // 1 A of charge for an hour
                pack.prepare(1.0, temperature);
                pack.apply(-1.0);
            }
            double eta = t == 0.0 ? 0.95 : 0.999;
            double gamma = t == 0.0 ? 10.0 : 100.0;
            assertThat(pack.soc(0)).as("%.0f degC", t).isCloseTo(0.2 + eta * 1.0 / 3.0, within(1e-9));
            // h' = A h + (1 - A) per step with A = exp(-gamma eta dt / (3600 Q)): h = 1 - 2 exp(-gamma eta 1 Ah / Q)
            assertThat(pack.hysteresisState(0)).isCloseTo(1 - 2 * Math.exp(-gamma * eta / 3.0), within(1e-9));
        }
    }

    @Test
    void shouldTakeM0OffTheRestVoltageInBothEstimators() {
        CellParameters withM0 = cell(instantaneousOnly(), Table1D.constant(1.0));
        Pack truth = new Pack(PackConfig.of(withM0, 1, 1, 0.6), 25.0, 1);
        SocConfig defaults = BmsConfigFiles.defaults().soc();
        KalmanSocFilter ekf = new KalmanSocFilter(new CellModel(withM0), 1, defaults);
        CoulombCounter counter = new CoulombCounter(new CellModel(withM0), 1,
                defaults.with(SocConfig.Estimator.COULOMB));
        ekf.reset(0, 0.6, 0.05);
        counter.reset(0, 0.55); // 5 points off: the rest will re-anchor it
        double[] current = new double[1];
        double[] temperature = {25.0};
        double[] reading = new double[1];
        boolean[] valid = {true};
        for (int step = 0; step < 3 * 3600; step++) { // 20 minutes of 2 A charge, then rest
            current[0] = step < 1200 ? -2.0 : 0.0;
            truth.prepare(1.0, temperature);
            truth.apply(current[0]);
            reading[0] = truth.groupVoltageV(0);
            ekf.predict(current, temperature, 1.0);
            ekf.correct(reading, valid, current, temperature);
            counter.predict(current, temperature, 1.0);
            counter.correct(reading, valid, current, temperature);
        }
        // the rest voltage reads a point high; both know it is M0 after a charge, not charge
        assertThat(reading[0]).isCloseTo(3.0 + 1.2 * truth.soc(0) + M0_V, within(1e-6));
        assertThat(ekf.soc(0)).isCloseTo(truth.soc(0), within(0.002));
        assertThat(counter.soc(0)).isCloseTo(truth.soc(0), within(0.001));
    }

    @Test
    void shouldWriteAndReadThemAndRefuseADecayRateForTheWrongRows() {
        Hysteresis byTemperature = new Hysteresis(new Table1D(new double[] {0.0, 25.0}, new double[] {40.0, 120.0}),
                new Table2D(new double[] {0.0, 1.0}, new double[] {0.0, 25.0}, new double[][] {{0.02, 0.01}, {0.015, 0.008}}),
                new Table2D(new double[] {0.0, 1.0}, new double[] {0.0, 25.0}, new double[][] {{0.004, 0.003}, {0.002, 0.001}}));
        Table1D efficiency = new Table1D(new double[] {0.0, 25.0}, new double[] {0.98, 0.999});
        CellParameters written = cell(byTemperature, efficiency);
        String text = CellFileWriter.write(written, null, List.of());
        assertThat(text).contains("decay_rate: [40.0, 120.0]").contains("instantaneous_v:")
                .contains("coulombic_efficiency:\n  temperature_c: [0.0, 25.0]\n  efficiency: [0.9800, 0.9990]");
        CellParameters read = CellFiles.parse(ConfigNode.parse("cell.yaml", text));
        assertThat(read.hysteresis()).isEqualTo(byTemperature);
        assertThat(read.coulombicEfficiency()).isEqualTo(efficiency);
        String wrongRows = text.replace("decay_rate: [40.0, 120.0]", "decay_rate: [40.0, 80.0, 120.0]");
        assertThatThrownBy(() -> CellFiles.parse(ConfigNode.parse("cell.yaml", wrongRows)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell.yaml:").hasMessageContaining("hysteresis.decay_rate")
                .hasMessageContaining("expected 2 values, one per temperature of the hysteresis table's temperature_c");
        String badEfficiency = text.replace("efficiency: [0.9800, 0.9990]", "efficiency: [0.9800, 1.5]");
        assertThatThrownBy(() -> CellFiles.parse(ConfigNode.parse("cell.yaml", badEfficiency)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("coulombic_efficiency must be in (0, 1]");
    }
}
