package org.bmsbench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Hysteresis;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table2D;
import org.bmsbench.model.TestCells;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackTest {
    private static final double[] AT_25C = temperatures(64, 25.0);

    private static double[] temperatures(int cells, double value) {
        double[] t = new double[cells];
        Arrays.fill(t, value);
        return t;
    }

    private static void run(Pack pack, double currentA, double dtS, int steps) {
        for (int n = 0; n < steps; n++) {
            pack.prepare(dtS, AT_25C);
            pack.apply(currentA);
        }
    }

    /** OCV of the linear test cell: 3.0 V + 1.2 V per unit soc. */
    private static double linearOcv(double soc) {
        return 3.0 + 1.2 * soc;
    }

    @Test
    void shouldRemoveExactlyTheCoulombCountFromASingleCell() {
        Pack pack = new Pack(PackConfig.of(TestCells.linear(), 1, 1, 0.9), 25.0, 1);
        run(pack, 3.0, 1.0, 1800); // 3 A for 30 min from a 3 Ah cell: 1.5 Ah, half its charge
        assertThat(pack.soc(0)).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void shouldStoreOnlyTheCoulombicEfficiencyOfAChargingCurrent() {
        CellParameters lossy = TestCells.withLosses(TestCells.linear(), 0.95, Double.POSITIVE_INFINITY);
        Pack pack = new Pack(PackConfig.of(lossy, 1, 1, 0.2), 25.0, 1);
        run(pack, -3.0, 1.0, 1200); // 1 Ah into the terminals, 0.95 Ah stored
        assertThat(pack.soc(0)).isCloseTo(0.2 + 0.95 / 3.0, within(1e-12));
        run(pack, 3.0, 1.0, 1200); // all of 1 Ah taken out
        assertThat(pack.soc(0)).isCloseTo(0.2 - 0.05 / 3.0, within(1e-12));
    }

    @Test
    void shouldConserveChargeInEveryParallelGroupWhateverTheSplit() {
        PackConfig config = PackConfig.of(TestCells.linear(), 4, 3, 0.8)
                .withVariation(new CellVariation(0.05, 0.1, 0.02, 0));
        Pack pack = new Pack(config, 25.0, 11);
        double[] before = new double[pack.cellCount()];
        for (int c = 0; c < before.length; c++) {
            before[c] = pack.soc(c);
        }
        double chargeAh = 0;
        for (int n = 0; n < 2000; n++) {
            double current = 6.0 * Math.sin(n * 0.01) + 2.0; // discharge and charge, 1 s steps
            pack.prepare(1.0, AT_25C);
            pack.apply(current);
            chargeAh += current / 3600.0;
        }
        for (int g = 0; g < 4; g++) {
            double removedAh = 0;
            for (int c = g * 3; c < g * 3 + 3; c++) {
                removedAh += (before[c] - pack.soc(c)) * pack.capacityAh(c);
            }
            assertThat(removedAh).as("group %d", g).isCloseTo(chargeAh, within(1e-9));
        }
    }

    @Test
    void shouldConserveChargeWhenTheTemperatureChangesTheUsableCapacity() {
        // 3 Ah at 25 degC, 2.4 Ah at 0 degC: cooling a half-full cell leaves the charge in it but less of its
        // capacity usable, so its soc falls; warming it again restores the soc exactly.
        CellParameters cell = new CellParameters("cold", "", "tests", 2.5, 4.2,
                new org.bmsbench.model.Table1D(new double[] {0.0, 25.0}, new double[] {2.4, 3.0}),
                TestCells.linear().ocvV(), TestCells.linear().r0Ohm(), TestCells.linear().rcPairs(),
                Hysteresis.NONE, 1.0, Double.POSITIVE_INFINITY, TestCells.THERMAL);
        Pack pack = new Pack(PackConfig.of(cell, 1, 1, 0.5), 25.0, 1);
        double[] cold = {0.0};
        pack.prepare(1.0, cold);
        pack.apply(0.0);
        assertThat(pack.dischargedAh(0)).isCloseTo(1.5, within(1e-12));
        assertThat(pack.soc(0)).isCloseTo(1 - 1.5 / 2.4, within(1e-12));
        pack.prepare(1.0, AT_25C);
        pack.apply(0.0);
        assertThat(pack.soc(0)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shouldFollowTheExactRcStepResponse() {
        // Linear cell: R0 20 mOhm, R1 15 mOhm, tau 30 s, 3 Ah. From rest, 3 A held.
        Pack pack = new Pack(PackConfig.of(TestCells.linear(), 1, 1, 0.8), 25.0, 1);
        double soc = 0.8;
        for (int n = 1; n <= 120; n++) {
            pack.prepare(1.0, AT_25C);
            pack.apply(3.0);
            // v(t) = OCV(soc at the step's start) - R0 I - R1 I (1 - exp(-t/tau))
            double expected = linearOcv(soc) - 0.020 * 3.0 - 0.015 * 3.0 * (1 - Math.exp(-n / 30.0));
            assertThat(pack.groupVoltageV(0)).as("after %d s", n).isCloseTo(expected, within(1e-12));
            soc -= 3.0 / 3600.0 / 3.0;
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 0.1, 1.0, 7.5, 60.0})
    void shouldGiveTheSameRcVoltageForAnyStepLength(double dtS) {
        Pack pack = new Pack(PackConfig.of(TestCells.linear(), 1, 1, 0.8), 25.0, 1);
        run(pack, 3.0, dtS, (int) Math.round(60.0 / dtS));
        assertThat(pack.rcVoltageV(0, 0)).isCloseTo(0.015 * 3.0 * (1 - Math.exp(-2.0)), within(1e-12));
    }

    @Test
    void shouldRecoverTheOpenCircuitVoltageAtRest() {
        Pack pack = new Pack(PackConfig.of(TestCells.linear(), 1, 1, 0.8), 25.0, 1);
        run(pack, 6.0, 1.0, 600); // 2C for 10 min: soc 0.8 -> 0.4667
        double socAfter = pack.soc(0);
        double polarisation = 0.015 * 6.0 * (1 - Math.exp(-600 / 30.0));
        for (int n = 1; n <= 300; n++) {
            pack.prepare(1.0, AT_25C);
            pack.apply(0.0);
            double expected = linearOcv(socAfter) - polarisation * Math.exp(-n / 30.0);
            assertThat(pack.groupVoltageV(0)).isCloseTo(expected, within(1e-12));
        }
        assertThat(pack.groupVoltageV(0)).isCloseTo(linearOcv(0.8 - 1.0 / 3.0), within(5e-6));
    }

    @Test
    void shouldSplitAParallelGroupCurrentInverselyToResistance() {
        // Two cells, R0 only in effect (RC with a tiny resistance), resistances 1 +/- spread.
        CellParameters cell = TestCells.withRcPairs(TestCells.linear(), List.of(RcPair.constant(1e-6, 1.0)));
        Pack pack = new Pack(PackConfig.of(cell, 1, 2, 0.5).withVariation(new CellVariation(0, 0.1, 0, 0)), 25.0, 3);
        double r0 = pack.resistanceScale(0) * (0.020 + 1e-6 * (1 - Math.exp(-1.0)));
        double r1 = pack.resistanceScale(1) * (0.020 + 1e-6 * (1 - Math.exp(-1.0)));
        assertThat(r0).isNotCloseTo(r1, within(1e-4));
        pack.prepare(1.0, AT_25C);
        pack.apply(10.0);
        assertThat(pack.cellCurrentA(0) + pack.cellCurrentA(1)).isCloseTo(10.0, within(1e-12));
        assertThat(pack.cellCurrentA(0)).isCloseTo(10.0 * r1 / (r0 + r1), within(1e-9));
        assertThat(pack.groupVoltageV(0)).isCloseTo(linearOcv(0.5) - 10.0 * r0 * r1 / (r0 + r1), within(1e-12));
    }

    @Test
    void shouldLetTheWeakerCellCarryLess() {
        // The cell with less capacity empties faster, its voltage falls and its share of the current drops.
        Pack pack = new Pack(PackConfig.of(TestCells.linear(), 1, 2, 0.9)
                .withVariation(new CellVariation(0.15, 0, 0, 0)), 25.0, 5);
        int weaker = pack.capacityScale(0) < pack.capacityScale(1) ? 0 : 1;
        int stronger = 1 - weaker;
        assertThat(pack.capacityScale(weaker)).isLessThan(pack.capacityScale(stronger) - 0.05);
        double weakerChargeAh = 0;
        double strongerChargeAh = 0;
        for (int n = 0; n < 1800; n++) {
            pack.prepare(1.0, AT_25C);
            pack.apply(6.0);
            weakerChargeAh += pack.cellCurrentA(weaker) / 3600;
            strongerChargeAh += pack.cellCurrentA(stronger) / 3600;
        }
        assertThat(pack.cellCurrentA(weaker)).isLessThan(pack.cellCurrentA(stronger));
        assertThat(weakerChargeAh).isLessThan(strongerChargeAh);
        assertThat(pack.soc(weaker)).isLessThan(pack.soc(stronger));
    }

    @Test
    void shouldMoveHysteresisTowardsItsLimitByTheChargePassed() {
        // gamma 30, M 20 mV: after discharge h -> -1; charging dQ from there gives h = 1 - 2 exp(-gamma dQ / Q).
        CellParameters cell = TestCells.withHysteresis(TestCells.linear(), new Hysteresis(30.0, Table2D.constant(0.02)));
        Pack pack = new Pack(PackConfig.of(cell, 1, 1, 0.9), 25.0, 1);
        run(pack, 3.0, 1.0, 1200); // 1 Ah out: exp(-30/3) = 4.5e-5 of the way left
        assertThat(pack.hysteresisState(0)).isCloseTo(-1.0, within(1e-4));
        double before = pack.hysteresisState(0);
        run(pack, -1.5, 1.0, 60); // 25 mAh in
        double a = Math.exp(-30.0 * 0.025 / 3.0);
        assertThat(pack.hysteresisState(0)).isCloseTo(a * before + (1 - a), within(1e-12));
        // At rest the state holds, and shows as M h on the terminal once the RC pair has relaxed.
        double h = pack.hysteresisState(0);
        run(pack, 0.0, 1.0, 600);
        assertThat(pack.hysteresisState(0)).isCloseTo(h, within(1e-12));
        assertThat(pack.groupVoltageV(0)).isCloseTo(linearOcv(pack.soc(0)) + 0.02 * h, within(1e-6));
    }

    @Test
    void shouldDrainThroughTheLeakResistance() {
        // 45 kOhm leak on the linear cell: d soc/dt = -(3.0 + 1.2 soc) / (R * 3600 * Q); 30 days in hourly steps.
        CellParameters leaky = TestCells.withLosses(TestCells.linear(), 1.0, 45_000);
        Pack pack = new Pack(PackConfig.of(leaky, 1, 1, 0.9), 25.0, 1);
        run(pack, 0.0, 3600.0, 720);
        double rate = 1.2 / (45_000 * 3600.0 * 3.0);
        double expected = (0.9 + 2.5) * Math.exp(-rate * 720 * 3600.0) - 2.5;
        assertThat(pack.soc(0)).isCloseTo(expected, within(1e-5));
        assertThat(0.9 - pack.soc(0)).as("about 2 %% a month").isBetween(0.020, 0.023);
    }

    @Test
    void shouldEqualiseAParallelGroupAroundAnInternallyShortedCell() {
        Pack pack = new Pack(PackConfig.of(TestCells.linear(), 1, 3, 0.8), 25.0, 1);
        pack.setInternalShort(1, 10.0);
        run(pack, 0.0, 1.0, 600);
        // No string current: the healthy cells feed the shorted one through the group.
        assertThat(pack.cellCurrentA(0) + pack.cellCurrentA(1) + pack.cellCurrentA(2)).isCloseTo(0.0, within(1e-12));
        assertThat(pack.cellCurrentA(0)).isGreaterThan(0.1);
        assertThat(pack.cellCurrentA(1)).isLessThan(-0.2);
        // The short dissipates OCV^2 / 10 Ohm (about 1.6 W) in the cell, on top of its own Joule losses.
        double i = pack.cellCurrentA(1);
        double v1 = pack.rcVoltageV(0, 1);
        double expected = pack.ocvV(1) * pack.ocvV(1) / 10.0 + i * i * 0.020 + v1 * v1 / 0.015;
        assertThat(pack.cellHeatW(1)).isCloseTo(expected, within(1e-12)).isBetween(1.5, 1.6);
    }

    @Test
    void shouldBleedThroughTheBalancingResistor() {
        Pack pack = new Pack(PackConfig.of(TestCells.linear(), 2, 1, 0.5), 25.0, 1);
        pack.setBalancing(1, true);
        pack.prepare(1.0, AT_25C);
        pack.apply(0.0);
        // 3.6 V across 33 Ohm in series with the cell's own 20 + 15 (1 - exp(-1/30)) mOhm
        double r = 0.020 + 0.015 * (1 - Math.exp(-1 / 30.0));
        double bleed = 3.6 / (33.0 + r);
        assertThat(pack.groupBleedCurrentA(1)).isCloseTo(bleed, within(1e-12));
        assertThat(pack.cellCurrentA(1)).isCloseTo(bleed, within(1e-12));
        assertThat(pack.cellCurrentA(0)).isZero();
        assertThat(pack.groupBleedPowerW(1)).isCloseTo(bleed * bleed * 33.0, within(1e-12));
    }
}
