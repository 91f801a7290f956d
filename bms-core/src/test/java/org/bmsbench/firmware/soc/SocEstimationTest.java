package org.bmsbench.firmware.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.firmware.ClosedLoop;
import org.bmsbench.io.SpeedTraces;
import org.bmsbench.sim.CellVariation;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantConfig;
import org.bmsbench.sim.load.DriveCycleLoad;
import org.bmsbench.sim.load.RestLoad;
import org.bmsbench.sim.load.VehicleParameters;
import org.junit.jupiter.api.Test;

class SocEstimationTest {
    /** 12s1p of the Panasonic preset with spread and the default noisy sensors. */
    private static PackPlant plant(double soc) {
        PackConfig pack = PackConfig.of(CellFiles.preset("panasonic-18650pf"), 12, 1, soc)
                .withVariation(new CellVariation(0.02, 0.05, 0.01, 0.1));
        return new PackPlant(PlantConfig.of(pack, 25.0, 3));
    }

    private static BmsConfig config(String overrides) {
        return BmsConfigFiles.withOverrides(ConfigNode.parse("test.yaml", overrides));
    }

    @Test
    void shouldConvergeFromTwentyPointsWrongWithinTenMinutesOfAWltcAndStay() {
        ClosedLoop loop = new ClosedLoop(plant(0.9), config("soc: {estimator: ekf}"));
        loop.firmware.initialiseSoc(0.7);
        assertThat(loop.worstSocError()).isGreaterThan(0.18);
        // a 12-cell module's share of a mid-size EV's 75 kWh battery on two WLTCs (1 h); the drive starts as soon
        // as the contactors close (the 0.7 s of precharge is the only rest the filter gets)
        loop.plant.setLoad(new DriveCycleLoad(SpeedTraces.bundled("wltc-3b"), VehicleParameters.MIDSIZE_EV, 2,
                12.0 / 7500));
        loop.connect();
        loop.run(600);
        assertThat(loop.worstSocError()).as("after 10 min").isLessThan(0.02);
        double worstAfter = 0;
        while (!loop.plant.load().isFinished(loop.plant.timeS())) {
            loop.run(1.0);
            worstAfter = Math.max(worstAfter, loop.worstSocError());
        }
        assertThat(worstAfter).as("from 10 min to the end of the hour").isLessThan(0.02);
        assertThat(loop.plant.pack().soc(0)).as("the drive used charge").isLessThan(0.85);
    }

    @Test
    void shouldConvergeWhileDrivingWithoutARest() {
        ClosedLoop loop = new ClosedLoop(plant(0.95), config("soc: {estimator: ekf}"));
        loop.plant.setLoad(new DriveCycleLoad(SpeedTraces.bundled("wltc-3b"), VehicleParameters.MIDSIZE_EV, 2,
                12.0 / 7500));
        loop.connect();
        loop.run(900); // into the medium-speed phase
        SocEstimation soc = loop.firmware.soc();
        for (int g = 0; g < 12; g++) {
            soc.estimator().reset(g, loop.plant.pack().soc(g) - 0.2);
        }
        loop.run(600);
        assertThat(loop.worstSocError()).as("10 min after a 20-point error, on the move").isLessThan(0.02);
        double worst = 0;
        for (int s = 0; s < 1800; s++) {
            loop.run(1.0);
            worst = Math.max(worst, loop.worstSocError());
        }
        assertThat(worst).isLessThan(0.02);
    }

    @Test
    void shouldCountCoulombsAndReAnchorOnTheRestVoltage() {
        // rest 600 s below 0.2 A re-anchors; start 10 points wrong
        ClosedLoop loop = new ClosedLoop(plant(0.8), config("soc: {estimator: coulomb}"));
        loop.firmware.initialiseSoc(0.7);
        loop.connect();
        loop.plant.setLoad(new DriveCycleLoad(SpeedTraces.bundled("udds"), VehicleParameters.MIDSIZE_EV, 1,
                12.0 / 7500));
        double trueStart = loop.plant.pack().soc(0);
        double estimateStart = loop.firmware.soc().soc(0);
        loop.run(1369);
        // counting carries the initial error through the drive unchanged (to the sensor's offset)
        double trueDrop = trueStart - loop.plant.pack().soc(0);
        double estimatedDrop = estimateStart - loop.firmware.soc().soc(0);
        assertThat(estimatedDrop).isCloseTo(trueDrop, within(0.005));
        assertThat(loop.worstSocError()).isGreaterThan(0.09);
        CoulombCounter counter = (CoulombCounter) loop.firmware.soc().estimator();
        double varianceBefore = counter.variance(0);
        // a long rest: after 600 s below 0.2 A the OCV gives the soc back
        loop.plant.setLoad(new RestLoad(1800));
        loop.run(550);
        assertThat(counter.anchorings(0)).isZero();
        loop.run(1200);
        assertThat(counter.anchorings(0)).isOne();
        // within the rested cell's remaining polarisation and hysteresis (a few mV on a ~0.9 V per unit slope)
        assertThat(loop.worstSocError()).isLessThan(0.02);
        assertThat(counter.variance(0)).isLessThan(varianceBefore);
    }

    @Test
    void shouldStartFromTheRestVoltageLikeFirmwareAtPowerUp() {
        ClosedLoop loop = new ClosedLoop(plant(0.55), config("{}"));
        loop.run(0.2);
        assertThat(loop.firmware.soc().initialised()).isTrue();
        assertThat(loop.worstSocError()).as("the OCV table and the AFE's error").isLessThan(0.02);
    }

    @Test
    void shouldShowTheDriverAFullPackWhenTheFirstCellIsFull() {
        ClosedLoop loop = new ClosedLoop(plant(0.5), config("soc: {estimator: none}"));
        loop.run(0.2);
        SocEstimation soc = loop.firmware.soc();
        soc.estimator().reset(0, 1.0);
        for (int g = 1; g < 12; g++) {
            soc.estimator().reset(g, 0.9);
        }
        assertThat(soc.displayedSoc()).isEqualTo(1.0);
        soc.estimator().reset(5, 0.0);
        assertThat(soc.displayedSoc()).as("one full, one empty: no usable energy either way").isIn(0.0, 1.0);
        soc.estimator().reset(0, 0.9);
        assertThat(soc.displayedSoc()).isZero();
        soc.estimator().reset(5, 0.3);
        // min 0.3, max 0.9: 0.3 / (0.3 + 0.1)
        assertThat(soc.displayedSoc()).isCloseTo(0.75, within(1e-12));
        assertThat(soc.minSoc()).isEqualTo(0.3);
        assertThat(soc.maxSoc()).isEqualTo(0.9);
        assertThat(soc.meanSoc()).isCloseTo((0.9 * 11 + 0.3) / 12, within(1e-12));
    }
}
