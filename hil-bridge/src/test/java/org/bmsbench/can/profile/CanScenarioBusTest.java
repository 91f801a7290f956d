package org.bmsbench.can.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.dbc.DbcCodec;
import org.bmsbench.can.dbc.DbcDatabase;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.FirmwareHarness;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.realtime.AllocationWindows;
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

    @Test
    void shouldSendBothEndsFramesOnALiveBusAndOnlyCountWhatComesFromIt() {
        Scenario scenario = foxbmsNormalBy2s();
        try (CanBus live = CanBuses.open("virtual:live-mirror-test");
                CanBus tool = CanBuses.open("virtual:live-mirror-test")) {
            tool.send(CanFrame.of(0x210, "0000000000000000")); // a tool's frame: taken and counted, not obeyed

            ScenarioResult result = new ScenarioRunner(CanScenarioBus.factory(s -> null, live)).run(scenario);

            assertThat(result.passed()).as(verdicts(result)).isTrue();
            DbcDatabase dbc = CanProfile.FOXBMS.database();
            List<CanFrame> seen = new ArrayList<>();
            for (CanFrame frame = new CanFrame(); tool.receive(frame); frame = new CanFrame()) {
                seen.add(frame);
            }
            // the vehicle's f_BmsStateRequest (0x210) asks for NORMAL (RequestBmsMode 1) every 100 ms
            List<CanFrame> requests = seen.stream().filter(f -> f.id() == 0x210).toList();
            assertThat(requests).hasSizeBetween(30, 31).allSatisfy(f -> assertThat(DbcCodec.decode(
                    dbc.message("f_BmsStateRequest").orElseThrow().signal("RequestBmsMode").orElseThrow(),
                    f.data())).isEqualTo(1.0));
            // the BMS's f_BmsState (0x220) every 100 ms, NORMAL (7) at the end
            List<CanFrame> states = seen.stream().filter(f -> f.id() == 0x220).toList();
            assertThat(states).hasSizeBetween(30, 31);
            assertThat(DbcCodec.decode(dbc.message("f_BmsState").orElseThrow().signal("BmsState").orElseThrow(),
                    states.get(states.size() - 1).data())).isEqualTo(7.0);
            assertThat(live.counters().sent()).isEqualTo(seen.size());
            assertThat(live.counters().received()).isEqualTo(1);
        }
    }

    @Test
    void shouldMirrorOntoTheLiveBusWithoutAllocating() {
        Scenario scenario = foxbmsNormalBy2s();
        FirmwareHarness harness = FirmwareHarness.defaults();
        CanFrame seen = new CanFrame();
        CanFrame fromTool = CanFrame.of(0x123, "01");
        long[] toolReceived = {0};
        try (CanBus live = CanBuses.open("virtual:live-allocation");
                CanBus tool = CanBuses.open("virtual:live-allocation");
                CanScenarioBus bus = new CanScenarioBus(scenario, harness.firmware, null, null, live)) {
            bus.request(BmsRequest.NORMAL);
            List<Long> windows = AllocationWindows.untilNone(10, () -> {
                for (int i = 0; i < 10_000; i++) {
                    harness.runMs(1);
                    tool.send(fromTool);
                    bus.afterTick(harness.nowNs);
                    while (tool.receive(seen)) {
                        toolReceived[0]++;
                    }
                }
            });
            assertThat(windows).last().isEqualTo(0L);
            assertThat(toolReceived[0]).isPositive().isEqualTo(live.counters().sent());
            assertThat(live.counters().received()).isEqualTo(windows.size() * 10_000L);
        }
    }

    /** The vehicle asks for NORMAL over foxBMS's messages, and the BMS says NORMAL (7) in f_BmsState. */
    private static Scenario foxbmsNormalBy2s() {
        return ScenarioFiles.parse(ConfigNode.parse("t.yaml", """
                name: t
                can: {profile: foxbms}
                pack: {series: 12, initial: {soc: 0.5}}
                simulation: {duration_s: 3}
                expect:
                  - {can: f_BmsState, signal: BmsState, value: 7, by_s: 2}
                """), Path.of("."));
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
