package org.bmsbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Collection;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.mqtt.TelemetrySnapshot;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.sim.PlantFault;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
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
        assertThat(model.channels()).isEqualTo(96);
        assertThat(model.cellVoltages.getY(16).doubleValue()).as("cell 17's channel reads 0.25 V high")
                .isGreaterThan(4.28);
        assertThat(model.cellMaxV()).isGreaterThan(4.28);
        assertThat(model.implausibleChannels()).as("4.3 V is high, not implausible").isEmpty();
        XYPlot cells = dashboard.charts().cells.getXYPlot();
        assertThat(((NumberAxis) cells.getDomainAxis()).getTickUnit().getSize()).as("every 8th cell numbered")
                .isEqualTo(8.0);
        Collection<Marker> markers = cells.getRangeMarkers(Layer.FOREGROUND);
        assertThat(markers).extracting(Marker::getLabel).anyMatch(l -> l.matches("min 4\\.0\\d{3} V \\(cell \\d+\\)"))
                .anyMatch(l -> l.matches("max 4\\.3\\d{3} V \\(cell 17\\)"));
        assertThat(markers).as("labels on opaque boxes in front of the bars, never behind them")
                .allSatisfy(m -> assertThat(m.getLabelBackgroundColor().getAlpha()).isEqualTo(255));
        assertThat(model.socRule()).as("why the soc shows 100 %").startsWith("shown 100.0 % = min / (min + 1 - max):")
                .containsPattern("fullest cell 17 at 1\\d\\d\\.\\d %$"); // its estimate past full, 107 %
        assertThat(Dashboard.socTip(model.socRule())).contains("fullest cell 17 at");
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
    void shouldMarkTheChannelsTheBmsHoldsImplausible() {
        LiveRun run = new LiveRun(scenario("drive-wltc-96s"), Double.NaN);
        Dashboard dashboard = new Dashboard(run);
        run.send(bench -> bench.fault(new PlantFault(PlantFault.Type.CELL_VOLTAGE_SENSOR_OFFSET, 4, 1.5), true));
        run.send(bench -> bench.fault(new PlantFault(PlantFault.Type.CELL_VOLTAGE_SENSOR_NAN, 40, Double.NaN),
                true));
        run.runUntil(2, 0.5, dashboard::show);
        DashboardModel model = dashboard.model();

        assertThat(model.implausibleChannels()).as("5.5 V is out of range, NaN no reading").containsExactly(4, 40);
        XYPlot cells = dashboard.charts().cells.getXYPlot();
        assertThat(cells.getRenderer().getItemPaint(0, 4)).isEqualTo(Color.GRAY);
        assertThat(cells.getRenderer().getItemPaint(0, 5)).isNotEqualTo(Color.GRAY);
        assertThat(cells.getAnnotations()).extracting(a -> ((XYTextAnnotation) a).getText())
                .containsExactly("5", "41");
        assertThat(((TextTitle) dashboard.charts().cells.getSubtitle(0)).getText())
                .isEqualTo("implausible, not used by the BMS: cells 5, 41");
        assertThat(model.cellMaxV()).as("the BMS's max leaves the implausible reading out").isLessThan(4.3);
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
