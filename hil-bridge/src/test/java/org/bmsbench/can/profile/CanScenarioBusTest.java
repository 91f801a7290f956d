package org.bmsbench.can.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.scenario.Expectation;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanScenarioBusTest {
    private static final Path BUNDLED = Path.of("..", "scenarios", "can-vehicle-communication-loss.yaml");

    @TempDir
    Path folder;

    private static String verdicts(ScenarioResult result) {
        return result.outcomes().stream().map(o -> (o.passed() ? "ok " : "FAILED ") + o.expectation() + ": "
                + o.detail()).reduce("", (a, b) -> a + "\n" + b);
    }

    @Test
    void shouldRunTheBundledCommunicationLossScenarioAndKeepItsTrafficAsACandumpLog() throws Exception {
        Path log = folder.resolve("can.log");
        ScenarioResult result = new ScenarioRunner(CanScenarioBus.factory(s -> log)).run(ScenarioFiles.read(BUNDLED));
        assertThat(result.passed()).as(verdicts(result)).isTrue();
        List<String> lines = Files.readAllLines(log);
        // VcuRequest (0x200) from the vehicle every 100 ms for 60 s, then silence until it comes back at 65 s
        assertThat(lines).filteredOn(l -> l.contains(" can0 200#")).hasSizeBetween(600 + 90, 600 + 130);
        assertThat(lines.get(0)).matches("\\(0\\.000000\\) can0 [0-9A-F]{3}#[0-9A-F]*");
        assertThat(lines).filteredOn(l -> l.startsWith("(61.") && l.contains(" can0 305#")).isNotEmpty();
    }

    @Test
    void shouldFailAnExpectationOnAValueTheBmsNeverSent() {
        Scenario scenario = scenario("""
                  - {can: BmsStatus, signal: BmsState, value: 4, by_s: 2}
                """);
        ScenarioResult result = new ScenarioRunner(CanScenarioBus.factory(s -> null)).run(scenario);
        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.passed()).isFalse();
            assertThat(o.detail()).isEqualTo("2.00000 in the frame of 1.901 s");
        });
    }

    @Test
    void shouldRefuseAMessageTheProfileDoesNotHaveNamingTheFile() {
        Scenario scenario = scenario("""
                  - {can: f_BmsState, signal: BmsState, value: 7, by_s: 2}
                """);
        assertThatThrownBy(() -> new ScenarioRunner(CanScenarioBus.factory(s -> null)).run(scenario))
                .hasMessage("t.yaml: the bmsbench profile's DBC has no message f_BmsState");
    }

    @Test
    void shouldDriveTheBmsWithFoxbmsFramesGivenBySignalNames() {
        Scenario scenario = ScenarioFiles.parse(ConfigNode.parse("t.yaml", """
                name: t
                start: standby
                can: {profile: foxbms}
                pack: {series: 12, initial: {soc: 0.5}}
                simulation: {duration_s: 3}
                profile:
                  - can: {message: f_BmsStateRequest, signals: {RequestBmsMode: 1}, every_ms: 100}
                expect:
                  - {can: f_BmsState, signal: BmsState, value: 7, by_s: 2}
                  - {state: normal, by_s: 2}
                """), Path.of("."));
        ScenarioResult result = new ScenarioRunner(CanScenarioBus.factory(s -> null)).run(scenario);
        assertThat(result.passed()).as(verdicts(result)).isTrue();
        assertThat(scenario.expectations().get(0)).isInstanceOf(Expectation.CanValue.class);
    }

    private static Scenario scenario(String expectations) {
        return ScenarioFiles.parse(ConfigNode.parse("t.yaml", """
                name: t
                can: {profile: bmsbench}
                pack: {series: 12, initial: {soc: 0.5}}
                simulation: {duration_s: 3}
                expect:
                """ + expectations), Path.of("."));
    }
}
