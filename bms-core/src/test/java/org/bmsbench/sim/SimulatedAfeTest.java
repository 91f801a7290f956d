package org.bmsbench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.bmsbench.model.TestCells;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.Measurements;
import org.bmsbench.sim.load.ConstantCurrentLoad;
import org.junit.jupiter.api.Test;

class SimulatedAfeTest {
    private static PackPlant plant(AfeConfig afe, int series) {
        return new PackPlant(PlantConfig.of(PackConfig.of(TestCells.linear(), series, 1, 0.5), 25.0, 42).withAfe(afe));
    }

    @Test
    void shouldReadCellVoltagesWithinTheLtc6813ErrorBudgetAndItsNoise() {
        PackPlant plant = plant(AfeConfig.DEFAULT, 12);
        int n = 4000;
        double[] sum = new double[12];
        double[] sumSq = new double[12];
        for (int k = 0; k < n; k++) {
            plant.step(Plants.STEP_NS);
            Measurements m = plant.measurements();
            for (int g = 0; g < 12; g++) {
                double v = m.cellVoltageV(g);
                // quantised to the 100 uV LSB
                assertThat(Math.abs(v / 100e-6 - Math.rint(v / 100e-6))).isLessThan(1e-6);
                sum[g] += v;
                sumSq[g] += v * v;
            }
        }
        SimulatedAfe afe = plant.afe();
        for (int g = 0; g < 12; g++) {
            double mean = sum[g] / n;
            double sigma = Math.sqrt(sumSq[g] / n - mean * mean);
            // 1 mV noise (and the 100 uV steps, which add LSB^2 / 12)
            assertThat(sigma).as("channel %d noise", g).isCloseTo(1.0e-3, within(0.06e-3));
            // the mean is the channel's calibration applied to the truth: gain * V + offset (the noise averages to
            // within 16 uV over 4000 readings)
            double expected = afe.channelGain(g) * plant.pack().groupVoltageV(g) + afe.channelOffsetV(g);
            assertThat(mean).as("channel %d mean", g).isCloseTo(expected, within(0.1e-3));
        }
        // and the calibration errors are those of an LTC6813-class part: a few tenths of a millivolt
        for (int g = 0; g < 12; g++) {
            double error = (afe.channelGain(g) - 1) * 3.6 + afe.channelOffsetV(g);
            assertThat(error).isCloseTo(0.0, within(2.2e-3)).isNotZero();
        }
    }

    @Test
    void shouldKeepItsConversionScheduleWhateverThePlantStep() {
        PackPlant plant = plant(AfeConfig.DEFAULT, 4);
        for (int k = 0; k < 1000; k++) {
            plant.step(3_000_000L); // 3 ms steps, 10 ms conversions: 300 in 3 s, plus the one at start
        }
        assertThat(plant.measurements().sequence()).isEqualTo(301);
    }

    @Test
    void shouldConvertAtItsOwnPeriodAndFreezeWhenTheAfeIsUnreachable() {
        PackPlant plant = plant(AfeConfig.DEFAULT, 4);
        for (int k = 0; k < 100; k++) {
            plant.step(1_000_000L); // 1 ms plant steps, 10 ms conversions
        }
        Measurements m = plant.measurements();
        assertThat(m.sequence()).isEqualTo(11); // at 0 ms (construction) and every 10 ms to 100 ms
        assertThat(m.cellTimestampNs()).isEqualTo(100_000_000L);
        plant.inject(PlantFault.of(PlantFault.Type.AFE_COMMUNICATION_LOSS, 0));
        double frozen = m.cellVoltageV(2);
        for (int k = 0; k < 500; k++) {
            plant.step(1_000_000L);
        }
        assertThat(m.sequence()).isEqualTo(11);
        assertThat(m.cellTimestampNs()).isEqualTo(100_000_000L);
        assertThat(m.cellVoltageV(2)).isEqualTo(frozen);
        assertThat(m.timestampNs()).isEqualTo(600_000_000L); // the fast signals keep coming
        plant.clear(PlantFault.of(PlantFault.Type.AFE_COMMUNICATION_LOSS, 0));
        for (int k = 0; k < 10; k++) {
            plant.step(1_000_000L); // the next conversion comes on the AFE's own schedule
        }
        assertThat(m.sequence()).isEqualTo(12);
    }

    @Test
    void shouldApplyEachCellVoltageSensorFault() {
        PackPlant plant = plant(AfeConfig.IDEAL, 4);
        plant.step(Plants.STEP_NS);
        double v1 = plant.measurements().cellVoltageV(1);
        plant.inject(new PlantFault(PlantFault.Type.CELL_VOLTAGE_SENSOR_OFFSET, 1, 0.3));
        plant.inject(PlantFault.of(PlantFault.Type.CELL_VOLTAGE_SENSOR_STUCK, 2));
        plant.inject(new PlantFault(PlantFault.Type.CELL_VOLTAGE_SENSOR_STUCK, 3, 4.25));
        plant.inject(PlantFault.of(PlantFault.Type.CELL_VOLTAGE_SENSOR_NAN, 0));
        double stuckAt = plant.measurements().cellVoltageV(2);
        plant.setLoad(new ConstantCurrentLoad(3.0, 100));
        Plants.connect(plant);
        Plants.run(plant, Plants.STEP_NS, 60);
        Measurements m = plant.measurements();
        assertThat(m.cellVoltageV(0)).isNaN();
        assertThat(m.cellVoltageV(1)).isCloseTo(plant.pack().groupVoltageV(1) + 0.3, within(1e-6));
        assertThat(m.cellVoltageV(2)).isEqualTo(stuckAt);
        assertThat(m.cellVoltageV(3)).isEqualTo(4.25);
        assertThat(plant.pack().groupVoltageV(2)).isLessThan(stuckAt - 0.05); // the cell moved on; the reading did not
        plant.clear(new PlantFault(PlantFault.Type.CELL_VOLTAGE_SENSOR_OFFSET, 1, 0.3));
        plant.clear(PlantFault.of(PlantFault.Type.CELL_VOLTAGE_SENSOR_STUCK, 2));
        plant.step(Plants.STEP_NS);
        assertThat(m.cellVoltageV(1)).isCloseTo(plant.pack().groupVoltageV(1), within(1e-6));
        assertThat(m.cellVoltageV(2)).isCloseTo(plant.pack().groupVoltageV(2), within(1e-6));
        assertThat(v1).isCloseTo(3.6, within(1e-3));
    }

    /** Pull-up minus pull-down for every channel, as the LTC68xx open-wire check does. */
    private static double[] openWireDifference(PackPlant plant) {
        int n = plant.afe().channelCount();
        double[] pullUp = new double[n];
        double[] pullDown = new double[n];
        plant.afe().openWireConversion(plant.timeNs(), true, pullUp);
        plant.afe().openWireConversion(plant.timeNs(), false, pullDown);
        double[] difference = new double[n];
        for (int g = 0; g < n; g++) {
            difference[g] = pullUp[g] - pullDown[g];
        }
        return difference;
    }

    @Test
    void shouldLetTheFloatingPinOfABrokenSenseWireDriftDown() {
        PackPlant plant = plant(AfeConfig.IDEAL, 5); // every group at 3.6 V; the pin drifts with tau = 1 s
        plant.inject(PlantFault.of(PlantFault.Type.OPEN_WIRE, 2));
        plant.step(Plants.STEP_NS);
        Measurements m = plant.measurements();
        // the input filter still holds the pin: the first readings barely move
        assertThat(m.cellVoltageV(2)).isCloseTo(3.6 * Math.exp(-0.01), within(1e-5));
        Plants.run(plant, Plants.STEP_NS, 1.0);
        assertThat(m.cellVoltageV(2)).isCloseTo(3.6 * Math.exp(-1.01), within(1e-4));
        assertThat(m.cellVoltageV(2) + m.cellVoltageV(3)).isCloseTo(7.2, within(1e-5)); // the sum is kept
        Plants.run(plant, Plants.STEP_NS, 9.0);
        assertThat(m.cellVoltageV(2)).isCloseTo(0.0, within(1e-3));
        assertThat(m.cellVoltageV(3)).isCloseTo(7.2, within(1e-3));
    }

    @Test
    void shouldShowTheLtc68xxOpenWireSignature() {
        PackPlant plant = plant(AfeConfig.IDEAL, 5);
        plant.inject(PlantFault.of(PlantFault.Type.OPEN_WIRE, 2)); // between groups 2 and 3
        plant.step(Plants.STEP_NS);
        double[] difference = openWireDifference(plant);
        for (int g = 0; g < 5; g++) {
            // the cell above an open wire: pull-up minus pull-down below -400 mV
            assertThat(difference[g] < -0.4).as("cell %d", g).isEqualTo(g == 3);
        }
        assertThat(difference[3]).isCloseTo(-7.2, within(1e-5));
    }

    @Test
    void shouldPullAdjacentFloatingPinsTogether() {
        PackPlant plant = plant(AfeConfig.IDEAL, 5);
        plant.inject(PlantFault.of(PlantFault.Type.OPEN_WIRE, 1));
        plant.inject(PlantFault.of(PlantFault.Type.OPEN_WIRE, 2));
        plant.step(Plants.STEP_NS);
        double[] pullUp = new double[5];
        plant.afe().openWireConversion(plant.timeNs(), true, pullUp);
        // pins 2 and 3 float up to pin 4: group 1 reads three cells, groups 2 and 3 nothing
        assertThat(pullUp).containsExactly(new double[] {3.6, 10.8, 0.0, 0.0, 3.6}, within(1e-5));
        // the filter holds the pulled pins until normal conversions let them drift back down
        plant.step(Plants.STEP_NS);
        assertThat(plant.measurements().cellVoltageV(1)).isGreaterThan(10.0);
    }

    @Test
    void shouldShowABrokenTopWireOnPullDown() {
        PackPlant plant = plant(AfeConfig.IDEAL, 5);
        plant.inject(PlantFault.of(PlantFault.Type.OPEN_WIRE, 4)); // the top of the stack
        plant.step(Plants.STEP_NS);
        double[] pullDown = new double[5];
        plant.afe().openWireConversion(plant.timeNs(), false, pullDown);
        assertThat(pullDown[4]).isCloseTo(0.0, within(1e-6)); // the LTC rule for the top pin
        for (double d : openWireDifference(plant)) {
            assertThat(d).isGreaterThan(-0.4); // the -400 mV rule does not see the top pin
        }
        plant.clear(PlantFault.of(PlantFault.Type.OPEN_WIRE, 4));
        plant.step(Plants.STEP_NS);
        assertThat(plant.measurements().cellVoltageV(4)).isCloseTo(3.6, within(1e-3));
    }

    @Test
    void shouldKeepAStuckChannelStuckAtAnInvalidReading() {
        PackPlant plant = plant(AfeConfig.IDEAL, 3);
        plant.inject(PlantFault.of(PlantFault.Type.CELL_VOLTAGE_SENSOR_NAN, 1));
        plant.step(Plants.STEP_NS);
        plant.inject(PlantFault.of(PlantFault.Type.CELL_VOLTAGE_SENSOR_STUCK, 1));
        plant.clear(PlantFault.of(PlantFault.Type.CELL_VOLTAGE_SENSOR_NAN, 1));
        plant.step(Plants.STEP_NS);
        assertThat(plant.measurements().cellVoltageV(1)).isNaN();
        plant.clear(PlantFault.of(PlantFault.Type.CELL_VOLTAGE_SENSOR_STUCK, 1));
        plant.step(Plants.STEP_NS);
        assertThat(plant.measurements().cellVoltageV(1)).isCloseTo(3.6, within(1e-3));
    }

    @Test
    void shouldReportTemperatureSensorsPerModuleAndTheirFaults() {
        AfeConfig perModule = AfeConfig.IDEAL.withCellsPerTemperatureSensor(4);
        PackPlant plant = plant(perModule, 8);
        assertThat(plant.afe().temperatureSensorCount()).isEqualTo(2);
        plant.thermal().setExternalHeatW(5, 0.42); // +10 K on cell 5 at steady state (hA = 0.042 W/K)
        Plants.run(plant, 1_000_000_000L, 20_000);
        Measurements m = plant.measurements();
        double meanSecondModule = 0;
        for (int c = 4; c < 8; c++) {
            meanSecondModule += plant.thermal().temperatureC(c) / 4;
        }
        assertThat(m.temperatureC(1)).isCloseTo(meanSecondModule, within(1e-5));
        assertThat(m.temperatureC(1)).isGreaterThan(m.temperatureC(0) + 1.0);
        plant.inject(PlantFault.of(PlantFault.Type.TEMPERATURE_SENSOR_DISCONNECTED, 0));
        plant.inject(new PlantFault(PlantFault.Type.TEMPERATURE_SENSOR_OFFSET, 1, 15.0));
        plant.step(Plants.STEP_NS);
        assertThat(m.temperatureC(0)).isEqualTo(-273.0); // the bottom of the (ideal) sensor's range
        assertThat(m.temperatureC(1)).isCloseTo(meanSecondModule + 15.0, within(1e-4));
    }

    @Test
    void shouldReportCurrentIsolationAndContactorFeedback() {
        PackPlant plant = plant(AfeConfig.IDEAL, 4);
        plant.setLoad(new ConstantCurrentLoad(5.0, 100));
        Plants.connect(plant);
        Plants.run(plant, Plants.STEP_NS, 1.0);
        Measurements m = plant.measurements();
        // the load and the link's 100 kOhm discharge resistor (less a few uA from the link capacitor as the
        // voltage sags)
        assertThat(m.packCurrentA()).isCloseTo(5.0 + m.linkVoltageV() / 1e5, within(1e-4));
        assertThat(m.contactorClosed(ContactorId.MAIN_POSITIVE)).isTrue();
        assertThat(m.contactorClosed(ContactorId.PRECHARGE)).isFalse();
        assertThat(m.linkVoltageV()).isCloseTo(plant.pack().terminalVoltageV(), within(1e-3));
        plant.inject(new PlantFault(PlantFault.Type.CURRENT_SENSOR_OFFSET, 0, 2.0));
        plant.step(Plants.STEP_NS);
        assertThat(m.packCurrentA()).isCloseTo(7.0 + m.linkVoltageV() / 1e5, within(1e-4));
        plant.inject(PlantFault.of(PlantFault.Type.CURRENT_SENSOR_LOSS, 0));
        plant.step(Plants.STEP_NS);
        assertThat(m.packCurrentA()).isNaN();
        assertThat(m.isolationResistanceOhm()).isEqualTo(PlantConfig.HEALTHY_ISOLATION_OHM);
        plant.inject(new PlantFault(PlantFault.Type.ISOLATION_FAULT, 0, 300e3));
        Plants.run(plant, Plants.STEP_NS, 1.0); // the monitor reports once a second
        assertThat(m.isolationResistanceOhm()).isEqualTo(300e3);
        plant.inject(PlantFault.of(PlantFault.Type.CONTACTOR_WELDED, ContactorId.MAIN_POSITIVE.wireCode()));
        plant.commandContactor(ContactorId.MAIN_POSITIVE, false);
        Plants.run(plant, Plants.STEP_NS, 0.1);
        assertThat(m.contactorClosed(ContactorId.MAIN_POSITIVE)).isTrue();
    }

    @Test
    void shouldStopBalancingWhenTheHostGoesQuiet() {
        PackPlant plant = plant(AfeConfig.DEFAULT, 4); // 2 s watchdog
        plant.commandBalancing(1, true);
        Plants.run(plant, Plants.STEP_NS, 1.0);
        assertThat(plant.pack().groupBleedCurrentA(1)).isCloseTo(3.6 / 33.0, within(1e-3));
        plant.commandBalancing(1, true);
        Plants.run(plant, Plants.STEP_NS, 1.9);
        assertThat(plant.pack().isBalancing(1)).isTrue();
        Plants.run(plant, Plants.STEP_NS, 0.2);
        assertThat(plant.pack().isBalancing(1)).isFalse();
        // commands do not reach an unreachable AFE
        plant.inject(PlantFault.of(PlantFault.Type.AFE_COMMUNICATION_LOSS, 0));
        plant.commandBalancing(2, true);
        plant.step(Plants.STEP_NS);
        assertThat(plant.pack().isBalancing(2)).isFalse();
    }

    @Test
    void shouldKeepBalancingWhileTheHostKeepsReading() {
        PackPlant plant = plant(AfeConfig.DEFAULT, 4);
        plant.commandBalancing(1, true);
        for (int k = 0; k < 500; k++) { // 5 s of 10 ms polls that never repeat the balancing command
            plant.step(Plants.STEP_NS);
            plant.afe().hostActivity(plant.timeNs());
        }
        assertThat(plant.pack().isBalancing(1)).isTrue();
    }

    @Test
    void shouldRejectAChannelTheAfeDoesNotHave() {
        PackPlant plant = plant(AfeConfig.DEFAULT, 4);
        assertThatThrownBy(() -> plant.commandBalancing(4, true))
                .hasMessage("no cell voltage channel 4; this AFE has 4 (0 to 3)");
        assertThatThrownBy(() -> plant.inject(new PlantFault(PlantFault.Type.ISOLATION_FAULT, 0, -5)))
                .hasMessage("isolation resistance must be a finite number above zero, got -5.0");
    }
}
