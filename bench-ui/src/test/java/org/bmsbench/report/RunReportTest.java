package org.bmsbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.bmsbench.cli.Console;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML reports of a real run of a bundled scenario. */
class RunReportTest {
    private static final String SCENARIO = "../scenarios/fault-overvoltage-sensor.yaml";

    @TempDir
    static Path dir;
    static Path runs;

    @BeforeAll
    static void run() {
        runs = dir.resolve("runs");
        Console console = new Console();
        int code = console.run("run", SCENARIO, "--out", runs.toString(), "--trace");
        assertThat(code).as(console.err.toString()).isZero();
        assertThat(console.out.toString()).contains("report " + runs.resolve("index.html"));
    }

    @Test
    void shouldWriteASelfContainedReportWithVerdictExpectationsChartsAndTimeline() throws Exception {
        String html = Files.readString(runs.resolve("fault-overvoltage-sensor/report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<span class=\"pass\">passed</span>")
                .contains("CELL_OVERVOLTAGE fatal raised between 30.4900 and 30.5200 s")
                .contains("raised at 30.500 s").contains("<td>fault_injected</td>")
                .contains("<td>cell_voltage_sensor_offset</td>").doesNotContain("src=\"http");
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(1))));
            assertThat(png.getWidth()).isEqualTo(ReportCharts.WIDTH);
            assertThat(png.getHeight()).isEqualTo(ReportCharts.HEIGHT);
            count++;
        }
        assertThat(count).isEqualTo(ReportCharts.PANELS.size());
    }

    /** The report's faults, as it reads them from events.csv. */
    private static List<ReportCharts.Fault> faults() {
        return RunReport.events(runs.resolve("fault-overvoltage-sensor/events.csv")).stream()
                .filter(e -> e.raisedLevel() != null).map(e -> new ReportCharts.Fault(e.timeS(), e.raisedLevel(),
                        e.subject(), e.value(), e.unit(), e.cell())).toList();
    }

    private static XYPlot plot(int panel, TraceTable trace) {
        return ReportCharts.PANELS.get(panel).chart(trace, faults()).getXYPlot();
    }

    @Test
    void shouldShowTheMeasuredCellsBesideTheTrueOnesAndNameTheCellThatTripped() {
        TraceTable trace = TraceTable.read(runs.resolve("fault-overvoltage-sensor/trace.csv"));
        XYPlot plot = plot(1, trace);
        XYSeriesCollection data = (XYSeriesCollection) plot.getDataset();

        assertThat(data.getSeriesCount()).isEqualTo(4);
        assertThat(data.getSeries(0).getMaxY()).as("highest true cell, V: the cell is not high").isBetween(4.05, 4.12);
        assertThat(data.getSeriesKey(2)).isEqualTo("highest cell, measured by the BMS");
        assertThat(data.getSeries(2).getMaxY()).as("highest reading, V: the offset channel").isGreaterThan(4.28);
        assertThat(data.getDomainBounds(false).getUpperBound()).isCloseTo(60.0, Offset.offset(0.2));
        assertThat(plot.getDomainMarkers(Layer.FOREGROUND)).hasSize(2); // the warning and the fatal raise
        List<XYPointerAnnotation> arrows = plot.getAnnotations().stream()
                .map(a -> (XYPointerAnnotation) a).toList();
        assertThat(arrows).hasSize(1); // info, warning and fatal in one sample: one arrow, at the worst
        XYPointerAnnotation trip = arrows.get(0);
        assertThat(trip.getText()).matches("cell 17 read 4\\.2[89]\\d V: CELL_OVERVOLTAGE fatal");
        assertThat(trip.getX()).isCloseTo(30.5, Offset.offset(0.01));
        assertThat(trip.getY()).isCloseTo(4.29, Offset.offset(0.01));
    }

    @Test
    void shouldDrawTheLimitsOnTopOfTheCurrentAndKeepTheTemperatureAxisAtLeastAKelvinWide() {
        TraceTable trace = TraceTable.read(runs.resolve("fault-overvoltage-sensor/trace.csv"));
        XYPlot current = plot(0, trace);
        XYSeriesCollection currents = (XYSeriesCollection) current.getDataset();

        assertThat(currents.getSeriesKey(0)).isEqualTo("pack current"); // drawn first, under the limits
        assertThat(current.getSeriesRenderingOrder()).isEqualTo(SeriesRenderingOrder.FORWARD);
        assertThat(currents.getSeries(2).getMaxY()).as("the charge limit is drawn negative").isLessThanOrEqualTo(0);
        XYPlot temperatures = plot(4, trace);
        assertThat(((XYSeriesCollection) temperatures.getDataset()).getRangeBounds(false).getLength())
                .as("the run's temperatures move by less than a kelvin").isLessThan(0.5);
        assertThat(temperatures.getRangeAxis().getRange().getLength()).isGreaterThanOrEqualTo(1.0);
        XYPlot spread = plot(2, trace);
        assertThat(spread.getDataset(1).getSeriesKey(0)).isEqualTo("cells balancing (right axis)");
        assertThat(((XYSeriesCollection) spread.getDataset()).getSeries(0).getMaxY())
                .as("the measured spread, mV, with the channel 0.25 V high").isGreaterThan(250);
    }

    @Test
    void shouldBandTheEstimatedSocWithThreeSigma() {
        XYPlot soc = plot(3, TraceTable.read(runs.resolve("fault-overvoltage-sensor/trace.csv")));
        YIntervalSeriesCollection band = (YIntervalSeriesCollection) soc.getDataset(1);

        assertThat(band.getItemCount(0)).isGreaterThan(100);
        for (int k = 0; k < band.getItemCount(0); k++) {
            assertThat(band.getStartYValue(0, k)).isLessThan(band.getYValue(0, k)); // sigma is never zero
            assertThat(band.getEndYValue(0, k)).isGreaterThanOrEqualTo(band.getYValue(0, k)); // 100 % at most
        }
        assertThat(((XYSeriesCollection) soc.getDataset()).getRangeBounds(false).getLowerBound()).as("soc in %")
                .isGreaterThan(80);
    }

    @Test
    void shouldDrawEveryChartFromTheRunsSeriesWithoutATrace() throws Exception {
        Path plain = dir.resolve("plain");
        assertThat(new Console().run("run", SCENARIO, "--out", plain.toString())).isZero();
        Path folder = plain.resolve("fault-overvoltage-sensor");

        assertThat(folder.resolve("trace.csv")).doesNotExist();
        List<String> series = Files.readAllLines(folder.resolve("series.csv"));
        assertThat(series.get(0)).startsWith("#bmsbench-series/1: 512 buckets of 0.117 s");
        assertThat(series.get(1)).startsWith("time_s,pack_current_a_min,pack_current_a_max,")
                .contains(",cell_voltage_max_measured_v_min,cell_voltage_max_measured_v_max,");
        assertThat(series).hasSize(2 + 512);
        String html = Files.readString(folder.resolve("report.html"));
        assertThat(html).contains("Drawn from the run's series");
        assertThat(Pattern.compile("src=\"data:image/png;base64,").matcher(html).results().count())
                .isEqualTo(ReportCharts.PANELS.size());
        XYPlot cells = plot(1, TraceTable.readSeries(folder.resolve("series.csv")));
        assertThat(((XYSeriesCollection) cells.getDataset()).getSeries(2).getMaxY()).isGreaterThan(4.28);
        assertThat(cells.getAnnotations()).hasSize(1);
    }

    @Test
    void shouldWriteEventsWithTheirLevelValueUnitAndCellInColumnsOfTheirOwn() throws Exception {
        List<String> events = Files.readAllLines(runs.resolve("fault-overvoltage-sensor/events.csv"));

        assertThat(events.get(0)).startsWith("#bmsbench-events/2: ");
        assertThat(events.get(1)).isEqualTo("time_s,type,subject,level,value,unit,cell,note");
        assertThat(events).contains("30.000,fault_injected,cell_voltage_sensor_offset,,0.250000,V,,target 17")
                .anyMatch(l -> l.matches("30\\.500,fault_raised,CELL_OVERVOLTAGE,fatal,4\\.2[89]\\d{3},V,17,"))
                .anyMatch(l -> l.matches("\\d+\\.\\d{3},state_changed,error,,,,,from opening"));
        JsonNode summary = new ObjectMapper().readTree(runs.resolve("fault-overvoltage-sensor/summary.json").toFile());
        assertThat(summary.fieldNames().next()).isEqualTo("format");
        assertThat(summary.get("format").asText()).isEqualTo(RunFiles.SUMMARY_FORMAT);
        assertThat(summary.at("/signals/cell_voltage_max_measured_v/max").asDouble()).isGreaterThan(4.28);
        assertThat(summary.at("/signals/soc_sigma/final").asDouble()).isGreaterThan(0);
    }

    @Test
    void shouldIndexTheRunAndBuildReportsAgainFromTheFiles() throws Exception {
        String index = Files.readString(runs.resolve("index.html"));
        assertThat(index).contains("<a href=\"fault-overvoltage-sensor/report.html\">fault-overvoltage-sensor</a>")
                .contains("all passed");
        Path copy = dir.resolve("copy");
        Path scenario = Files.createDirectories(copy.resolve("fault-overvoltage-sensor"));
        for (String file : List.of("summary.json", "events.csv", "trace.csv")) {
            Files.copy(runs.resolve("fault-overvoltage-sensor").resolve(file), scenario.resolve(file));
        }
        Console again = new Console();
        assertThat(again.run("report", copy.toString())).isZero();
        assertThat(again.out.toString()).contains("pass " + scenario.resolve("report.html"));
        assertThat(Files.readString(scenario.resolve("report.html"))).contains("data:image/png;base64,");
        assertThat(Files.readString(copy.resolve("index.html"))).contains("fault-overvoltage-sensor/report.html");
        Files.delete(scenario.resolve("trace.csv"));
        assertThat(new Console().run("report", copy.toString())).isZero();
        assertThat(Files.readString(scenario.resolve("report.html"))).contains("Neither a trace nor the run's series")
                .doesNotContain("data:image/png");
        Console missing = new Console();
        assertThat(missing.run("report", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(missing.err.toString()).contains("nowhere: no such folder");
    }
}
