package org.bmsbench.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.bmsbench.config.CellFiles;
import org.bmsbench.config.ConfigException;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Hysteresis;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table1D;
import org.bmsbench.model.Table2D;
import org.bmsbench.model.TestCells;
import org.junit.jupiter.api.Test;

/**
 * The dynamic fit recovers the row scales of a model cell from drives it logged: the cell's R0 is 1.2 times the
 * starting model's, its fast pair (resistance and charge transfer) 1.5 times, its slow pair 0.8 times the
 * resistance with 1.5 times the time constant.
 */
class DynamicFitTest {
    private static final double CAPACITY_AH = 2.8;

    private static CellParameters cell(double r0, double fast, double slowR, double slowTau) {
        CellParameters preset = CellFiles.preset("panasonic-18650pf");
        double[] ocvRow = preset.ocvV().values()[preset.ocvV().values().length - 1];
        return new CellParameters("known", "", "made for the test", 2.5, 4.2, Table1D.constant(CAPACITY_AH),
                Table2D.ofSoc(preset.ocvV().soc(), ocvRow), Table2D.constant(0.030 * r0),
                List.of(RcPair.constant(0.004 * fast, 2.0).withChargeTransfer(Table2D.constant(1.0 / fast), 0.5),
                        RcPair.constant(0.020 * slowR, 60.0 * slowTau)),
                new Hysteresis(100, Table2D.constant(0.010)), 1.0, Double.POSITIVE_INFINITY, TestCells.THERMAL);
    }

    /** An hour of a random drive from full: 0.5C to 3C discharges, regeneration and rests, 5-60 s each. */
    private static Recording drive(CellParameters truth, long seed, String name) {
        SyntheticTest test = new SyntheticTest(truth, 1.0, 1.0, 25.0);
        SplittableRandom random = new SplittableRandom(seed);
        for (double t = 0; t < 3600; ) {
            double seconds = random.nextInt(5, 61);
            double c = random.nextInt(5) == 0 ? 0.0 : random.nextInt(6) == 0 ? -1.0 : random.nextDouble(0.5, 3.0);
            test.current(c * CAPACITY_AH, seconds, 1.0);
            t += seconds;
        }
        return test.recording(name);
    }

    @Test
    void shouldRecoverTheScalesOfACellFromItsDrives() {
        CellParameters truth = cell(1.2, 1.5, 0.8, 1.5);
        CellParameters start = cell(1, 1, 1, 1);
        DynamicFit.Result r = DynamicFit.refine(start, List.of(drive(truth, 1, "a.csv"), drive(truth, 2, "b.csv")),
                List.of(drive(truth, 3, "c.csv")), CurrentAlignment.PREVIOUS);
        double[] scales = r.scales()[0];
        assertThat(scales[0]).as("R0").isCloseTo(1.2, within(0.03));
        assertThat(scales[1]).as("fast pair").isCloseTo(1.5, within(0.08));
        assertThat(scales[2]).as("slow R").isCloseTo(0.8, within(0.05));
        assertThat(scales[3]).as("slow tau").isCloseTo(1.5, within(0.15));
        for (DynamicFit.DriveResidual d : r.drives()) { // the unused drive as well as the two it fitted
            assertThat(d.beforeRmsV()).as(d.file()).isGreaterThan(0.005);
            assertThat(d.afterRmsV()).as(d.file()).isLessThan(0.0015);
        }
        assertThat(r.drives()).extracting(DynamicFit.DriveResidual::used).containsExactly(true, true, false);
        assertThat(r.cell().source()).contains("refined row by row on the drives a.csv, b.csv");
    }

    @Test
    void shouldRefuseTablesWithoutSharedTemperatureRows() {
        CellParameters start = cell(1, 1, 1, 1);
        CellParameters mixed = new CellParameters(start.name(), "", start.source(), 2.5, 4.2, start.capacityAh(),
                start.ocvV(), new Table2D(new double[] {0.5}, new double[] {0.0, 25.0}, new double[][] {{0.05}, {0.03}}),
                start.rcPairs(), start.hysteresis(), 1.0, Double.POSITIVE_INFINITY, TestCells.THERMAL);
        assertThatThrownBy(() -> DynamicFit.refine(mixed, List.of(), List.of(), CurrentAlignment.PREVIOUS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("the same temperature rows");
    }
}
