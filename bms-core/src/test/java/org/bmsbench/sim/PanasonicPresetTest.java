package org.bmsbench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bmsbench.config.CellFiles;
import org.bmsbench.io.MeasuredCycle;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.GridPoint;
import org.junit.jupiter.api.Test;

/**
 * The bundled Panasonic NCR18650PF preset against the measurements it was (and was not) fitted on. The data
 * lives beside the project in {@code ../shared/data}; without it these checks are skipped.
 */
class PanasonicPresetTest {
    private static final Path DATA = Path.of("..", "..", "shared", "data", "cells", "panasonic-18650pf");

    @Test
    void shouldLoadAsAValidCellWithItsMeasuredCharacter() {
        CellParameters cell = CellFiles.preset("panasonic-18650pf");
        assertThat(cell.nominalCapacityAh()).isBetween(2.7, 3.0);
        assertThat(cell.rcPairs()).hasSize(2);
        assertThat(cell.source()).contains("doi:10.17632/wykht8y7tg.1");
        CellModel model = new CellModel(cell);
        GridPoint p = new GridPoint();
        model.locate(1.0, 25, p);
        assertThat(model.ocvV(p)).isCloseTo(4.19, within(0.02));
        model.locate(0.5, 25, p);
        assertThat(model.ocvV(p)).isCloseTo(3.69, within(0.03));
        assertThat(model.r0Ohm(p)).isBetween(0.02, 0.04);
    }

    /** Replays a measured current through one simulated cell from full and returns the voltage RMS error, V. */
    private static double voltageRmsError(String file) {
        Path path = DATA.resolve(file);
        assumeTrue(Files.exists(path), "reference data not found at " + path.toAbsolutePath());
        MeasuredCycle cycle = MeasuredCycle.read(path);
        double[] t = cycle.timeS();
        double[] current = cycle.currentA();
        double[] measured = cycle.voltageV().orElseThrow();
        Pack pack = new Pack(PackConfig.of(CellFiles.preset("panasonic-18650pf"), 1, 1, 1.0), 1);
        double[] temperature = {25.0};
        double sumSq = 0;
        int n = 0;
        for (int k = 0; k + 1 < t.length; k++) {
            double dt = t[k + 1] - t[k];
            if (dt <= 0) {
                continue;
            }
            pack.prepare(dt, temperature);
            pack.apply(current[k]);
            if (pack.soc(0) > 0.05) { // the fit is not trusted in the last 5 %
                double error = pack.groupVoltageV(0) - measured[k + 1];
                sumSq += error * error;
                n++;
            }
        }
        return Math.sqrt(sumSq / n);
    }

    @Test
    void shouldFollowTheMeasuredUs06VoltageItWasNotFittedOn() {
        // The model comes from the C/20 and HPPC tests; US06 is an independent check (23.0 mV RMS when written).
        assertThat(voltageRmsError("25degC_US06.csv.gz")).isLessThan(0.028);
    }

    @Test
    void shouldFollowTheMeasuredHwfetVoltage() {
        assertThat(voltageRmsError("25degC_HWFET.csv.gz")).isLessThan(0.021); // 16.9 mV RMS when written
    }
}
