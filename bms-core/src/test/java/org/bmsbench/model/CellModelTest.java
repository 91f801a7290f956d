package org.bmsbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CellModelTest {
    /** Tables on different grids, so the model must resample them onto the union grid. */
    static CellParameters mixedGrids() {
        Table2D ocv = new Table2D(new double[] {0.0, 0.1, 0.35, 0.6, 1.0}, new double[] {0.0, 25.0},
                new double[][] {{3.0, 3.45, 3.62, 3.81, 4.15}, {3.02, 3.5, 3.65, 3.83, 4.18}});
        Table2D r0 = new Table2D(new double[] {0.2, 0.5, 0.9}, new double[] {-10.0, 10.0, 40.0},
                new double[][] {{0.09, 0.07, 0.08}, {0.04, 0.03, 0.035}, {0.02, 0.015, 0.018}});
        RcPair fast = new RcPair(Table2D.ofSoc(new double[] {0.3, 0.8}, new double[] {0.01, 0.02}),
                new Table2D(new double[] {0.5}, new double[] {0.0, 30.0}, new double[][] {{8.0}, {5.0}}));
        RcPair slow = RcPair.constant(0.012, 400.0);
        Hysteresis hysteresis = new Hysteresis(60.0,
                Table2D.ofSoc(new double[] {0.0, 0.5, 1.0}, new double[] {0.03, 0.01, 0.02}));
        return new CellParameters("mixed", "", "tests", 2.5, 4.2,
                new Table1D(new double[] {-10.0, 25.0}, new double[] {2.4, 3.0}), ocv, r0, List.of(fast, slow),
                hysteresis, 0.999, 5e4, TestCells.THERMAL);
    }

    @Test
    void shouldEvaluateEveryTableExactlyAsItsOwnInterpolation() {
        CellParameters cell = mixedGrids();
        CellModel model = new CellModel(cell);
        GridPoint point = new GridPoint();
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 2000; n++) {
            double soc = random.nextDouble(-0.2, 1.2);
            double temp = random.nextDouble(-25.0, 55.0);
            model.locate(soc, temp, point);
            assertThat(model.ocvV(point)).isCloseTo(cell.ocvV().valueExtrapolatingSoc(soc, temp), within(1e-12));
            // the kinetic parameters: exact on their own rows, within 0.01 % between rows that other tables add
            double r0 = CellModel.kineticValue(cell.r0Ohm(), soc, temp);
            assertThat(model.r0Ohm(point)).isCloseTo(r0, within(1e-4 * r0));
            for (int k = 0; k < 2; k++) {
                RcPair pair = cell.rcPairs().get(k);
                double r = CellModel.kineticValue(pair.resistanceOhm(), soc, temp);
                double tau = CellModel.kineticValue(pair.tauS(), soc, temp);
                assertThat(model.rcResistanceOhm(k, point)).isCloseTo(r, within(1e-4 * r));
                assertThat(model.rcTauS(k, point)).isCloseTo(tau, within(1e-4 * tau));
            }
            assertThat(model.hysteresisMaxV(point)).isCloseTo(cell.hysteresis().maxV().valueAt(soc, temp), within(1e-12));
            assertThat(model.capacityAh(temp)).isCloseTo(cell.capacityAh().valueAt(temp), within(1e-12));
        }
    }

    @Test
    void shouldInterpolateResistancesAsArrheniusTermsAndClampThemBeyondTheTable() {
        // R = A exp(Ea / (R_gas T)) through 0.2 Ohm at -10 degC and 0.05 Ohm at 25 degC
        Table2D r0 = new Table2D(new double[] {0.0, 1.0}, new double[] {-10.0, 25.0},
                new double[][] {{0.2, 0.2}, {0.05, 0.05}});
        double activationOverGas = Math.log(0.2 / 0.05) / (1 / 263.15 - 1 / 298.15); // Ea / R_gas, K
        CellParameters cell = new CellParameters("arrhenius", "", "tests", 2.5, 4.2, Table1D.constant(3.0),
                TestCells.linear().ocvV(), r0, List.of(RcPair.constant(0.01, 10.0)), Hysteresis.NONE, 1.0,
                Double.POSITIVE_INFINITY, TestCells.THERMAL);
        CellModel model = new CellModel(cell);
        GridPoint point = new GridPoint();
        for (double t : new double[] {-5.0, 5.0, 15.0, 24.0}) {
            model.locate(0.5, t, point);
            double expected = 0.05 * Math.exp(activationOverGas * (1 / (t + 273.15) - 1 / 298.15));
            assertThat(model.r0Ohm(point)).as("%.0f degC", t).isCloseTo(expected, within(1e-12));
        }
        model.locate(0.5, 5.0, point); // below the straight line between the rows: 0.1058 where linear gives 0.1357
        assertThat(model.r0Ohm(point)).isCloseTo(0.1058, within(1e-4));
        model.locate(0.5, 40.0, point);
        assertThat(model.r0Ohm(point)).isEqualTo(0.05);
        model.locate(0.5, -30.0, point);
        assertThat(model.r0Ohm(point)).isEqualTo(0.2);
    }

    @Test
    void shouldGiveTheSlopeOfTheOcvSegmentItIsOn() {
        CellModel model = new CellModel(mixedGrids());
        GridPoint point = new GridPoint();
        model.locate(0.05, 25.0, point);
        assertThat(model.ocvSlopeVPerSoc(point)).isCloseTo((3.5 - 3.02) / 0.1, within(1e-9));
        model.locate(0.05, 12.5, point);
        assertThat(model.ocvSlopeVPerSoc(point)).isCloseTo(0.5 * (3.45 - 3.0) / 0.1 + 0.5 * (3.5 - 3.02) / 0.1, within(1e-9));
        model.locate(1.1, 25.0, point); // beyond full: the last segment's slope continues
        assertThat(model.ocvSlopeVPerSoc(point)).isCloseTo((4.18 - 3.83) / 0.4, within(1e-9));
        model.locate(1.0, 25.0, point); // exactly full, and exactly empty: the end segments
        assertThat(model.ocvSlopeVPerSoc(point)).isCloseTo((4.18 - 3.83) / 0.4, within(1e-9));
        model.locate(0.0, 25.0, point);
        assertThat(model.ocvSlopeVPerSoc(point)).isCloseTo((3.5 - 3.02) / 0.1, within(1e-9));
    }

    @Test
    void shouldKeepRaisingTheOcvPastFullAndLoweringItPastEmpty() {
        CellModel model = new CellModel(mixedGrids());
        GridPoint point = new GridPoint();
        model.locate(1.04, 25.0, point);
        assertThat(model.ocvV(point)).isCloseTo(4.18 + 0.04 * (4.18 - 3.83) / 0.4, within(1e-12));
        double[] all = new double[CellModel.SLOTS];
        model.interpolate(point, all);
        assertThat(all[CellModel.OCV_V]).isEqualTo(model.ocvV(point));
        model.locate(-0.02, 0.0, point);
        assertThat(model.ocvV(point)).isCloseTo(3.0 - 0.02 * (3.45 - 3.0) / 0.1, within(1e-12));
        model.locate(-5.0, 0.0, point); // never below 0 V
        assertThat(model.ocvV(point)).isZero();
        // every other parameter stays at its edge
        model.locate(1.5, 25.0, point);
        assertThat(model.r0Ohm(point)).isCloseTo(CellModel.kineticValue(model.parameters().r0Ohm(), 1.0, 25.0),
                within(1e-15));
    }

    @Test
    void shouldInvertTheOcvCurve() {
        CellModel model = new CellModel(mixedGrids());
        GridPoint point = new GridPoint();
        for (double soc : new double[] {0.03, 0.2, 0.5, 0.77, 0.99}) {
            model.locate(soc, 10.0, point);
            assertThat(model.socAtOcv(model.ocvV(point), 10.0)).isCloseTo(soc, within(1e-12));
        }
        assertThat(model.socAtOcv(2.0, 25.0)).isZero();
        assertThat(model.socAtOcv(4.5, 25.0)).isEqualTo(1.0);
    }

    @Test
    void shouldDecayAnRcPairExactly() {
        // After one 10 s step on a 30 s time constant, a relaxing RC voltage keeps exp(-1/3) of itself.
        assertThat(CellModel.rcDecay(10.0, 30.0)).isCloseTo(0.716531311, within(1e-9));
    }
}
