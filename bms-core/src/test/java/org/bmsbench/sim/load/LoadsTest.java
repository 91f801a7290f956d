package org.bmsbench.sim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bmsbench.model.TestCells;
import org.bmsbench.sim.AfeConfig;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantConfig;
import org.bmsbench.sim.Plants;
import org.junit.jupiter.api.Test;

class LoadsTest {
    private static PackPlant connectedPlant(int series, int parallel, double soc) {
        PackPlant plant = new PackPlant(PlantConfig.of(PackConfig.of(TestCells.linear(), series, parallel, soc), 25.0, 1)
                .withAfe(AfeConfig.IDEAL));
        Plants.connect(plant);
        return plant;
    }

    @Test
    void shouldHoldAConstantPowerAtTheTerminalsAsTheVoltageSags() {
        PackPlant plant = connectedPlant(4, 1, 0.9);
        plant.setLoad(new ConstantPowerLoad(100.0, 600)); // about 2C: 17 Wh of the pack's 39
        double chargeBefore = plant.netChargeAh();
        Plants.run(plant, Plants.STEP_NS, 0.1); // the link capacitor covers part of the first step's load
        while (!plant.load().isFinished(plant.timeS())) {
            plant.step(Plants.STEP_NS);
            // at the terminals: the load and the link's 100 kOhm discharge resistor (and the link capacitor giving
            // back a milliwatt or so as the voltage sags)
            double v = plant.pack().terminalVoltageV();
            assertThat(v * plant.pack().stringCurrentA()).isCloseTo(100.0 + v * v / 1e5, within(0.01));
        }
        assertThat(plant.load().isFinished(plant.timeS())).isTrue();
        // as the voltage falls, the current rises: more charge than 400 W at the starting voltage would take
        assertThat(plant.netChargeAh() - chargeBefore).isGreaterThan(100.0 * 600 / 3600 / (4 * 4.08));
    }

    @Test
    void shouldChargeConstantCurrentThenHoldTheHighestCellAtItsLimit() {
        PackPlant plant = connectedPlant(3, 1, 0.3);
        plant.pack().setSoc(1, 0.35); // the highest cell reaches the limit first
        CcCvCharger charger = new CcCvCharger(3.0, 4.1, 0.15, CcCvCharger.Limit.HIGHEST_CELL, 86_400);
        plant.setLoad(charger);
        double maxCellV = 0;
        double minCurrent = 0;
        boolean sawConstantCurrent = false;
        while (!charger.isFinished(plant.timeS())) {
            plant.step(Plants.STEP_NS);
            for (int g = 0; g < 3; g++) {
                maxCellV = Math.max(maxCellV, plant.pack().groupVoltageV(g));
            }
            sawConstantCurrent |= Math.abs(plant.pack().stringCurrentA() + 3.0) < 1e-3;
            minCurrent = Math.min(minCurrent, plant.pack().stringCurrentA());
            assertThat(plant.timeS()).isLessThan(4 * 3600.0);
        }
        assertThat(sawConstantCurrent).isTrue();
        assertThat(minCurrent).isGreaterThanOrEqualTo(-3.0 - 1e-6);
        assertThat(maxCellV).isLessThanOrEqualTo(4.1 + 1e-6);
        assertThat(plant.pack().groupVoltageV(1)).isCloseTo(4.1, within(1e-4));
        assertThat(-plant.pack().stringCurrentA()).isLessThan(0.15);
        // at the cut-off the highest cell is nearly at the soc where its OCV is 4.1 V: (4.1 - 3.0) / 1.2
        assertThat(plant.pack().soc(1)).isCloseTo(1.1 / 1.2, within(0.01));
        assertThat(plant.pack().soc(0)).isLessThan(plant.pack().soc(1) - 0.04);
    }

    @Test
    void shouldStopChargingAtThePackVoltageLimit() {
        PackPlant plant = connectedPlant(2, 1, 0.5);
        CcCvCharger charger = new CcCvCharger(6.0, 8.0, 0.3, CcCvCharger.Limit.PACK, 86_400);
        plant.setLoad(charger);
        Plants.runUntilFinished(plant, Plants.STEP_NS, 3 * 3600);
        assertThat(charger.isFinished(plant.timeS())).isTrue();
        assertThat(plant.pack().terminalVoltageV()).isCloseTo(8.0, within(1e-4));
    }

    @Test
    void shouldNotFinishAChargeWhileDisconnected() {
        PackPlant plant = new PackPlant(PlantConfig.of(PackConfig.of(TestCells.linear(), 1, 1, 0.5), 25, 1));
        CcCvCharger charger = new CcCvCharger(3.0, 4.1, 0.15, CcCvCharger.Limit.HIGHEST_CELL, 86_400);
        plant.setLoad(charger);
        Plants.run(plant, Plants.STEP_NS, 10.0);
        assertThat(charger.isFinished(plant.timeS())).isFalse();
        assertThat(plant.pack().stringCurrentA()).isZero();
    }

    @Test
    void shouldRunAPulseTrainStepByStep() {
        PackPlant plant = connectedPlant(1, 1, 0.6);
        plant.setLoad(PulseTrainLoad.hppc(6.0, 4.5, 10.0, 40.0));
        double[] expected = {6.0, 0.0, -4.5, 0.0};
        double[] sampleAtS = {5.0, 30.0, 55.0, 80.0};
        double start = plant.timeS();
        for (int k = 0; k < 4; k++) {
            Plants.run(plant, Plants.STEP_NS, start + sampleAtS[k] - plant.timeS());
            assertThat(plant.pack().stringCurrentA()).isCloseTo(expected[k], within(1e-3));
        }
        Plants.run(plant, Plants.STEP_NS, start + 100.0 - plant.timeS());
        assertThat(plant.load().isFinished(plant.timeS())).isTrue();
        // 6 A for 10 s out, 4.5 A for 10 s in
        assertThat(plant.netChargeAh()).isCloseTo((60.0 - 45.0) / 3600.0, within(2e-5));
    }

    @Test
    void shouldReplayAMeasuredCurrentSampleBySample() {
        double[] t = {100.0, 100.5, 100.5, 101.0, 102.0};
        double[] i = {1.0, 2.0, -3.0, 0.5, 0.5};
        CurrentProfileLoad load = new CurrentProfileLoad("trace", t, i, 2.0);
        load.start(10.0);
        assertThat(load.demandA(10.0, 0.1, null)).isEqualTo(2.0);
        assertThat(load.demandA(10.4, 0.1, null)).isEqualTo(2.0); // 100.45 s: the sample at 100.0 s still holds
        assertThat(load.demandA(10.5, 0.1, null)).isEqualTo(-6.0); // of the two records at 100.5 s the later holds
        assertThat(load.demandA(11.2, 0.1, null)).isEqualTo(1.0);
        assertThat(load.isFinished(11.9)).isFalse();
        assertThat(load.isFinished(12.0)).isTrue();
        assertThatThrownBy(() -> new CurrentProfileLoad("bad", new double[] {0, 2, 1}, new double[] {0, 0, 0}, 1))
                .hasMessageContaining("sample times must not decrease: 1.0 s follows 2.0 s (sample 2)");
    }

    @Test
    void shouldRejectAChargerWhoseCutOffIsNotBelowItsCurrent() {
        assertThatThrownBy(() -> new CcCvCharger(1.0, 4.2, 1.0, CcCvCharger.Limit.PACK, 86_400))
                .hasMessage("cutoff_a (1.0 A) must be below current_a (1.0 A)");
        assertThatThrownBy(() -> new PulseTrainLoad(List.of(), 1)).hasMessageContaining("at least one pulse");
    }
}
