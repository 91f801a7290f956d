package org.bmsbench.firmware.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.firmware.FirmwareHarness;
import org.bmsbench.firmware.ScriptedPort;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.GridPoint;
import org.junit.jupiter.api.Test;

class CurrentLimitsTest {
    private static FirmwareHarness harness(String overrides, double cellV, double temperatureC) {
        BmsConfig config = BmsConfigFiles.withOverrides(ConfigNode.parse("t.yaml", overrides));
        return new FirmwareHarness(config, new ScriptedPort(12, 12, cellV, temperatureC));
    }

    @Test
    void shouldBeZeroUntilTheContactorsAreClosed() {
        FirmwareHarness h = harness("{}", 3.7, 25.0);
        h.runMs(500);
        assertThat(h.firmware.limits().dischargeA()).isZero();
        assertThat(h.firmware.limits().chargeA()).isZero();
        h.closeContactors();
        h.runMs(200);
        assertThat(h.firmware.limits().dischargeA()).isPositive();
    }

    @Test
    void shouldTakeTheTableAtMidSocAndTheVoltageHeadroomNearTheEnds() {
        FirmwareHarness h = harness("soc: {estimator: none}", 3.7, 25.0);
        h.closeContactors();
        h.runMs(200);
        double soc = h.firmware.soc().soc(0);
        // mid soc, 25 degC: the table's 10 A per cell binds (the headroom to 2.5 V is far larger)
        assertThat(h.firmware.limits().dischargeA()).isCloseTo(10.0, within(1e-9));
        // charge: 2.9 A per cell from the table, or the headroom to 4.2 V over 10 s, whichever is smaller
        CellModel model = new CellModel(h.firmware.config().cell());
        GridPoint p = new GridPoint();
        model.locate(soc, 25.0, p);
        double r = model.r0Ohm(p);
        for (int k = 0; k < model.rcPairCount(); k++) {
            r += model.rcResistanceOhm(k, p) * (1 - Math.exp(-10.0 / model.rcTauS(k, p)));
        }
        double headroom = (4.2 - model.ocvV(p)) / r;
        assertThat(h.firmware.limits().chargeA()).isCloseTo(Math.min(2.9, headroom), within(1e-9));
        // nearly empty: the table's low-soc derating, or the headroom to 2.5 V
        for (int g = 0; g < 12; g++) {
            h.firmware.soc().estimator().reset(g, 0.02);
        }
        h.runMs(200);
        model.locate(0.02, 25.0, p);
        double rEmpty = model.r0Ohm(p);
        for (int k = 0; k < model.rcPairCount(); k++) {
            rEmpty += model.rcResistanceOhm(k, p) * (1 - Math.exp(-10.0 / model.rcTauS(k, p)));
        }
        double table = h.firmware.config().limits().dischargeCurrentA().valueAt(0.02, 25.0); // 2 + 0.4 x 3 A
        assertThat(table).isCloseTo(3.2, within(1e-12));
        assertThat(h.firmware.limits().dischargeA()).isCloseTo(Math.min(table, (model.ocvV(p) - 2.5) / rEmpty),
                within(1e-9));
    }

    @Test
    void shouldScaleWithTheCellsInParallelAndDerateOnAWarning() {
        FirmwareHarness h = harness("pack: {parallel: 3}\nsoc: {estimator: none}", 3.7, 25.0);
        h.closeContactors();
        h.runMs(200);
        assertThat(h.firmware.limits().dischargeA()).isCloseTo(30.0, within(1e-9));
        h.port.m.setIsolationResistanceOhm(400e3); // ISOLATION_LOW fatal: derate by default
        h.runMs(1000);
        assertThat(h.firmware.limits().dischargeA()).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void shouldFollowTheTemperatureDerating() {
        FirmwareHarness h = harness("soc: {estimator: none}", 3.7, 50.0); // between 45 and 55 degC
        h.closeContactors();
        h.runMs(200);
        // discharge table at 50 degC: halfway between 10 A (45) and 5 A (55); charge table: 0 above 45 degC
        assertThat(h.firmware.limits().dischargeA()).isCloseTo(7.5, within(1e-9));
        assertThat(h.firmware.limits().chargeA()).isZero();
    }
}
