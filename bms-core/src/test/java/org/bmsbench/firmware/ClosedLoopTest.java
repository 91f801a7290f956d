package org.bmsbench.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.io.SpeedTraces;
import org.bmsbench.port.ContactorId;
import org.bmsbench.sim.CellVariation;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantConfig;
import org.bmsbench.sim.PlantFault;
import org.bmsbench.sim.load.CcCvCharger;
import org.bmsbench.sim.load.ConstantCurrentLoad;
import org.bmsbench.sim.load.DriveCycleLoad;
import org.bmsbench.sim.load.VehicleParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The firmware, with its default configuration, against the simulated pack through the hardware port: a
 * 12s1p Panasonic module with cell spread and noisy sensors.
 */
class ClosedLoopTest {
    private static ClosedLoop module(double soc) {
        PackConfig pack = PackConfig.of(CellFiles.preset("panasonic-18650pf"), 12, 1, soc)
                .withVariation(new CellVariation(0.02, 0.05, 0.01, 0.1));
        return new ClosedLoop(new PackPlant(PlantConfig.of(pack, 25.0, 11)), BmsConfigFiles.defaults());
    }

    /** A 12-cell module's share of a mid-size EV's 75 kWh battery. */
    private static DriveCycleLoad wltc(int repeat) {
        return new DriveCycleLoad(SpeedTraces.bundled("wltc-3b"), VehicleParameters.MIDSIZE_EV, repeat, 12.0 / 7500);
    }

    private static void assertNoWarningOrFatal(ClosedLoop loop) {
        for (FaultId id : FaultId.values()) {
            assertThat(loop.firmware.diagnosis().isRaised(id, FaultLevel.WARNING)).as(id + " warning").isFalse();
            assertThat(loop.firmware.diagnosis().isRaised(id, FaultLevel.FATAL)).as(id + " fatal").isFalse();
        }
    }

    @Test
    void shouldDriveAndChargeWithoutASpuriousFault() {
        ClosedLoop loop = module(0.9);
        loop.plant.setLoad(wltc(2));
        loop.connect();
        while (!loop.plant.load().isFinished(loop.plant.timeS())) {
            loop.run(10);
            assertNoWarningOrFatal(loop);
            assertThat(loop.firmware.state()).isEqualTo(BmsState.NORMAL);
        }
        double afterDrive = loop.plant.pack().soc(0);
        assertThat(afterDrive).as("the hour's drive used charge").isLessThan(0.85);
        CcCvCharger charger = new CcCvCharger(1.45, 4.2, 0.05, CcCvCharger.Limit.HIGHEST_CELL, 86_400);
        loop.plant.setLoad(charger);
        while (!charger.isFinished(loop.plant.timeS()) && loop.plant.timeS() < 6 * 3600) {
            loop.run(10);
            assertNoWarningOrFatal(loop);
        }
        assertThat(charger.isFinished(loop.plant.timeS())).isTrue();
        assertThat(loop.firmware.soc().maxSoc()).isGreaterThan(0.97);
        assertThat(loop.firmware.limits().chargeA()).as("nearly full: little charge allowed").isLessThan(1.0);
        loop.firmware.request(BmsRequest.STANDBY);
        loop.run(1);
        assertThat(loop.firmware.state()).isEqualTo(BmsState.STANDBY);
        assertThat(loop.plant.contactors().isMainPathClosed()).isFalse();
        assertThat(loop.firmware.stateMachine().openingsUnderLoad()).isZero();
    }

    /**
     * Each plant fault, injected while driving, must raise its fault and get its reaction: open contactors for
     * the fatal ones (waiting for the fatal tier), the configured milder reaction for the others.
     */
    @ParameterizedTest(name = "{0} on {1}: {3} within {5} s, contactors open: {4}")
    @CsvSource({
        // plant fault,                  target, value,   expected fault,                opens, within s
        "cell_voltage_sensor_offset,     3,      0.6,     CELL_VOLTAGE_SPREAD,           true,  1",
        "cell_voltage_sensor_nan,        5,      NaN,     CELL_VOLTAGE_IMPLAUSIBLE,      true,  1",
        "cell_voltage_sensor_stuck,      5,      NaN,     CELL_VOLTAGE_IMPLAUSIBLE,      true,  30",
        "open_wire,                      6,      NaN,     CELL_VOLTAGE_IMPLAUSIBLE,      true,  10",
        "temperature_sensor_offset,      2,      40,      CELL_OVERTEMPERATURE_DISCHARGE, true, 8",
        "temperature_sensor_disconnected, 2,     NaN,     TEMPERATURE_IMPLAUSIBLE,       false, 1",
        "current_sensor_offset,          0,      20,      OVERCURRENT_DISCHARGE,         true,  1",
        "current_sensor_loss,            0,      NaN,     CURRENT_SENSOR_FAULT,          true,  1",
        "afe_communication_loss,         0,      NaN,     AFE_COMMUNICATION_LOSS,        true,  1",
        // 20 W on one cell: its neighbours take much of it, it passes 55 degC after about 100 s
        "cell_heating,                   4,      20,      CELL_OVERTEMPERATURE_DISCHARGE, true, 300",
        // a 1 Ohm short drains its cell by ~3.8 A: the spread grows to the fatal 500 mV within the hour
        "cell_internal_short,            8,      1,       CELL_VOLTAGE_SPREAD,           true,  3600",
        "isolation_fault,                0,      300000,  ISOLATION_LOW,                 false, 3",
    })
    void shouldReactToEachInjectedFault(String type, int target, double value, FaultId expected, boolean opens,
                                        double withinS) {
        ClosedLoop loop = module(0.8);
        loop.plant.setLoad(wltc(3));
        loop.connect();
        loop.run(700); // into the WLTC's medium-speed phase
        assertNoWarningOrFatal(loop);
        loop.plant.inject(new PlantFault(PlantFault.Type.valueOf(type.toUpperCase(java.util.Locale.ROOT)), target,
                value));
        double start = loop.plant.timeS();
        FaultLevel awaited = opens ? FaultLevel.FATAL : FaultLevel.INFO;
        while (!raisedAtLeast(loop, expected, awaited) && loop.plant.timeS() - start < withinS) {
            loop.run(0.01);
        }
        assertThat(raisedAtLeast(loop, expected, awaited)).as(expected + " raised at " + awaited).isTrue();
        loop.run(2.0); // the reaction: debounce delays and the opening itself
        boolean open = !loop.plant.contactors().mainPositive().isClosed();
        assertThat(open).as("contactors open").isEqualTo(opens);
        assertThat(loop.firmware.state()).isEqualTo(opens ? BmsState.ERROR : BmsState.NORMAL);
        if (!opens) {
            assertThat(loop.firmware.limits().dischargeA()).as("derated or unchanged, never more")
                    .isLessThanOrEqualTo(loop.firmware.config().limits().dischargeCurrentA().max());
        }
    }

    private static boolean raisedAtLeast(ClosedLoop loop, FaultId id, FaultLevel level) {
        FaultLevel highest = loop.firmware.diagnosis().highestRaised(id);
        return highest != null && highest.ordinal() >= level.ordinal();
    }

    @Test
    void shouldStopAChargerThatIgnoresTheLimitsAtTheFatalOverVoltage() {
        ClosedLoop loop = module(0.97);
        loop.connect();
        // an abusive charger: 1C, no voltage limit of its own, respecting nothing
        loop.plant.setLoad(new ConstantCurrentLoad(-2.9, 3600));
        double highest = 0;
        while (loop.firmware.state() == BmsState.NORMAL && loop.plant.timeS() < 3600) {
            loop.run(0.01);
            for (int g = 0; g < 12; g++) {
                highest = Math.max(highest, loop.plant.pack().groupVoltageV(g));
            }
        }
        assertThat(loop.firmware.diagnosis().isRaised(FaultId.CELL_OVERVOLTAGE, FaultLevel.FATAL)).isTrue();
        loop.run(1.0);
        assertThat(loop.plant.contactors().isMainPathClosed()).isFalse();
        // opened within about 0.7 s of crossing 4.25 V, at a few mV/s of rise: the cells stay below 4.3 V
        assertThat(highest).isBetween(4.25, 4.30);
    }

    @Test
    void shouldFindAContactorThatWeldedWhileClosed() {
        ClosedLoop loop = module(0.8);
        loop.connect();
        loop.plant.inject(PlantFault.of(PlantFault.Type.CONTACTOR_WELDED, ContactorId.MAIN_NEGATIVE.ordinal()));
        loop.firmware.request(BmsRequest.STANDBY);
        loop.run(1.0);
        assertThat(loop.firmware.diagnosis().isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL)).isTrue();
        assertThat(loop.firmware.state()).isEqualTo(BmsState.ERROR);
        loop.firmware.request(BmsRequest.RESET_FAULTS);
        loop.run(1.0);
        assertThat(loop.firmware.state()).as("latched until service").isEqualTo(BmsState.ERROR);
    }
}
