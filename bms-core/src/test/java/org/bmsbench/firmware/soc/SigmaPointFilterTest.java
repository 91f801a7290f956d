package org.bmsbench.firmware.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Hysteresis;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table2D;
import org.bmsbench.model.TestCells;
import org.bmsbench.sim.Pack;
import org.bmsbench.sim.PackConfig;
import org.junit.jupiter.api.Test;

/**
 * The sigma-point filter against the extended one. Where the measurement is linear in the state (a straight OCV,
 * no resistance scale) the central-difference sigma points give the linearisation's mean and covariance exactly,
 * so the two filters are one; where it is not, the sigma points see the OCV's curvature.
 */
class SigmaPointFilterTest {
    private static final double DT_S = 1.0;
    private final SocConfig defaults = BmsConfigFiles.defaults().soc();

    @Test
    void shouldAgreeWithTheEkfOnALinearCell() {
        // a straight OCV, two RC pairs and hysteresis: every state active, the measurement linear in all of them
        CellParameters cell = TestCells.withHysteresis(
                TestCells.withRcPairs(TestCells.linear(), List.of(RcPair.constant(0.01, 5.0), RcPair.constant(0.02, 200.0))),
                new Hysteresis(50, Table2D.constant(0.01)));
        KalmanSocFilter ekf = new KalmanSocFilter(new CellModel(cell), 1, defaults.with(SocConfig.Estimator.EKF));
        KalmanSocFilter spkf = new KalmanSocFilter(new CellModel(cell), 1, defaults.with(SocConfig.Estimator.SPKF));
        Pack truth = new Pack(PackConfig.of(cell, 1, 1, 0.6), 25.0, 1);
        ekf.reset(0, 0.8, 0.2);
        spkf.reset(0, 0.8, 0.2);
        double[] current = new double[1];
        double[] temperature = {25.0};
        double[] reading = new double[1];
        boolean[] valid = {true};
        SplittableRandom random = new SplittableRandom(11);
        for (int step = 0; step < 3600; step++) {
            current[0] = (step / 60) % 3 == 2 ? 0.0 : random.nextDouble(-3.0, 6.0);
            truth.prepare(DT_S, temperature);
            truth.apply(current[0]);
            reading[0] = truth.groupVoltageV(0) + random.nextGaussian() * 0.002;
            for (KalmanSocFilter filter : List.of(ekf, spkf)) {
                filter.predict(current, temperature, DT_S);
                filter.correct(reading, valid, current, temperature);
            }
            assertThat(spkf.soc(0)).as("soc at %d s", step).isCloseTo(ekf.soc(0), within(1e-9));
            assertThat(spkf.variance(0)).as("soc variance at %d s", step)
                    .isCloseTo(ekf.variance(0), within(1e-9 * ekf.variance(0)));
        }
        assertThat(Math.abs(ekf.soc(0) - truth.soc(0))).as("and both follow the cell").isLessThan(0.02);
    }

    @Test
    void shouldSeeTheOcvsCurvatureThatTheEkfLinearisesAway() {
        // the bundled cell at 6 % soc, where its OCV bends from its steep end into its flat low plateau: a reading
        // 10 mV above the OCV there belongs near 10 % soc. With the soc known to 5 points, the EKF's tangent (steep,
        // from the segment below) moves it by 1.1 points; the sigma points, spread over the plateau, by 1.8
        CellModel model = new CellModel(TestCells.withModelError(CellFiles.preset("panasonic-18650pf"), Double.NaN));
        KalmanSocFilter ekf = new KalmanSocFilter(model, 1, defaults.with(SocConfig.Estimator.EKF));
        KalmanSocFilter spkf = new KalmanSocFilter(model, 1, defaults.with(SocConfig.Estimator.SPKF));
        double[] current = {0.0};
        double[] temperature = {25.0};
        boolean[] valid = {true};
        for (KalmanSocFilter filter : List.of(ekf, spkf)) {
            filter.reset(0, 0.06, 0.05);
            filter.predict(current, temperature, DT_S);
        }
        double[] reading = {ocv(model, 0.06) + 0.01};
        ekf.correct(reading, valid, current, temperature);
        spkf.correct(reading, valid, current, temperature);
        assertThat(ekf.soc(0)).isCloseTo(0.0714, within(0.002));
        assertThat(spkf.soc(0)).isCloseTo(0.0776, within(0.002));
    }

    private static double ocv(CellModel model, double soc) {
        org.bmsbench.model.GridPoint point = new org.bmsbench.model.GridPoint();
        model.locate(soc, 25.0, point);
        return model.ocvV(point);
    }
}
