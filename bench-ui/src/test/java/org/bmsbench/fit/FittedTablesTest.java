package org.bmsbench.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bmsbench.config.CellFiles;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table2D;
import org.junit.jupiter.api.Test;

/** The fitted tables as {@code fit} prints them, and the parameters it flags on the ends of their ranges. */
class FittedTablesTest {
    private static final double[] SOC = {0.01, 0.5, 0.99};
    private static final double[] TEMPERATURES = {10.0, 25.0};

    private static CellParameters withPairs(RcPair fast, RcPair slow) {
        CellParameters p = CellFiles.preset("panasonic-18650pf");
        Table2D r0 = new Table2D(SOC, TEMPERATURES, new double[][] {{0.05, 0.04, 0.045}, {0.03, 0.025, 0.028}});
        return new CellParameters(p.name(), p.description(), p.source(), p.minVoltageV(), p.maxVoltageV(),
                p.capacityAh(), p.ocvV(), r0, List.of(fast, slow), p.hysteresis(), p.coulombicEfficiency(),
                p.leakResistanceOhm(), p.thermal());
    }

    private static Table2D table(double[] cold, double[] warm) {
        return new Table2D(SOC, TEMPERATURES, new double[][] {cold, warm});
    }

    @Test
    void shouldFlagATimeConstantOnItsBoundWhereItSits() {
        // the case: the fast pair's tau stopped at 20 s at 1 % and 99 % soc, at 25 degC only
        RcPair fast = new RcPair(table(new double[] {0.01, 0.01, 0.01}, new double[] {0.01, 0.005, 0.01}),
                table(new double[] {2, 2, 2}, new double[] {20, 1.5, 20}));
        RcPair slow = new RcPair(table(new double[] {0.02, 0.02, 0.02}, new double[] {0.02, 0.02, 0.02}),
                table(new double[] {60, 60, 2000}, new double[] {40, 40, 40}));

        List<String> warnings = FittedTables.onBounds(withPairs(fast, slow));

        assertThat(warnings).containsExactly(
                "warning: tau1 sits on its upper bound (20 s) at 25.0 degC, soc 0.0100, 0.9900: there the fit's"
                        + " range, not the tests, sets it",
                "warning: tau2 sits on its upper bound (2000 s) at 10.0 degC, soc 0.9900: there the fit's range, not"
                        + " the tests, sets it");
    }

    @Test
    void shouldFlagNothingInsideTheRanges() {
        RcPair fast = new RcPair(table(new double[] {0.01, 0.01, 0.01}, new double[] {0.01, 0.005, 0.01}),
                table(new double[] {2, 2, 2}, new double[] {19.9, 1.5, 0.31}));
        RcPair slow = new RcPair(table(new double[] {0.02, 0.02, 0.02}, new double[] {0.02, 0.02, 0.02}),
                table(new double[] {60, 60, 1990}, new double[] {20.1, 40, 40}));
        assertThat(FittedTables.onBounds(withPairs(fast, slow))).isEmpty();
    }

    @Test
    void shouldListEveryRowAtTheFilesPrecision() {
        RcPair fast = new RcPair(table(new double[] {0.0123456, 0.01, 0.01}, new double[] {0.01, 0.005, 0.01}),
                table(new double[] {2.5, 2, 2}, new double[] {20, 1.5, 20}));
        RcPair slow = new RcPair(table(new double[] {0.02, 0.02, 0.02}, new double[] {0.02, 0.02, 0.021}),
                table(new double[] {60, 60, 2000}, new double[] {40, 40, 41.25}));

        List<String> rows = FittedTables.rows(withPairs(fast, slow));

        assertThat(rows).hasSize(2 + 2 * SOC.length);
        assertThat(rows.get(0)).isEqualTo("R0 and RC pairs written at 10.0 degC:");
        assertThat(rows.get(1)).isEqualTo("  soc 0.0100: R0 50.000 mOhm, R1 12.346 mOhm tau1 2.500 s, R2 20.000 mOhm"
                + " tau2 60.000 s");
        assertThat(rows.get(7)).isEqualTo("  soc 0.9900: R0 28.000 mOhm, R1 10.000 mOhm tau1 20.000 s, R2 21.000 mOhm"
                + " tau2 41.250 s");
    }
}
