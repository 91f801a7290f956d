package org.bmsbench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.bmsbench.model.CellThermalParameters;
import org.bmsbench.model.TestCells;
import org.junit.jupiter.api.Test;

class PackThermalTest {
    // 45 g x 1000 J/(kg K) = 45 J/K; 10 W/(m^2 K) on 42 cm^2 = 0.042 W/K to the air; tau = 1071 s.
    private static final CellThermalParameters CELL = TestCells.THERMAL;
    private static final double HA = 10.0 * 0.0042;

    private static void run(PackThermal thermal, double[] heatW, double dtS, int steps) {
        for (int n = 0; n < steps; n++) {
            thermal.step(dtS, heatW);
        }
    }

    @Test
    void shouldReachTheAnalyticSteadyStateOfOneCell() {
        PackThermal thermal = new PackThermal(ThermalConfig.air(25.0), CELL, 1, 25.0);
        run(thermal, new double[] {0.315}, 10.0, 3000); // 30000 s = 28 tau
        assertThat(thermal.temperatureC(0)).isCloseTo(25.0 + 0.315 / HA, within(1e-9));
    }

    @Test
    void shouldRiseLikeTheFirstOrderResponse() {
        PackThermal thermal = new PackThermal(ThermalConfig.air(25.0), CELL, 1, 25.0);
        double tauS = 45.0 / HA;
        for (int n = 1; n <= 2000; n++) {
            thermal.step(1.0, new double[] {0.315});
            double exact = 25.0 + 0.315 / HA * (1 - Math.exp(-n / tauS));
            // backward Euler at dt/tau = 1e-3 stays within 0.1 % of the rise
            assertThat(thermal.temperatureC(0)).isCloseTo(exact, within(0.001 * 7.5));
        }
    }

    @Test
    void shouldShareHeatWithNeighboursAsTheAnalyticChain() {
        // Three cells in a row, 1 W in the middle one. Steady state, with x = T1 - Ta = T3 - Ta, y = T2 - Ta:
        //   (hA + G) x = G y    and    P = hA y + 2 G (y - x)   =>   y = P / (hA + 2G - 2G^2 / (hA + G))
        double g = 0.2;
        PackThermal thermal = new PackThermal(ThermalConfig.air(20.0), CELL, 3, 20.0);
        run(thermal, new double[] {0, 1.0, 0}, 5.0, 10_000);
        double y = 1.0 / (HA + 2 * g - 2 * g * g / (HA + g));
        double x = g * y / (HA + g);
        assertThat(thermal.temperatureC(1)).isCloseTo(20.0 + y, within(1e-9));
        assertThat(thermal.temperatureC(0)).isCloseTo(20.0 + x, within(1e-9));
        assertThat(thermal.temperatureC(2)).isCloseTo(20.0 + x, within(1e-9));
    }

    @Test
    void shouldCoolTowardsTheCoolantThroughItsConductance() {
        ThermalConfig cooled = new ThermalConfig(30.0, 10.0, 0.0, 0.5, 15.0, 0.0);
        PackThermal thermal = new PackThermal(cooled, CELL, 4, 30.0);
        double[] heat = new double[4];
        Arrays.fill(heat, 2.0);
        run(thermal, heat, 1.0, 5000);
        // 0 = P - hA (T - 30) - 0.5 (T - 15)
        double expected = (2.0 + HA * 30.0 + 0.5 * 15.0) / (HA + 0.5);
        for (int c = 0; c < 4; c++) {
            assertThat(thermal.temperatureC(c)).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void shouldAddExternalHeatToTheCellItIsOn() {
        PackThermal thermal = new PackThermal(new ThermalConfig(25.0, 10.0, 0.0, 0.0, 25.0, 0.0), CELL, 2, 25.0);
        thermal.setExternalHeatW(1, 0.42);
        run(thermal, new double[2], 10.0, 5000);
        assertThat(thermal.temperatureC(1)).isCloseTo(35.0, within(1e-9));
        assertThat(thermal.temperatureC(0)).isCloseTo(25.0, within(1e-12));
    }
}
