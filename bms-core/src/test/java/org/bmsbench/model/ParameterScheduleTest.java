package org.bmsbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.bmsbench.config.CellFiles;
import org.junit.jupiter.api.Test;

class ParameterScheduleTest {
    private final CellModel model = new CellModel(CellModelTest.mixedGrids());
    private final GridPoint point = new GridPoint();

    @Test
    void shouldGiveTheExactOcvAndSlopeWhereverTheCellsWander() {
        ParameterSchedule schedule = new ParameterSchedule(model, 3, ParameterSchedule.Holds.PLANT);
        SplittableRandom random = new SplittableRandom(7);
        double[] soc = {0.5, -0.1, 1.05};
        double[] temperature = {25.0, -20.0, 5.0};
        for (int n = 0; n < 20_000; n++) {
            for (int c = 0; c < 3; c++) {
                // small steps mostly (the patch is kept), now and then a jump (a new patch, across the clamps)
                boolean jump = random.nextInt(50) == 0;
                soc[c] = jump ? random.nextDouble(-0.2, 1.2) : soc[c] + random.nextDouble(-0.004, 0.004);
                temperature[c] = jump ? random.nextDouble(-25.0, 55.0) : temperature[c] + random.nextDouble(-0.3, 0.3);
                schedule.update(c, soc[c], temperature[c]);
                model.locate(soc[c], temperature[c], point);
                assertThat(schedule.ocvV(c)).isCloseTo(model.ocvV(point), within(1e-12));
                assertThat(schedule.ocvSlopeVPerSoc(c)).isCloseTo(model.ocvSlopeVPerSoc(point), within(1e-9));
            }
        }
    }

    @Test
    void shouldUpdateEveryCellAtOnceAsOneByOne() {
        int cells = 5;
        ParameterSchedule together = new ParameterSchedule(model, cells, ParameterSchedule.Holds.PLANT);
        ParameterSchedule alone = new ParameterSchedule(model, cells, ParameterSchedule.Holds.PLANT);
        SplittableRandom random = new SplittableRandom(11);
        double[] soc = {0.5, -0.1, 1.05, 0.2, 0.8};
        double[] temperature = {25.0, -20.0, 5.0, 40.0, 12.0};
        int[] moved = new int[cells];
        int movedTotal = 0;
        for (int n = 0; n < 5_000; n++) {
            for (int c = 0; c < cells; c++) {
                boolean jump = random.nextInt(200) == 0;
                soc[c] = jump ? random.nextDouble(-0.2, 1.2) : soc[c] + random.nextDouble(-0.0002, 0.0002);
                temperature[c] = jump ? random.nextDouble(-25.0, 55.0) : temperature[c] + random.nextDouble(-0.01, 0.01);
            }
            int count = together.updateAll(soc, temperature, moved);
            int listed = 0;
            for (int c = 0; c < cells; c++) {
                if (alone.update(c, soc[c], temperature[c])) {
                    assertThat(moved[listed++]).as("moved cells, in order").isEqualTo(c);
                }
                assertThat(together.ocvV(c)).isEqualTo(alone.ocvV(c));
                assertThat(together.ocvSlopeVPerSoc(c)).isEqualTo(alone.ocvSlopeVPerSoc(c));
                assertThat(together.r0Ohm(c)).isEqualTo(alone.r0Ohm(c));
                assertThat(together.rcTauS(1, c)).isEqualTo(alone.rcTauS(1, c));
            }
            assertThat(count).isEqualTo(listed);
            movedTotal += count;
        }
        assertThat(movedTotal).as("the walk moves cells beyond their holds now and then, not at every step")
                .isBetween(500, 20_000);
    }

    @Test
    void shouldHoldTheOtherParametersUntilTheCellHasMoved() {
        ParameterSchedule schedule = new ParameterSchedule(model, 1, new ParameterSchedule.Holds(0.01, 1.0));
        assertThat(schedule.update(0, 0.40, 5.0)).as("first update evaluates").isTrue();
        assertHeldAt(schedule, 0.40, 5.0);
        assertThat(schedule.update(0, 0.409, 5.9)).as("within both holds").isFalse();
        assertHeldAt(schedule, 0.40, 5.0);
        assertThat(schedule.update(0, 0.411, 5.9)).as("soc moved by more than 0.01").isTrue();
        assertHeldAt(schedule, 0.411, 5.9);
        assertThat(schedule.update(0, 0.411, 4.8)).as("temperature moved by more than 1 degC").isTrue();
        assertHeldAt(schedule, 0.411, 4.8);
        schedule.invalidate(0);
        assertThat(schedule.update(0, 0.411, 4.8)).as("after invalidate").isTrue();
    }

    @Test
    void shouldNotReevaluateWhenOnlyTheOcvPatchChanges() {
        // 0.1 is an OCV node: crossing it changes the patch, not the held parameters
        ParameterSchedule schedule = new ParameterSchedule(model, 1, new ParameterSchedule.Holds(0.01, 1.0));
        schedule.update(0, 0.0995, 25.0);
        assertThat(schedule.update(0, 0.1005, 25.0)).isFalse();
        model.locate(0.1005, 25.0, point);
        assertThat(schedule.ocvV(0)).isCloseTo(model.ocvV(point), within(1e-12));
    }

    private void assertHeldAt(ParameterSchedule schedule, double soc, double temperatureC) {
        model.locate(soc, temperatureC, point);
        assertThat(schedule.r0Ohm(0)).isCloseTo(model.r0Ohm(point), within(1e-15));
        assertThat(schedule.rcResistanceOhm(0, 0)).isCloseTo(model.rcResistanceOhm(0, point), within(1e-15));
        assertThat(schedule.rcTauS(1, 0)).isCloseTo(model.rcTauS(1, point), within(1e-12));
        assertThat(schedule.hysteresisMaxV(0)).isCloseTo(model.hysteresisMaxV(point), within(1e-15));
        assertThat(schedule.capacityAh(0)).isCloseTo(model.capacityAh(temperatureC), within(1e-15));
    }

    @Test
    void shouldHoldThePresetsResistancesWithinWhatTheHoldsPromise() {
        // the largest change of any resistance of the bundled cell, against its whole resistance, between a point
        // and a point one hold away in soc and temperature: what holding costs in the plant, and in the firmware
        CellModel preset = new CellModel(CellFiles.preset("panasonic-18650pf"));
        assertThat(worstResistanceChange(preset, ParameterSchedule.Holds.PLANT)).isBetween(0.002, 0.012);
        assertThat(worstResistanceChange(preset, ParameterSchedule.Holds.FIRMWARE)).isLessThan(0.07);
    }

    private double worstResistanceChange(CellModel preset, ParameterSchedule.Holds holds) {
        GridPoint held = new GridPoint();
        double worst = 0;
        for (double t = -10; t <= 30; t += 0.25) {
            for (double s = 0.0; s <= 1.0; s += 0.0002) {
                preset.locate(s, t, held);
                preset.locate(s + holds.soc(), t + holds.temperatureC(), point);
                // each resistance's change against the cell's whole resistance, which is what a held value errs in
                double total = preset.r0Ohm(held);
                for (int k = 0; k < preset.rcPairCount(); k++) {
                    total += preset.rcResistanceOhm(k, held);
                }
                worst = Math.max(worst, Math.abs(preset.r0Ohm(point) - preset.r0Ohm(held)) / total);
                for (int k = 0; k < preset.rcPairCount(); k++) {
                    worst = Math.max(worst, Math.abs(preset.rcResistanceOhm(k, point) - preset.rcResistanceOhm(k, held))
                            / total);
                }
            }
        }
        return worst;
    }
}
