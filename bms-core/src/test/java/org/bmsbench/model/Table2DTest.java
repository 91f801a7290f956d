package org.bmsbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Table2DTest {
    // f(soc, T) = 1 + 2 soc + 0.1 T + 0.01 soc T is bilinear, so interpolation must reproduce it exactly.
    private static double f(double soc, double t) {
        return 1 + 2 * soc + 0.1 * t + 0.01 * soc * t;
    }

    private static final double[] SOC = {0.0, 0.2, 0.7, 1.0};
    private static final double[] TEMP = {-10.0, 0.0, 25.0};

    private static Table2D bilinearTable() {
        double[][] values = new double[TEMP.length][SOC.length];
        for (int j = 0; j < TEMP.length; j++) {
            for (int i = 0; i < SOC.length; i++) {
                values[j][i] = f(SOC[i], TEMP[j]);
            }
        }
        return new Table2D(SOC, TEMP, values);
    }

    @Test
    void shouldReproduceABilinearFunctionInsideTheTable() {
        Table2D table = bilinearTable();
        assertThat(table.valueAt(0.45, 12.5)).isCloseTo(f(0.45, 12.5), within(1e-12));
        assertThat(table.valueAt(0.1, -3.0)).isCloseTo(f(0.1, -3.0), within(1e-12));
        assertThat(table.valueAt(0.7, 0.0)).isCloseTo(f(0.7, 0.0), within(1e-12));
    }

    @Test
    void shouldClampOutsideTheTablePerAxis() {
        Table2D table = bilinearTable();
        assertThat(table.valueAt(1.3, 40.0)).isCloseTo(f(1.0, 25.0), within(1e-12));
        assertThat(table.valueAt(-0.2, -30.0)).isCloseTo(f(0.0, -10.0), within(1e-12));
        assertThat(table.valueAt(0.45, 60.0)).isCloseTo(f(0.45, 25.0), within(1e-12));
    }

    @Test
    void shouldBeConstantAlongASinglePointAxis() {
        Table2D table = Table2D.ofSoc(new double[] {0.0, 1.0}, new double[] {3.0, 4.0});
        assertThat(table.valueAt(0.25, -20.0)).isEqualTo(3.25);
        assertThat(table.valueAt(0.25, 45.0)).isEqualTo(3.25);
    }

    @Test
    void shouldNameTheEntryThatDoesNotRise() {
        Table2D table = Table2D.ofSoc(new double[] {0.0, 0.5, 1.0}, new double[] {3.0, 3.7, 3.6});
        assertThatThrownBy(() -> table.requireRisingWithSoc("OCV"))
                .isInstanceOfSatisfying(TableException.class, e -> {
                    assertThat(e.part()).isEqualTo(TableException.Part.VALUES);
                    assertThat(e.row()).isZero();
                    assertThat(e.column()).isEqualTo(2);
                })
                .hasMessageContaining("OCV must rise with SOC: 3.6 at soc 1.0 is not above 3.7 at soc 0.5");
    }

    @Test
    void shouldRejectAxesThatDoNotIncreaseAndRowsOfTheWrongLength() {
        assertThatThrownBy(() -> new Table2D(new double[] {0.0, 0.5, 0.5}, new double[] {25}, new double[][] {{1, 2, 3}}))
                .isInstanceOfSatisfying(TableException.class, e -> assertThat(e.row()).isEqualTo(2))
                .hasMessageContaining("soc axis must strictly increase");
        assertThatThrownBy(() -> new Table2D(new double[] {0.0, 1.0}, new double[] {0, 25}, new double[][] {{1, 2}, {1}}))
                .isInstanceOfSatisfying(TableException.class, e -> assertThat(e.row()).isEqualTo(1))
                .hasMessageContaining("row 1 (25.0 degC) has 1 values, expected 2");
        assertThatThrownBy(() -> new Table2D(new double[] {0.0, 1.0}, new double[] {25}, new double[][] {{1, Double.NaN}}))
                .hasMessageContaining("not finite");
    }
}
