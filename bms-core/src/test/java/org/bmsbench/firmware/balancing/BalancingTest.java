package org.bmsbench.firmware.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.firmware.ClosedLoop;
import org.bmsbench.firmware.FirmwareHarness;
import org.bmsbench.firmware.ScriptedPort;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantConfig;
import org.bmsbench.sim.load.CcCvCharger;
import org.bmsbench.sim.load.RestLoad;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BalancingTest {
    private static BmsConfig config(String overrides) {
        return BmsConfigFiles.withOverrides(ConfigNode.parse("test.yaml", overrides));
    }

    private static double trueSpread(PackPlant plant) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int c = 0; c < plant.pack().cellCount(); c++) {
            min = Math.min(min, plant.pack().soc(c));
            max = Math.max(max, plant.pack().soc(c));
        }
        return max - min;
    }

    /**
     * A 12s1p pack with its cells spread evenly over 3 % of soc, charged at 0.5C to 4.2 V on the highest cell:
     * balancing while charging brings the spread down to about its threshold.
     */
    @ParameterizedTest
    @CsvSource({
        // strategy, the spread it must reach (soc): voltage's 10 mV threshold is about 1 % of soc on this OCV
        "voltage, 0.013",
        "soc,     0.011",
    })
    void shouldShrinkA3PercentSpreadToItsThresholdWhileCharging(String strategy, double reachedSpread) {
        PackConfig pack = PackConfig.of(CellFiles.preset("panasonic-18650pf"), 12, 1, 0.5);
        PackPlant plant = new PackPlant(PlantConfig.of(pack, 25.0, 1));
        for (int c = 0; c < 12; c++) {
            plant.pack().setSoc(c, 0.50 + 0.03 * c / 11.0);
        }
        ClosedLoop loop = new ClosedLoop(plant, config("balancing: {strategy: " + strategy + "}"));
        assertThat(trueSpread(plant)).isCloseTo(0.03, org.assertj.core.api.Assertions.within(1e-9));
        CcCvCharger charger = new CcCvCharger(1.45, 4.2, 0.05, CcCvCharger.Limit.HIGHEST_CELL, 86_400);
        plant.setLoad(charger);
        loop.connect();
        int maxBalancing = 0;
        while (!charger.isFinished(plant.timeS()) && plant.timeS() < 4 * 3600) {
            loop.run(10);
            maxBalancing = Math.max(maxBalancing, loop.firmware.balancing().activeCount());
        }
        assertThat(charger.isFinished(plant.timeS())).isTrue();
        assertThat(maxBalancing).as("cells bled at once").isGreaterThan(3);
        plant.setLoad(new RestLoad(3600));
        loop.run(600);
        assertThat(trueSpread(plant)).as("spread after the charge").isLessThan(reachedSpread);
        assertThat(loop.firmware.diagnosis().anyRaised(org.bmsbench.firmware.diag.FaultLevel.WARNING)).isFalse();
        assertThat(loop.firmware.state()).isEqualTo(BmsState.NORMAL);
    }

    /** So that the tests below see balancing within a few hundred ms of charging. */
    private static final String CHARGING_COUNTS_AT_ONCE = "balancing: {charge_time_s: 0}";

    private static FirmwareHarness spreadHarness(String overrides) {
        ScriptedPort port = new ScriptedPort(4, 4, 3.90, 25.0);
        port.m.setCellVoltageV(2, 3.95); // 50 mV above the others
        port.m.setPackCurrentA(-1.0); // charging: balancing allowed
        return new FirmwareHarness(config(overrides), port);
    }

    @Test
    void shouldSwitchStrategyWhenAskedFromAnotherThread() throws InterruptedException {
        FirmwareHarness h = spreadHarness(CHARGING_COUNTS_AT_ONCE.replace("}", ", strategy: none}"));
        h.runMs(300);
        assertThat(h.firmware.balancing().activeStrategy()).isEqualTo(BalancingConfig.Strategy.NONE);
        assertThat(h.port.balancing).containsOnly(false);
        Thread remote = new Thread(() -> h.firmware.balancing().requestStrategy(BalancingConfig.Strategy.VOLTAGE));
        remote.start();
        remote.join();
        h.runMs(300);
        assertThat(h.firmware.balancing().activeStrategy()).isEqualTo(BalancingConfig.Strategy.VOLTAGE);
        assertThat(h.port.balancing).containsExactly(false, false, true, false);
        h.firmware.balancing().requestStrategy(BalancingConfig.Strategy.NONE);
        h.runMs(300);
        assertThat(h.port.balancing).as("switched off again").containsOnly(false);
    }

    @Test
    void shouldBleedTheHighCellAndPauseDuringConversions() {
        FirmwareHarness h = spreadHarness(CHARGING_COUNTS_AT_ONCE);
        h.runMs(300);
        assertThat(h.port.balancing).containsExactly(false, false, true, false);
        assertThat(h.port.dischargeDuringConversion).isFalse();
        h.port.m.setCellVoltageV(2, 3.9085); // within threshold, above threshold - hysteresis: keeps bleeding
        h.runMs(300);
        assertThat(h.port.balancing[2]).isTrue();
        h.port.m.setCellVoltageV(2, 3.9040); // within threshold - hysteresis: stops
        h.runMs(300);
        assertThat(h.port.balancing[2]).isFalse();
    }

    @Test
    void shouldStopOnAHotCellAHotBoardAndInTheErrorState() {
        FirmwareHarness h = spreadHarness(CHARGING_COUNTS_AT_ONCE);
        h.runMs(300);
        assertThat(h.port.balancingCount()).isOne();
        h.port.m.setTemperatureC(0, 51.0);
        h.runMs(300);
        assertThat(h.port.balancingCount()).as("cell above 50 degC").isZero();
        h.port.m.setTemperatureC(0, 25.0);
        h.runMs(300);
        assertThat(h.port.balancingCount()).isOne();
        h.port.m.setBoardTemperatureC(0, 66.0);
        h.runMs(300);
        assertThat(h.port.balancingCount()).as("board above 65 degC").isZero();
        h.port.m.setBoardTemperatureC(0, 40.0);
        h.runMs(300);
        assertThat(h.port.balancingCount()).isOne();
        h.port.m.setPackCurrentA(Double.NaN); // a fatal current-sensor fault
        h.runUntil(BmsState.ERROR, 2000);
        assertThat(h.firmware.state()).isEqualTo(BmsState.ERROR);
        h.port.m.setPackCurrentA(-1.0);
        h.runMs(500);
        assertThat(h.port.balancingCount()).as("never in the error state").isZero();
    }

    @Test
    void shouldBalanceWhileChargingOnlyAfterAMinuteOfSteadyCharge() {
        FirmwareHarness h = spreadHarness("{}"); // charging at 1 A from the start
        h.runMs(59_000);
        assertThat(h.port.balancingCount()).as("after 59 s of charge").isZero();
        h.runMs(1_200);
        assertThat(h.port.balancingCount()).as("after 60 s of charge").isOne();
        h.port.m.setPackCurrentA(3.0); // a short discharge restarts the count: braking pulses do not balance
        h.runMs(1_000);
        h.port.m.setPackCurrentA(-1.0);
        h.runMs(30_000);
        assertThat(h.port.balancingCount()).as("30 s into a new charge").isZero();
    }

    @Test
    void shouldBalanceAtRestOnlyAfterTheRestTime() {
        FirmwareHarness h = spreadHarness("balancing: {rest_time_s: 60}");
        h.port.m.setPackCurrentA(0.0);
        h.runMs(59_000);
        assertThat(h.port.balancingCount()).isZero();
        h.runMs(1_200);
        assertThat(h.port.balancingCount()).isOne();
        h.port.m.setPackCurrentA(3.0); // driving
        h.runMs(300);
        assertThat(h.port.balancingCount()).isZero();
    }

    @Test
    void shouldNeverBleedACellBelowTheMinimumBalancingVoltage() {
        ScriptedPort port = new ScriptedPort(4, 4, 3.40, 25.0);
        port.m.setCellVoltageV(2, 3.45); // 50 mV above the others, but below 3.5 V
        port.m.setPackCurrentA(-1.0);
        FirmwareHarness h = new FirmwareHarness(config("{}"), port);
        h.runMs(500);
        assertThat(h.port.balancingCount()).isZero();
    }
}
