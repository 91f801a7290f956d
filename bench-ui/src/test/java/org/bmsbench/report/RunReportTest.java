package org.bmsbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.bmsbench.cli.Console;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeriesCollection;
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

    @Test
    void shouldDrawEachPanelsSeriesOverTheirRealRanges() {
        TraceTable trace = TraceTable.read(runs.resolve("fault-overvoltage-sensor/trace.csv"));
        List<ReportCharts.Marker> markers = List.of(new ReportCharts.Marker(30.5, true));
        JFreeChart cells = ReportCharts.chart(ReportCharts.PANELS.get(1), trace, markers);
        XYPlot plot = cells.getXYPlot();
        XYSeriesCollection data = (XYSeriesCollection) plot.getDataset();
        assertThat(data.getSeriesCount()).isEqualTo(2);
        assertThat(data.getSeriesKey(0)).isEqualTo("highest cell");
        Range voltages = data.getRangeBounds(false);
        assertThat(voltages.getLowerBound()).as("lowest cell, V").isBetween(3.8, 4.1);
        assertThat(voltages.getUpperBound()).as("highest cell, V: the true cell, not the faulty channel")
                .isBetween(4.05, 4.12);
        assertThat(data.getDomainBounds(false).getUpperBound()).isCloseTo(60.0, org.assertj.core.data.Offset
                .offset(0.2));
        assertThat(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(1);
        XYSeriesCollection current = (XYSeriesCollection) ReportCharts.chart(ReportCharts.PANELS.get(0), trace,
                markers).getXYPlot().getDataset();
        assertThat(current.getSeriesCount()).isEqualTo(3);
        assertThat(current.getSeries(2).getMaxY()).as("the charge limit is drawn negative").isLessThanOrEqualTo(0);
        XYSeriesCollection soc = (XYSeriesCollection) ReportCharts.chart(ReportCharts.PANELS.get(2), trace, markers)
                .getXYPlot().getDataset();
        assertThat(soc.getRangeBounds(false).getLowerBound()).as("soc in %").isGreaterThan(80);
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
        assertThat(Files.readString(scenario.resolve("report.html"))).contains("No trace was kept")
                .doesNotContain("data:image/png");
        Console missing = new Console();
        assertThat(missing.run("report", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(missing.err.toString()).contains("nowhere: no such folder");
    }
}
