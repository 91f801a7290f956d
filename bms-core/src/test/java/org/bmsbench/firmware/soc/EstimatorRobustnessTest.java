package org.bmsbench.firmware.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.GridPoint;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table2D;
import org.bmsbench.model.TestCells;
import org.bmsbench.sim.Pack;
import org.bmsbench.sim.PackConfig;
import org.junit.jupiter.api.Test;

/** The estimators' defences against what real cells do to them, each on a truth worked out by the plant. */
class EstimatorRobustnessTest {
    private static final double DT_S = 0.1;
    private final SocConfig defaults = BmsConfigFiles.defaults().soc();

    /** A drive that separates a resistance error from a soc error: discharge pulses, charge pulses and rests. */
    private static double driveCurrentA(int step) {
        int phase = (step / 150) % 4; // 15 s each
        return phase == 0 ? 3.0 : phase == 1 ? 0.0 : phase == 2 ? -1.5 : 1.0;
    }

    @Test
    void shouldIgnoreA200MillivoltSpikeBeyondTheGate() {
        double gated = socJumpAtSpike(settings(0.01, 0, 5, 0));
        double ungated = socJumpAtSpike(settings(0.01, 0, 0, 0));
        assertThat(gated).as("soc moved by the gated spike").isEqualTo(0.0);
        // the test has teeth: the same spike moves an ungated filter's soc
        assertThat(ungated).as("soc moved by the spike without a gate").isGreaterThan(1e-4);
    }

    /** How far one reading 200 mV high moves the soc of a filter that has followed a drive for ten minutes. */
    private double socJumpAtSpike(SocConfig config) {
        CellParameters cell = TestCells.linear();
        Pack truth = new Pack(PackConfig.of(cell, 1, 1, 0.7), 25.0, 1);
        KalmanSocFilter ekf = new KalmanSocFilter(new CellModel(cell), 1, config);
        ekf.reset(0, 0.7);
        double[] current = new double[1];
        double[] temperature = {25.0};
        double[] reading = new double[1];
        boolean[] valid = {true};
        double[] truthTemperature = {25.0};
        double before = 0;
        for (int step = 0; step <= 6000; step++) {
            current[0] = driveCurrentA(step);
            truth.prepare(DT_S, truthTemperature);
            truth.apply(current[0]);
            ekf.predict(current, temperature, DT_S);
            before = ekf.soc(0);
            reading[0] = truth.groupVoltageV(0) + (step == 6000 ? 0.2 : 0.0);
            ekf.correct(reading, valid, current, temperature);
        }
        return Math.abs(ekf.soc(0) - before);
    }

    @Test
    void shouldTakeItsMeasurementNoiseFromTheCellsModelError() {
        // the linear cell (1.2 V per unit soc) from a soc known to 5 points, one reading 10 mV high at rest: the soc
        // moves by P h e / S, S = h^2 P + P_v1 + R, with R the configured (10 mV)^2 or the cell's (50 mV)^2
        double[] moved = new double[2];
        double[] modelErrors = {Double.NaN, 0.05};
        for (int k = 0; k < 2; k++) {
            CellParameters cell = TestCells.withModelError(TestCells.linear(), modelErrors[k]);
            KalmanSocFilter ekf = new KalmanSocFilter(new CellModel(cell), 1, defaults);
            ekf.reset(0, 0.5, 0.05);
            double[] current = {0.0};
            double[] temperature = {25.0};
            ekf.predict(current, temperature, DT_S);
            ekf.correct(new double[] {3.6 + 0.01}, new boolean[] {true}, current, temperature);
            moved[k] = ekf.soc(0) - 0.5;
        }
        double rested = 1.44 * 0.0025 + 1e-4; // h^2 P + P_v1 (a rested RC pair's (10 mV)^2)
        assertThat(moved[0]).isCloseTo(1.2 * 0.0025 * 0.01 / (rested + 1e-4), within(1e-6));
        assertThat(moved[1]).isCloseTo(1.2 * 0.0025 * 0.01 / (rested + 0.0025), within(1e-6));
    }

    @Test
    void shouldNotLockItselfOutWhenConfidentlyWrong() {
        // started 15 points off with a sigma of 1 point: every reading is far beyond a 5-sigma gate, and after the
        // gate's patience the filter uses them all the same and finds the cell
        CellParameters cell = TestCells.linear();
        Pack truth = new Pack(PackConfig.of(cell, 1, 1, 0.7), 25.0, 1);
        KalmanSocFilter ekf = new KalmanSocFilter(new CellModel(cell), 1, settings(0.01, 0, 5, 0));
        ekf.reset(0, 0.55, 0.01);
        double[] socAt = new double[2];
        drive(truth, ekf, 3000, step -> 0.0, step -> {
            if (step == (int) (KalmanSocFilter.GATE_PATIENCE_S / DT_S) - 10) {
                socAt[0] = ekf.soc(0); // still gated
                socAt[1] = truth.soc(0);
            }
        });
        // within the patience the gate holds: the filter has only counted the charge
        assertThat(socAt[0] - 0.55).as("within the patience").isCloseTo(socAt[1] - 0.7, within(1e-4));
        assertThat(ekf.soc(0)).as("after 5 minutes").isCloseTo(truth.soc(0), within(0.01));
    }

    @Test
    void shouldFindTheResistanceOfACellWithOneAndAHalfTimesItsFilesResistance() {
        CellParameters file = TestCells.linear();
        CellParameters higher = scaledResistance(file, 1.5);
        Pack truth = new Pack(PackConfig.of(higher, 1, 1, 0.9), 25.0, 1);
        KalmanSocFilter ekf = new KalmanSocFilter(new CellModel(file), 1, settings(0.005, 0.005, 0, 0));
        ekf.reset(0, 0.8, 0.2);
        drive(truth, ekf, 36_000, step -> 0.0, step -> { }); // an hour
        assertThat(ekf.resistanceScale(0)).isCloseTo(1.5, within(0.03));
        assertThat(ekf.soc(0)).isCloseTo(truth.soc(0), within(0.005));
    }

    @Test
    void shouldReadAHigherResistanceAsALowerSocWithoutTheScale() {
        // the same cell and drive without the resistance scale: the filter's only way to explain the larger drop
        // is a lower soc, which is what the scale is there to prevent
        CellParameters file = TestCells.linear();
        Pack truth = new Pack(PackConfig.of(scaledResistance(file, 1.5), 1, 1, 0.9), 25.0, 1);
        KalmanSocFilter ekf = new KalmanSocFilter(new CellModel(file), 1, settings(0.005, 0, 0, 0));
        ekf.reset(0, 0.9);
        double[] worst = new double[1];
        drive(truth, ekf, 36_000, step -> 0.0,
                step -> worst[0] = Math.max(worst[0], Math.abs(ekf.soc(0) - truth.soc(0))));
        assertThat(worst[0]).isGreaterThan(0.01);
    }

    @Test
    void shouldLearnTheMeasurementNoiseFromTheInnovationsAndReturnToItsFloor() {
        // ten minutes of readings with 30 mV of noise the settings do not know of (10 mV configured): the adapted
        // noise finds it, then falls back to the configured floor when the readings are clean again
        CellParameters cell = TestCells.linear();
        Pack truth = new Pack(PackConfig.of(cell, 1, 1, 0.6), 25.0, 1);
        KalmanSocFilter ekf = new KalmanSocFilter(new CellModel(cell), 1, settings(0.01, 0, 0, 30));
        ekf.reset(0, 0.6);
        SplittableRandom random = new SplittableRandom(17);
        double[] noisy = new double[1];
        // 20 min: noisy for the first 10
        drive(truth, ekf, 12_000, step -> step < 6000 ? 0.03 * random.nextGaussian() : 0.0, step -> {
            if (step == 5999) {
                noisy[0] = ekf.voltageSigmaV(0);
            }
        });
        assertThat(noisy[0]).as("the noise learnt").isCloseTo(0.03, within(0.005));
        assertThat(ekf.voltageSigmaV(0)).as("the noise 10 min after").isCloseTo(0.01, within(0.001));
    }

    @Test
    void shouldNeverDoubtTheSocMoreThanAnUnknownSocInTheFlatOfTheCurve() {
        // a cell whose OCV is flat gives the voltage no say: hours of current noise would grow the variance
        // without end; it stops at a uniform soc's 1/12
        CellParameters flat = new CellParameters("flat", "", "test", 2.5, 4.2,
                org.bmsbench.model.Table1D.constant(3.0), Table2D.ofSoc(new double[] {0, 1}, new double[] {3.30, 3.3001}),
                Table2D.constant(0.02), List.of(RcPair.constant(0.01, 10)), org.bmsbench.model.Hysteresis.NONE, 1.0,
                Double.POSITIVE_INFINITY, TestCells.THERMAL);
        SocConfig noisy = new SocConfig(SocConfig.Estimator.EKF, 0.2, 600, 0.05, 5.0, 5.0, 0.01, 0.0005, 0.01, 0, 0, 0);
        KalmanSocFilter ekf = new KalmanSocFilter(new CellModel(flat), 1, noisy);
        ekf.reset(0, 0.5);
        double[] current = {0.0};
        double[] temperature = {25.0};
        double[] reading = {3.30005};
        boolean[] valid = {true};
        for (int step = 0; step < 100_000; step++) {
            ekf.predict(current, temperature, 1.0);
            ekf.correct(reading, valid, current, temperature);
        }
        assertThat(ekf.variance(0)).isCloseTo(SocEstimator.UNKNOWN_SOC_VARIANCE, within(1e-9));
    }

    @Test
    void shouldTakeTheHysteresisOffTheRestVoltageWhenItReAnchors() {
        // after a long discharge the rested cell sits M below its OCV; read as an OCV, that is points of soc
        CellParameters cell = CellFiles.preset("panasonic-18650pf");
        CellModel model = new CellModel(cell);
        Pack truth = new Pack(PackConfig.of(cell, 1, 1, 0.95), 25.0, 1);
        truth.setHysteresisState(0, 1.0);
        CoulombCounter counter = new CoulombCounter(model, 1, defaults.with(SocConfig.Estimator.COULOMB));
        counter.reset(0, 0.9); // a wrong start the rest will correct
        double[] current = new double[1];
        double[] temperature = {25.0};
        double[] reading = new double[1];
        boolean[] valid = {true};
        for (int step = 0; step < 54_000; step++) { // 30 min at 1 A, then 60 min of rest
            current[0] = step < 18_000 ? 1.0 : 0.0;
            truth.prepare(DT_S, temperature);
            truth.apply(current[0]);
            counter.predict(current, temperature, DT_S);
            reading[0] = truth.groupVoltageV(0);
            counter.correct(reading, valid, current, temperature);
        }
        assertThat(counter.anchorings(0)).isEqualTo(1);
        assertThat(counter.soc(0)).isCloseTo(truth.soc(0), within(0.001));
        // the test has teeth: the rest voltage read as a plain OCV is further off
        double naive = model.socAtOcv(reading[0], 25.0, new GridPoint());
        assertThat(Math.abs(naive - truth.soc(0))).isGreaterThan(0.005);
    }

    /**
     * {@code steps} of the drive on {@code truth} and {@code estimator}, each reading the truth's voltage plus
     * {@code readingErrorV(step)}; {@code afterStep} is told of every step once the estimator has corrected.
     */
    private static void drive(Pack truth, SocEstimator estimator, int steps, IntToDoubleFunction readingErrorV,
                              IntConsumer afterStep) {
        double[] current = new double[1];
        double[] temperature = {25.0};
        double[] reading = new double[1];
        boolean[] valid = {true};
        for (int step = 0; step < steps; step++) {
            current[0] = driveCurrentA(step);
            truth.prepare(DT_S, temperature);
            truth.apply(current[0]);
            estimator.predict(current, temperature, DT_S);
            reading[0] = truth.groupVoltageV(0) + readingErrorV.applyAsDouble(step);
            estimator.correct(reading, valid, current, temperature);
            afterStep.accept(step);
        }
    }

    private static CellParameters scaledResistance(CellParameters cell, double factor) {
        List<RcPair> pairs = cell.rcPairs().stream()
                .map(p -> new RcPair(scaled(p.resistanceOhm(), factor), p.tauS())).toList();
        return new CellParameters(cell.name(), cell.description(), cell.source(), cell.minVoltageV(),
                cell.maxVoltageV(), cell.capacityAh(), cell.ocvV(), scaled(cell.r0Ohm(), factor), pairs,
                cell.hysteresis(), cell.coulombicEfficiency(), cell.leakResistanceOhm(), cell.thermal());
    }

    private static Table2D scaled(Table2D table, double factor) {
        double[][] values = table.values();
        double[][] out = new double[values.length][];
        for (int row = 0; row < values.length; row++) {
            out[row] = values[row].clone();
            for (int col = 0; col < out[row].length; col++) {
                out[row][col] *= factor;
            }
        }
        return new Table2D(table.soc(), table.temperatureC(), out);
    }

    private SocConfig settings(double voltageSigmaV, double resistanceScaleSigma, double gateSigma,
                               double adaptationS) {
        SocConfig d = defaults;
        return new SocConfig(SocConfig.Estimator.EKF, d.restCurrentA(), d.restTimeS(), d.anchorSocSigma(),
                d.currentSigmaA(), d.currentBiasSigmaA(), voltageSigmaV, d.rcSigmaV(), d.hysteresisSigma(),
                resistanceScaleSigma, gateSigma, adaptationS);
    }
}
