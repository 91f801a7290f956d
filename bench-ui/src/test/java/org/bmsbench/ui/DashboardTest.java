package org.bmsbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.mqtt.TelemetrySnapshot;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.sim.PlantFault;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/** The dashboard fed by a real run, rendered off screen (headless); DashboardMqttIT watches one over MQTT. */
class DashboardTest {
    private static Scenario scenario(String name) {
        return ScenarioFiles.read(Path.of("../scenarios", name + ".yaml"));
    }

    @Test
    void shouldShowACellThatReadsHighAndTheFaultItRaises() {
        LiveRun run = new LiveRun(scenario("fault-overvoltage-sensor"), Double.NaN);
        Dashboard dashboard = new Dashboard(run);
        int[] shown = new int[1];
        run.runUntil(40, 0.5, s -> {
            dashboard.show(s);
            shown[0]++;
        });
        DashboardModel model = dashboard.model();

        assertThat(shown[0]).isBetween(79, 82);
        assertThat(model.timeS()).isCloseTo(40, org.assertj.core.data.Offset.offset(0.02));
        assertThat(model.cells.getColumnCount()).isEqualTo(96);
        assertThat(model.cells.getValue("cell voltage", Integer.valueOf(17)).doubleValue())
                .as("cell 17's channel reads 0.25 V high").isGreaterThan(4.28);
        assertThat(model.cellMaxV()).isGreaterThan(4.28);
        CategoryPlot cells = dashboard.charts().cells.getCategoryPlot();
        assertThat(cells.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(2);
        Range axis = cells.getRangeAxis().getRange();
        assertThat(axis.getUpperBound()).isGreaterThan(4.3);
        assertThat(axis.getLowerBound()).as("the axis spans the cells, not 0 V").isGreaterThan(3.9);
        assertThat(model.state()).isEqualTo("error");
        assertThat(model.contactors()).isEqualTo("open");
        assertThat(model.faults()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo(FaultId.CELL_OVERVOLTAGE);
            assertThat(f.level()).isEqualTo(FaultLevel.FATAL);
            assertThat(f.sinceS()).isBetween(30.5, 31.0);
        });
        XYSeriesCollection currents = (XYSeriesCollection) ((XYPlot) dashboard.charts().current.getPlot())
                .getDataset();
        assertThat(currents.getSeriesCount()).isEqualTo(3);
        assertThat(currents.getSeries(0).getItemCount()).isEqualTo(shown[0]);
        assertThat(currents.getSeries(0).getMaxY()).as("1 A load, with the inrush of precharge").isLessThan(10);
        XYSeriesCollection socs = (XYSeriesCollection) ((XYPlot) dashboard.charts().soc.getPlot()).getDataset();
        assertThat(socs.getSeries(1).getMinY()).as("true soc, %").isBetween(90.0, 93.0);
        assertThat(model.temperatures.getItemCount(0)).isEqualTo(96);
        assertThat(model.temperatureMinC()).isBetween(20.0, 30.0);

        BufferedImage image = dashboard.render(1700, 1000);
        assertThat(image.getWidth()).isEqualTo(1700);
        assertThat(distinctColours(image)).as("a drawn dashboard, not a blank one").isGreaterThan(50);
    }

    @Test
    void shouldHighlightBalancingCellsWhileCharging() {
        LiveRun run = new LiveRun(scenario("charge-cccv-balancing"), Double.NaN);
        Dashboard dashboard = new Dashboard(run);
        int[] balancingSeen = new int[1];
        run.runUntil(4000, 20, s -> {
            dashboard.show(s);
            balancingSeen[0] = Math.max(balancingSeen[0], s.balancingCells());
        });
        assertThat(balancingSeen[0]).as("cells bleeding at some point of the charge").isPositive();
    }

    @Test
    void shouldCarryOutTheDashboardsCommandsOnTheRunsThread() {
        LiveRun run = new LiveRun(scenario("drive-wltc-96s"), Double.NaN);
        TelemetrySnapshot[] last = new TelemetrySnapshot[1];
        run.send(bench -> bench.fault(new PlantFault(
                PlantFault.Type.CELL_VOLTAGE_SENSOR_OFFSET, 4, 0.6), true));
        run.runUntil(5, 0.5, s -> last[0] = s);
        assertThat(last[0].fault(FaultId.CELL_OVERVOLTAGE)).isEqualTo((byte) FaultLevel.FATAL.ordinal());
        assertThat(run.lastCommandError()).isNull();
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
