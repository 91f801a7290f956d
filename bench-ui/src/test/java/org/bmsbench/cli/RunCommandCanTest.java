package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --can-profile} puts a scenario's vehicle and BMS on a CAN bus; {@code --can-log} keeps the traffic. */
class RunCommandCanTest {
    @TempDir
    Path dir;

    private final Console console = new Console();

    @Test
    void shouldRunAScenarioOverFoxbmsMessagesAndKeepTheTraffic() throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, """
                name: closes
                pack: {series: 4, initial: {soc: 0.5}}
                profile:
                  - current: {current_a: 2, duration_s: 5}
                expect:
                  - {contactors: closed, by_s: 2}
                """);
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
    void shouldRefuseAnUnknownProfileBeforeRunning() {
        int code = console.run("run", "nowhere.yaml", "--can-profile", "opendbc");

        assertThat(code).isEqualTo(2);
        assertThat(console.err.toString()).contains("unknown CAN profile 'opendbc', expected one of bmsbench, foxbms");
    }
}
