package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.CanFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --can-profile} puts a scenario's vehicle and BMS on a CAN bus; {@code --can-log} keeps the traffic;
 * {@code --can BUS} sends it on a live bus too.
 */
class RunCommandCanTest {
    private static final String CLOSES = """
            name: closes
            pack: {series: 4, initial: {soc: 0.5}}
            profile:
              - current: {current_a: 2, duration_s: 5}
            expect:
              - {contactors: closed, by_s: 2}
            """;

    @TempDir
    Path dir;

    private final Console console = new Console();

    @Test
    void shouldRunAScenarioOverFoxbmsMessagesAndKeepTheTraffic() throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, CLOSES);
        Path runs = dir.resolve("runs");

        int code = console.run("run", scenario.toString(), "--out", runs.toString(), "--can-profile", "foxbms",
                "--can-log");

        assertThat(code).as(console.err.toString()).isZero();
        List<String> log = Files.readAllLines(runs.resolve("closes/can.log"));
        // the vehicle's f_BmsStateRequest (0x210) every 100 ms, the BMS's f_BmsState (0x220) every 100 ms
        assertThat(log).filteredOn(l -> l.contains(" can0 210#")).hasSizeBetween(50, 51);
        assertThat(log).filteredOn(l -> l.contains(" can0 220#")).hasSizeBetween(50, 51);
        assertThat(log.get(log.size() - 1)).startsWith("(4.9");
    }

    @Test
    void shouldSendTheRunsTrafficOnALiveBusAndSayWhatWentThere() throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, CLOSES);
        try (CanBus tool = CanBuses.open("virtual:run-can-test")) {
            int code = console.run("run", scenario.toString(), "--out", dir.resolve("runs").toString(),
                    "--can-profile", "foxbms", "--can", "virtual:run-can-test", "--speed", "1000");

            assertThat(code).as(console.err.toString()).isZero();
            List<CanFrame> seen = new ArrayList<>();
            for (CanFrame frame = new CanFrame(); tool.receive(frame); frame = new CanFrame()) {
                seen.add(frame);
            }
            // the vehicle's f_BmsStateRequest (0x210) and the BMS's f_BmsState (0x220), every 100 ms for 5 s
            assertThat(seen).filteredOn(f -> f.id() == 0x210).hasSizeBetween(50, 51);
            assertThat(seen).filteredOn(f -> f.id() == 0x220).hasSizeBetween(50, 51);
            assertThat(console.out.toString()).contains("closes: live CAN bus virtual:run-can-test: " + seen.size()
                    + " frames sent, 0 received (not acted on), 0 dropped");
        }
    }

    @Test
    void shouldRefuseALiveBusForAScenarioWithoutAProfile() throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, CLOSES);

        int code = console.run("run", scenario.toString(), "--out", dir.resolve("runs").toString(), "--can",
                "virtual:refused");

        assertThat(code).isEqualTo(2);
        assertThat(console.err.toString()).contains("s.yaml: --can sends the traffic of a scenario's CAN bus, and"
                + " this scenario has none: give --can-profile bmsbench|foxbms or a can: profile in the scenario");
    }

    @Test
    void shouldRefuseMoreThanOneJobOnALiveBus() {
        int code = console.run("run", "nowhere.yaml", "--can", "virtual:refused", "--jobs", "2");

        assertThat(code).isEqualTo(2);
        assertThat(console.err.toString()).contains("--jobs must be 1 with --can, got 2");
    }

    @Test
    void shouldRefuseASpeedOfZeroOnALiveBus() throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, CLOSES);

        int code = console.run("run", scenario.toString(), "--out", dir.resolve("runs").toString(), "--can",
                "virtual:refused", "--can-profile", "foxbms", "--speed", "0");

        assertThat(code).isEqualTo(2);
        assertThat(console.err.toString()).contains("--speed must be above zero, got 0.0");
    }

    @Test
    void shouldRefuseAnUnknownProfileBeforeRunning() {
        int code = console.run("run", "nowhere.yaml", "--can-profile", "opendbc");

        assertThat(code).isEqualTo(2);
        assertThat(console.err.toString()).contains("unknown CAN profile 'opendbc', expected one of bmsbench, foxbms");
    }
}
