package org.bmsbench.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.bmsbench.config.CellFiles;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Hysteresis;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table1D;
import org.bmsbench.model.Table2D;
import org.bmsbench.model.TestCells;
import org.junit.jupiter.api.Test;

/**
 * Pulse tests at two temperatures from model cells whose slow pair has three times the resistance at -10 degC that
 * it has at 25 degC (60 against 20 mOhm). The 25 degC test rests 15 minutes after each pulse and is fitted freely;
 * the cold one rests a minute and, fitted beside it, keeps its slow pair's capacitance at each soc and fits the
 * resistance.
 */
class CellFitTemperatureTest {
    private static final double CAPACITY_AH = 2.8;
    private static final double[] TEMPERATURES_C = {-10, 25};

    /** A cell whose slow pair has a time constant of {@code coldTauS} at -10 degC and 40 s at 25 degC. */
    private static CellParameters known(double coldTauS) {
        CellParameters preset = CellFiles.preset("panasonic-18650pf");
        double[] ocvRow = preset.ocvV().values()[preset.ocvV().values().length - 1];
        Table2D ocv = Table2D.ofSoc(preset.ocvV().soc(), ocvRow);
        return new CellParameters("known", "", "made for the test", 2.5, 4.2,
                Table1D.constant(CAPACITY_AH), ocv, byTemperature(0.060, 0.030),
                List.of(new RcPair(byTemperature(0.010, 0.005), byTemperature(1.5, 1.5)),
                        new RcPair(byTemperature(0.060, 0.020), byTemperature(coldTauS, 40))),
                new Hysteresis(100, Table2D.constant(0.010)), 1.0, Double.POSITIVE_INFINITY, TestCells.THERMAL);
    }

    /** The fit of {@code known}'s low-rate test and the pulse tests at the given temperatures. */
    private static CellParameters fit(CellParameters known, double... temperaturesC) {
        Recording ocvTest = new SyntheticTest(known, 1.0, 1.0, 25.0).rest(3600, 60).until(0.14, 2.5, 60)
                .rest(3600, 60).until(-0.14, 4.2, 60).rest(3600, 60).recording("ocv.csv");
        List<Recording> pulseTests = new ArrayList<>();
        for (double t : temperaturesC) {
            pulseTests.add(t > 0 ? pulses(known, t, 900, "hppc25.csv") : pulses(known, t, 60, "hppc-10.csv"));
        }
        return CellFit.fit(ocvTest, pulseTests, new CellFit.Options(2, "fitted", "", "",
                CellFiles.preset("panasonic-18650pf"), "panasonic-18650pf", false)).cell();
    }

    private static Table2D byTemperature(double coldValue, double warmValue) {
        return new Table2D(new double[] {0.0, 1.0}, TEMPERATURES_C,
                new double[][] {{coldValue, coldValue}, {warmValue, warmValue}});
    }

    /** Three pulses at each of seven soc points, each followed by {@code restS} of rest. */
    private static Recording pulses(CellParameters known, double temperatureC, double restS, String name) {
        SyntheticTest test = new SyntheticTest(known, 1.0, 1.0, temperatureC).rest(600, 1);
        for (int point = 0; point < 7; point++) {
            for (double c : new double[] {0.5, 1, 2}) {
                test.rest(10, 0.1).current(c * CAPACITY_AH, 10, 0.1).rest(2, 0.1).rest(restS - 2, 1);
            }
            double pulsesSoc = (0.5 + 1 + 2) * 10 / 3600.0;
            test.unlogged(CAPACITY_AH / 3, (0.1 - pulsesSoc) * 3 * 3600).unlogged(0, 1800);
        }
        return test.recording(name);
    }

    private static double capacitanceF(RcPair pair, double soc, double temperatureC) {
        return pair.tauS().valueAt(soc, temperatureC) / pair.resistanceOhm().valueAt(soc, temperatureC);
    }

    @Test
    void shouldRecoverACellWhoseSlowPairKeepsItsCapacitance() {
        // the physics the tie assumes holds here (2000 F at both temperatures): the tied fit finds the cold pair
        RcPair slow = fit(known(120), 25, -10).rcPairs().get(1);
        for (double soc = 0.3; soc <= 0.81; soc += 0.1) {
            assertThat(capacitanceF(slow, soc, 25)).as("25 degC capacitance at %.1f", soc).isCloseTo(2000, within(300.0));
            assertThat(slow.resistanceOhm().valueAt(soc, -10)).as("-10 degC R2 at %.1f", soc)
                    .isCloseTo(0.060, within(0.008));
            assertThat(slow.tauS().valueAt(soc, -10)).as("-10 degC tau2 at %.1f", soc).isCloseTo(120, within(20.0));
        }
    }

    @Test
    void shouldKeepTheWarmCapacitanceWhateverTheColdTestSuggests() {
        // a cold slow pair of 667 F (60 mOhm, 40 s): fitted on its own, the cold test finds it; fitted beside the
        // 25 degC test, it keeps 25 degC's 2000 F
        CellParameters known = known(40);
        RcPair alone = fit(known, -10).rcPairs().get(1);
        RcPair tied = fit(known, 25, -10).rcPairs().get(1);
        for (double soc = 0.3; soc <= 0.81; soc += 0.1) {
            assertThat(capacitanceF(alone, soc, -10)).as("-10 degC alone at %.1f", soc).isCloseTo(667, within(100.0));
            assertThat(capacitanceF(tied, soc, -10)).as("-10 degC capacitance at %.1f", soc)
                    .isCloseTo(capacitanceF(tied, soc, 25), within(0.01 * capacitanceF(tied, soc, 25)));
        }
    }
}
