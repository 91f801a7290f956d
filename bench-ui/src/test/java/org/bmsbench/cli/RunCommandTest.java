package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RunCommandTest {
    /** A 4s1p pack that precharges, closes and rests; {@code %s} is the name and the contactor state expected. */
    private static final String SCENARIO = """
            name: %s
            pack: {series: 4, initial: {soc: 0.5}}
            profile:
              - current: {current_a: 2, duration_s: 20}
            expect:
              - {contactors: %s, by_s: 5}
              - {signal: cell_voltage_min_v, min_above: 3.0}
            """;

    @TempDir
    Path dir;

    private final Console console = new Console();
    private final StringWriter out = console.out;
    private final StringWriter err = console.err;

    private int run(String... args) {
        return console.run(args);
    }

    private Path scenario(String file, String name, String contactors) throws IOException {
        Path path = dir.resolve("scenarios").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, SCENARIO.formatted(name, contactors));
        return path;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void shouldRunAFolderPrintATableAndWriteTheReports() throws Exception {
        scenario("a.yaml", "closes-a", "closed");
        scenario("sub/b.yml", "closes-b", "closed");
        Path runs = dir.resolve("runs");

        int code = run("run", dir.resolve("scenarios").toString(), "--out", runs.toString(), "--trace");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("[1/2] pass closes-a: 20.0 s in")      // plain progress lines: not a terminal
                .contains("[2/2] pass closes-b: 20.0 s in")
                .containsPattern("scenario +simulated +wall +speed-up +result +first failure")
                .containsPattern("closes-a +20.0 s +\\d+\\.\\d\\d s +\\d+x +pass")
                .contains("2 scenarios: 2 passed, 0 failed");
        Document junit = xml(runs.resolve("junit.xml"));
        Element suites = junit.getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo("2");
        assertThat(suites.getAttribute("failures")).isEqualTo("0");
        assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        assertThat(((Element) junit.getElementsByTagName("testcase").item(1)).getAttribute("classname"))
                .isEqualTo("scenarios.sub");

        JsonNode summary = new ObjectMapper().readTree(runs.resolve("closes-a/summary.json").toFile());
        assertThat(summary.get("passed").asBoolean()).isTrue();
        assertThat(summary.get("simulated_s").asDouble()).isEqualTo(20.0);
        assertThat(summary.get("expectations")).hasSize(2);
        assertThat(summary.at("/signals/contactors/final").asText()).isEqualTo("closed");
        assertThat(summary.at("/signals/pack_current_a/max").asDouble()).isBetween(1.9, 2.1);
        assertThat(summary.get("format").asText()).isEqualTo("bmsbench-summary/2");
        List<String> events = Files.readAllLines(runs.resolve("closes-a/events.csv"));
        assertThat(events.get(0)).startsWith("#bmsbench-events/2: ");
        assertThat(events.get(1)).isEqualTo("time_s,type,subject,level,value,unit,cell,note");
        assertThat(events).anyMatch(line -> line.matches("\\d+\\.\\d{3},state_changed,normal,,,,,from precharge"));
        List<String> trace = Files.readAllLines(runs.resolve("closes-a/trace.csv"));
        assertThat(trace.get(0)).startsWith("#bmsbench-trace/2: ");
        assertThat(trace.get(1)).startsWith("time_s,pack_current_a,pack_voltage_v");
        assertThat(trace.get(2)).matches("0\\.\\d{3},.*"); // times with fixed milliseconds
        assertThat(trace).hasSizeBetween(201, 203); // the format line, the header, 0.1 s rows over 20 s
    }

    @Test
    void shouldExitOneAndReportTheFailedExpectation() throws Exception {
        scenario("a.yaml", "closes", "closed");
        scenario("b.yaml", "expects-open", "open");
        Path runs = dir.resolve("runs");
        Path extra = dir.resolve("reports/junit.xml");

        int code = run("run", dir.resolve("scenarios").toString(), "--out", runs.toString(), "--junit",
                extra.toString(), "--quiet");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .doesNotContain("[1/2]")
                .doesNotContain("scenario  ")
                .contains("2 scenarios: 1 passed, 1 failed")
                .contains("FAIL  expects-open: contactors open by 5.00000 s: closed at 5.000 s");
        Document junit = xml(extra);
        NodeList failures = junit.getElementsByTagName("failure");
        assertThat(failures.getLength()).isOne();
        Element failure = (Element) failures.item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("expects-open");
        assertThat(failure.getAttribute("message")).startsWith("contactors open by 5.00000 s: closed at 5.000 s");
        assertThat(failure.getTextContent()).contains("FAILED  contactors open").contains("ok      cell_voltage_min_v");
        assertThat(Files.readString(runs.resolve("junit.xml"))).isEqualTo(Files.readString(extra));
    }

    @Test
    void shouldSplitARunIntoShardsThatCoverEveryScenarioOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            scenario("s" + i + ".yaml", "s" + i, "closed");
        }
        String folder = dir.resolve("scenarios").toString();
        run("run", folder, "--out", dir.resolve("shard1").toString(), "--shard", "1/2", "--jobs", "2");
        run("run", folder, "--out", dir.resolve("shard2").toString(), "--shard", "2/2");

        Element one = xml(dir.resolve("shard1/junit.xml")).getDocumentElement();
        Element two = xml(dir.resolve("shard2/junit.xml")).getDocumentElement();
        assertThat(one.getAttribute("name")).isEqualTo("bmsbench shard 1 of 2");
        assertThat(one.getAttribute("tests")).isEqualTo("3");
        assertThat(two.getAttribute("tests")).isEqualTo("2");
        assertThat(names(one)).containsExactly("s0", "s2", "s4");
        assertThat(names(two)).containsExactly("s1", "s3");
    }

    @Test
    void shouldWarnOfAnEmptyShardOrFailOnItWhenAsked() throws Exception {
        scenario("a.yaml", "closes-a", "closed");
        String folder = dir.resolve("scenarios").toString();
        Path runs = dir.resolve("runs");

        assertThat(run("run", folder, "--out", runs.toString(), "--shard", "2/2")).isZero();
        assertThat(err.toString()).contains("bmsbench: warning: --shard 2/2 selects no scenario");
        assertThat(xml(runs.resolve("junit.xml")).getDocumentElement().getAttribute("tests")).isEqualTo("0");

        Console strict = new Console();
        Path none = dir.resolve("none");
        assertThat(strict.run("run", folder, "--out", none.toString(), "--shard", "2/2", "--fail-on-empty"))
                .isEqualTo(2);
        assertThat(strict.err.toString()).startsWith("bmsbench: --shard 2/2 selects no scenario")
                .contains("(--fail-on-empty)").doesNotContain("\tat ");
        assertThat(none).doesNotExist();
        Console full = new Console();
        assertThat(full.run("run", folder, "--out", none.toString(), "--shard", "1/2", "--fail-on-empty")).isZero();
    }

    private static List<String> names(Element suite) {
        NodeList cases = suite.getElementsByTagName("testcase");
        return java.util.stream.IntStream.range(0, cases.getLength())
                .mapToObj(i -> ((Element) cases.item(i)).getAttribute("name")).toList();
    }

    @Test
    void shouldRefuseBadInputWithEveryProblemNamedAndExitTwo() throws Exception {
        scenario("good.yaml", "same-name", "closed");
        scenario("twin.yaml", "same-name", "closed");
        Path typo = dir.resolve("scenarios/typo.yaml");
        Files.writeString(typo, SCENARIO.formatted("typo", "closed").replace("expect:", "expects:"));
        Path signal = dir.resolve("scenarios/signal.yaml");
        Files.writeString(signal, SCENARIO.formatted("signal", "closed").replace("cell_voltage_min_v", "cell_volts"));

        int code = run("run", dir.resolve("scenarios").toString(), "--out", dir.resolve("runs").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("bmsbench: 3 scenario files have problems:")
                .contains(signal + ":7:14: expect[1].signal: unknown signal 'cell_volts'; expected one of: "
                        + "pack_current_a, pack_voltage_v")
                .contains(typo + ":5:1: expects: unknown key 'expects'; expected one of: bms, can, description")
                .contains(dir.resolve("scenarios/twin.yaml") + ": name 'same-name' is already used by "
                        + dir.resolve("scenarios/good.yaml"))
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty(); // nothing ran
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void shouldTraceEachCellsTrueAndMeasuredVoltageTemperatureAndBalancingWhenAsked() throws Exception {
        scenario("a.yaml", "closes-a", "closed");
        Path runs = dir.resolve("runs");

        assertThat(run("run", dir.resolve("scenarios").toString(), "--out", runs.toString(), "--trace-cells"))
                .isZero();

        List<String> trace = Files.readAllLines(runs.resolve("closes-a/trace.csv"));
        assertThat(trace.get(0)).contains("then each cell's");
        String[] header = trace.get(1).split(",");
        assertThat(header).endsWith("cell_4_v", "cell_4_measured_v", "cell_4_temperature_c", "cell_4_balancing")
                .contains("cell_1_v", "cell_1_measured_v");
        List<String> columns = List.of(header);
        String[] last = trace.get(trace.size() - 1).split(",", -1);
        assertThat(last).hasSameSizeAs(header);
        double trueV = Double.parseDouble(last[columns.indexOf("cell_1_v")]);
        double measuredV = Double.parseDouble(last[columns.indexOf("cell_1_measured_v")]);
        assertThat(measuredV).as("the AFE's reading of a healthy channel").isCloseTo(trueV, within(0.01));
        assertThat(Double.parseDouble(last[columns.indexOf("cell_4_temperature_c")])).isBetween(20.0, 30.0);
        assertThat(last[columns.indexOf("cell_2_balancing")]).isIn("0", "1");
    }

    @Test
    void shouldNotLeaveAnEarlierRunsTraceForTheReportToDrawFrom() throws Exception {
        Path scenarios = dir.resolve("scenarios");
        scenario("a.yaml", "closes-a", "closed");
        Path runs = dir.resolve("runs");
        assertThat(run("run", scenarios.toString(), "--out", runs.toString(), "--trace")).isZero();
        assertThat(runs.resolve("closes-a/trace.csv")).exists();

        assertThat(run("run", scenarios.toString(), "--out", runs.toString())).isZero();
        assertThat(runs.resolve("closes-a/trace.csv")).doesNotExist();
        assertThat(runs.resolve("closes-a/summary.json")).exists();
        assertThat(runs.resolve(org.bmsbench.report.RunFolder.LOCK)).doesNotExist(); // released
    }

    @Test
    void shouldRebuildOnlyTheLastRunsScenarios() throws Exception {
        scenario("a.yaml", "closes-a", "closed");
        Path runs = dir.resolve("runs");
        assertThat(run("run", dir.resolve("scenarios").toString(), "--out", runs.toString())).isZero();
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("b.yaml"), SCENARIO.formatted("closes-b", "closed"));
        assertThat(run("run", other.toString(), "--out", runs.toString())).isZero();

        Console report = new Console();
        assertThat(report.run("report", runs.toString())).isZero();
        assertThat(report.out.toString()).contains("closes-b").doesNotContain("closes-a");
    }

    @Test
    void shouldRefuseAnOutputFolderAnotherLiveRunHolds() throws Exception {
        scenario("a.yaml", "closes-a", "closed");
        Path runs = dir.resolve("runs");
        Files.createDirectories(runs);
        // this test's own process is alive: its id in the lock stands for a run in progress
        Files.writeString(runs.resolve(org.bmsbench.report.RunFolder.LOCK),
                Long.toString(ProcessHandle.current().pid()));
        assertThat(run("run", dir.resolve("scenarios").toString(), "--out", runs.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is in use by another bmsbench run (process "
                + ProcessHandle.current().pid() + ")");
        assertThat(runs.resolve("closes-a")).doesNotExist();
    }

    @Test
    void shouldTakeOverTheLockOfARunThatIsGone() throws Exception {
        scenario("a.yaml", "closes-a", "closed");
        Path runs = dir.resolve("runs");
        Files.createDirectories(runs);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(runs.resolve(org.bmsbench.report.RunFolder.LOCK), Long.toString(gone.pid()));
        assertThat(run("run", dir.resolve("scenarios").toString(), "--out", runs.toString())).isZero();
        assertThat(runs.resolve("closes-a/summary.json")).exists();
    }

    @Test
    void shouldRefuseAnOutputFolderItCannotCreateBeforeRunningAnything() throws Exception {
        scenario("a.yaml", "closes-a", "closed");
        Path file = dir.resolve("a-file");
        Files.writeString(file, "");
        assertThat(run("run", dir.resolve("scenarios").toString(), "--out", file.resolve("runs").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot create the output folder").doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("closes-a");
    }

    @Test
    void shouldRefuseBadOptionsAndMissingPaths() throws IOException {
        assertThat(run("run", dir.resolve("nowhere.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nowhere.yaml: no such file or folder");
        assertThat(run("run", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no scenario files (.yaml, .yml) found");
        assertThat(run("run", dir.toString(), "--shard", "3/2")).isEqualTo(2);
        assertThat(err.toString()).contains("--shard must be K/N with 1 <= K <= N, got '3/2'");
        assertThat(run("run", dir.toString(), "--jobs", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--jobs must be 1 or more, got 0");
        Path file = dir.resolve("a-file");
        Files.writeString(file, "");
        assertThat(run("run", dir.toString(), "--out", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--out " + file + " is a file; it must be a folder");
    }
}
