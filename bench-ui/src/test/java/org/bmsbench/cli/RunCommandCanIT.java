package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bmsbench.hil.host.PtyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --can slcan-device:PTY --speed 1} with a CAN tool written with python-can (Debian's python3-can, its
 * slcan interface, run by {@code /usr/bin/python3}) on the other end of a socat pty pair: the tool sees the BMS's
 * and the vehicle's foxBMS frames of a simulated run. Asserted: what arrives and what it says, never when.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunCommandCanIT {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void shouldShowASimulatedRunsFramesToPythonCanOverSlcan() throws Exception {
        assertThat(PtyPair.available()).as("socat must be installed (apt-get install socat)").isTrue();
        Path script = dir.resolve("python_can_listener.py");
        try (InputStream in = RunCommandCanIT.class.getResourceAsStream("python_can_listener.py")) {
            Files.copy(in, script);
        }
        Path scenario = dir.resolve("closes.yaml");
        Files.writeString(scenario, """
                name: closes
                pack: {series: 12, initial: {soc: 0.5}}
                profile:
                  - current: {current_a: 3, duration_s: 10}
                expect:
                  - {state: normal, by_s: 2}
                """);
        Console console = new Console();
        try (PtyPair pty = new PtyPair(dir.resolve("adapter"), dir.resolve("tool"))) {
            Process python = new ProcessBuilder(PYTHON, script.toString(), pty.b.toString(), "60")
                    .redirectErrorStream(true).start();

            int code = console.run("run", scenario.toString(), "--out", dir.resolve("runs").toString(),
                    "--can-profile", "foxbms", "--can", "slcan-device:" + pty.a, "--speed", "1");

            assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("python-can stops after the run").isTrue();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(code).as(console.out + "\n" + console.err).isZero();
            assertThat(python.exitValue()).as(output).isZero();
            assertThat(output).as(output).containsPattern("id 0x220 frames [1-9]") // f_BmsState, the BMS's
                    .containsPattern("id 0x210 frames [1-9]") // f_BmsStateRequest, the vehicle's
                    .contains("bms_state_normal yes");
            assertThat(console.out.toString()).containsPattern("closes: live CAN bus slcan-device:\\S+: [1-9][0-9]*"
                    + " frames sent, 0 received \\(not acted on\\), [0-9]+ dropped");
        }
    }
}
