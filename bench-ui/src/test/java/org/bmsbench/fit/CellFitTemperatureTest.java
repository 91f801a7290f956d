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
 * Pulse tests at two temperatures from model cells whose slow pair has three times the resistance at -10 degC that
 * it has at 25 degC (60 against 20 mOhm). The 25 degC test rests 15 minutes after each pulse and is fitted freely;
 * the cold one rests a minute, and keeps the slow pair's capacitance at each soc and fits its resistance.
 */
class CellFitTemperatureTest {
    private static final double CAPACITY_AH = 2.8;
    private static final double[] TEMPERATURES_C = {-10, 25};

    /** Fits a cell whose slow pair has a time constant of {@code coldTauS} at -10 degC and 40 s at 25 degC. */
    private static CellParameters fit(double coldTauS) {
        CellParameters preset = CellFiles.preset("panasonic-18650pf");
        double[] ocvRow = preset.ocvV().values()[preset.ocvV().values().length - 1];
        Table2D ocv = Table2D.ofSoc(preset.ocvV().soc(), ocvRow);
        CellParameters known = new CellParameters("known", "", "made for the test", 2.5, 4.2,
                Table1D.constant(CAPACITY_AH), ocv, byTemperature(0.060, 0.030),
                List.of(new RcPair(byTemperature(0.010, 0.005), byTemperature(1.5, 1.5)),
                        new RcPair(byTemperature(0.060, 0.020), byTemperature(coldTauS, 40))),
                new Hysteresis(100, Table2D.constant(0.010)), 1.0, Double.POSITIVE_INFINITY, TestCells.THERMAL);
        Recording ocvTest = new SyntheticTest(known, 1.0, 1.0, 25.0).rest(3600, 60).until(0.14, 2.5, 60)
                .rest(3600, 60).until(-0.14, 4.2, 60).rest(3600, 60).recording("ocv.csv");
        return CellFit.fit(ocvTest, List.of(pulses(known, 25.0, 900, "hppc25.csv"),
                        pulses(known, -10.0, 60, "hppc-10.csv")),
                new CellFit.Options(2, "fitted", "", "", preset, "panasonic-18650pf")).cell();
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
        RcPair slow = fit(120).rcPairs().get(1); // 2000 F at both temperatures, as diffusion has it
        for (double soc = 0.3; soc <= 0.81; soc += 0.1) {
            assertThat(capacitanceF(slow, soc, 25)).as("25 degC capacitance at %.1f", soc).isCloseTo(2000, within(300.0));
            assertThat(slow.resistanceOhm().valueAt(soc, -10)).as("-10 degC R2 at %.1f", soc)
                    .isCloseTo(0.060, within(0.008));
            assertThat(slow.tauS().valueAt(soc, -10)).as("-10 degC tau2 at %.1f", soc).isCloseTo(120, within(20.0));
        }
    }

    @Test
    void shouldKeepTheWarmCapacitanceWhateverTheColdTestSuggests() {
        // a cold slow pair of 667 F, which a free fit of these clean data would find: the fit keeps 25 degC's
        RcPair slow = fit(40).rcPairs().get(1);
        for (double soc = 0.3; soc <= 0.81; soc += 0.1) {
            assertThat(capacitanceF(slow, soc, -10)).as("-10 degC capacitance at %.1f", soc)
                    .isCloseTo(capacitanceF(slow, soc, 25), within(0.01 * capacitanceF(slow, soc, 25)));
        }
    }
}
