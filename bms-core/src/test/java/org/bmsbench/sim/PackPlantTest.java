package org.bmsbench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import org.bmsbench.config.CellFiles;
import org.bmsbench.io.SpeedTraces;
import org.bmsbench.port.Measurements;
import org.bmsbench.sim.load.ConstantCurrentLoad;
import org.bmsbench.sim.load.DriveCycleLoad;
import org.bmsbench.sim.load.VehicleParameters;
import org.junit.jupiter.api.Test;

class PackPlantTest {
    /** 96s2p of the Panasonic preset with spread, default noisy sensors, on a scaled WLTC. */
    private static PackPlant wltcPlant(long seed) {
        PackConfig pack = PackConfig.of(CellFiles.preset("panasonic-18650pf"), 96, 2, 0.9)
                .withVariation(new CellVariation(0.02, 0.05, 0.01, 0.1));
        PackPlant plant = new PackPlant(PlantConfig.of(pack, 25.0, seed));
        Plants.connect(plant);
        // a 2 kWh pack's share of a 75 kWh car
        plant.setLoad(new DriveCycleLoad(SpeedTraces.bundled("wltc-3b"), VehicleParameters.MIDSIZE_EV, 1, 2.0 / 75));
        return plant;
    }

    /** Every number a run produces that a BMS or an engineer could look at, as raw bits. */
    private static long fingerprint(PackPlant plant) {
        long hash = 17;
        Pack pack = plant.pack();
        for (int c = 0; c < pack.cellCount(); c++) {
            hash = 31 * hash + Double.doubleToRawLongBits(pack.soc(c));
            hash = 31 * hash + Double.doubleToRawLongBits(pack.cellCurrentA(c));
            hash = 31 * hash + Double.doubleToRawLongBits(plant.thermal().temperatureC(c));
        }
        Measurements m = plant.measurements();
        for (int g = 0; g < m.cellChannelCount(); g++) {
            hash = 31 * hash + Double.doubleToRawLongBits(m.cellVoltageV(g));
        }
        for (int s = 0; s < m.temperatureSensorCount(); s++) {
            hash = 31 * hash + Double.doubleToRawLongBits(m.temperatureC(s));
        }
        hash = 31 * hash + Double.doubleToRawLongBits(m.packCurrentA());
        return 31 * hash + Double.doubleToRawLongBits(plant.netEnergyWh());
    }

    @Test
    void shouldRepeatARunBitForBitFromTheSameSeed() {
        PackPlant first = wltcPlant(7);
        PackPlant second = wltcPlant(7);
        PackPlant other = wltcPlant(8);
        for (int n = 0; n < 60_000; n++) { // 10 minutes
            first.step(Plants.STEP_NS);
            second.step(Plants.STEP_NS);
            other.step(Plants.STEP_NS);
            if (n % 1000 == 999) {
                assertThat(fingerprint(second)).as("after %d steps", n + 1).isEqualTo(fingerprint(first));
            }
        }
        assertThat(fingerprint(other)).isNotEqualTo(fingerprint(first));
        assertThat(first.netEnergyWh()).isGreaterThan(5); // it really drove: the low-speed phase of the WLTC
    }

    @Test
    void shouldAllocateNothingPerStepAfterConstruction() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        PackConfig pack = PackConfig.of(CellFiles.preset("panasonic-18650pf"), 96, 1, 0.9)
                .withVariation(new CellVariation(0.02, 0.05, 0.01, 0.1));
        PackPlant plant = new PackPlant(PlantConfig.of(pack, 25.0, 3));
        Plants.connect(plant);
        plant.setLoad(new DriveCycleLoad(SpeedTraces.bundled("us06"), VehicleParameters.MIDSIZE_EV, 1, 1.0 / 75));
        plant.commandBalancing(5, true);
        plant.inject(new PlantFault(PlantFault.Type.CELL_VOLTAGE_SENSOR_OFFSET, 3, 0.1));
        for (int n = 0; n < 20_000; n++) { // warm up: let the JIT compile the step
            plant.step(Plants.STEP_NS);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int n = 0; n < 20_000; n++) {
            plant.step(Plants.STEP_NS);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(allocated).as("bytes allocated by 20 000 plant steps of a 96-cell pack").isZero();
    }

    @Test
    void shouldCountChargeAtTheTerminals() {
        PackConfig pack = PackConfig.of(CellFiles.preset("panasonic-18650pf"), 4, 1, 0.8);
        PackPlant plant = new PackPlant(PlantConfig.of(pack, 25.0, 1).withAfe(AfeConfig.IDEAL));
        Plants.connect(plant);
        double chargeBefore = plant.netChargeAh();
        double[] dischargedBefore = new double[4];
        for (int c = 0; c < 4; c++) {
            dischargedBefore[c] = plant.pack().dischargedAh(c);
        }
        plant.setLoad(new ConstantCurrentLoad(2.9, 1800));
        Plants.runUntilFinished(plant, Plants.STEP_NS, 3600);
        double charge = plant.netChargeAh() - chargeBefore;
        // 2.9 A for 30 min, plus 16 V over the link's 100 kOhm discharge resistor (0.08 mAh)
        assertThat(charge).isCloseTo(1.45 + 16.0 / 1e5 * 0.5, within(2e-5));
        for (int c = 0; c < 4; c++) {
            // each cell gives the terminal charge plus its self-discharge (about 80 uA for 30 min: 0.04 mAh)
            double removed = plant.pack().dischargedAh(c) - dischargedBefore[c];
            assertThat(removed - charge).isBetween(0.02e-3, 0.06e-3);
        }
    }

    @Test
    void shouldBalanceChemicalEnergyAgainstTerminalEnergyAndHeat() {
        // Cells without hysteresis: the energy the cells release, sum(OCV i) dt, goes out of the terminals or
        // into Joule heat, apart from what the RC capacitances hold (they start and end empty: a rest follows).
        PackConfig pack = PackConfig.of(org.bmsbench.model.TestCells.linear(), 3, 2, 0.9);
        PackPlant plant = new PackPlant(PlantConfig.of(pack, 25.0, 1).withAfe(AfeConfig.IDEAL));
        Plants.connect(plant);
        double energyBefore = plant.netEnergyWh();
        double heatBefore = plant.heatJ();
        double chemicalJ = 0;
        plant.setLoad(new DriveCycleLoad(SpeedTraces.bundled("us06"), VehicleParameters.MIDSIZE_EV, 1, 1.0 / 500));
        while (plant.timeS() < 600 + 600) { // the cycle, then 10 min of rest for the RC pairs to empty
            if (plant.load().isFinished(plant.timeS())) {
                plant.setLoad(new org.bmsbench.sim.load.RestLoad(1e6));
            }
            plant.step(Plants.STEP_NS);
            for (int c = 0; c < plant.pack().cellCount(); c++) {
                chemicalJ += plant.pack().ocvV(c) * plant.pack().cellCurrentA(c) * 0.01;
            }
        }
        double terminalJ = (plant.netEnergyWh() - energyBefore) * 3600;
        double heatJ = plant.heatJ() - heatBefore;
        assertThat(terminalJ).isGreaterThan(1000);
        // within 0.5 %: the heat uses each RC voltage at the end of its step
        assertThat(terminalJ + heatJ).isCloseTo(chemicalJ, within(0.005 * chemicalJ));
    }

    @Test
    void shouldRejectAFaultOnATargetThePackDoesNotHave() {
        PackPlant plant = new PackPlant(PlantConfig.of(PackConfig.of(CellFiles.preset("panasonic-18650pf"), 12, 2, 0.5), 25, 1));
        assertThatThrownBy(() -> plant.inject(new PlantFault(PlantFault.Type.CELL_VOLTAGE_SENSOR_OFFSET, 12, 0.1)))
                .hasMessage("cell_voltage_sensor_offset: no cell voltage channel (series group) 12; this pack has 12 (0 to 11)");
        assertThatThrownBy(() -> plant.inject(new PlantFault(PlantFault.Type.CELL_HEATING, 24, 5)))
                .hasMessage("cell_heating: no cell 24; this pack has 24 (0 to 23)");
        assertThatThrownBy(() -> PlantFault.of(PlantFault.Type.CELL_INTERNAL_SHORT, 3))
                .hasMessage("cell_internal_short needs a value in Ohm, got NaN");
    }

    @Test
    void shouldInjectAndClearEveryFaultType() {
        PackPlant plant = new PackPlant(PlantConfig.of(PackConfig.of(CellFiles.preset("panasonic-18650pf"), 4, 1, 0.5), 25, 1));
        for (PlantFault.Type type : PlantFault.Type.values()) {
            PlantFault fault = new PlantFault(type, 0, type.unit().isEmpty() ? Double.NaN : 1.0);
            plant.inject(fault);
            plant.step(10_000_000L);
            plant.clear(fault);
        }
        assertThatThrownBy(() -> plant.inject(PlantFault.of(PlantFault.Type.CONTACTOR_WELDED, 3)))
                .hasMessage("contactor_welded: no contactor 3; this pack has 3 (0 to 2)");
    }

    @Test
    void shouldHeatACellWithAnInternalShortUntilItsSensorShowsIt() {
        PackConfig pack = PackConfig.of(CellFiles.preset("panasonic-18650pf"), 4, 1, 0.9);
        PackPlant plant = new PackPlant(PlantConfig.of(pack, 25.0, 1).withAfe(AfeConfig.IDEAL));
        plant.inject(new PlantFault(PlantFault.Type.CELL_INTERNAL_SHORT, 2, 5.0)); // ~0.8 A, ~3.3 W
        Plants.run(plant, 1_000_000_000L, 600);
        Measurements m = plant.measurements();
        assertThat(m.temperatureC(2)).isGreaterThan(m.temperatureC(0) + 5).isGreaterThan(35);
        assertThat(plant.pack().soc(2)).isLessThan(plant.pack().soc(0) - 0.04);
        assertThat(m.cellVoltageV(2)).isLessThan(m.cellVoltageV(0));
    }
}
