package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmsbench hil} and {@code emulate} without a port; HilCommandIT runs them on a socat pty pair. */
class HilCommandTest {
    private static final String SCENARIO = "../hil-bridge/src/test/resources/scenarios/hil-overvoltage.yaml";

    @TempDir
    Path dir;

    @Test
    void shouldSayWhenThereIsNoPort() throws IOException {
        Console console = new Console();
        assertThat(console.run("hil", "--port", dir.resolve("nothing").toString(), "--duration-s", "1")).isEqualTo(2);
        assertThat(console.err.toString()).startsWith("bmsbench: no serial port at ").contains("nothing")
                .contains("bmsbench ports lists them").doesNotContain("\tat ");
        Console notAPort = new Console();
        Path file = dir.resolve("a-file");
        Files.writeString(file, "");
        assertThat(notAPort.run("hil", "--port", file.toString(), "--duration-s", "1")).isEqualTo(2);
        assertThat(notAPort.err.toString()).contains("cannot open " + file + ": not a serial port");
        Console emulate = new Console();
        assertThat(emulate.run("emulate", "--port", "/dev/null-port", "--scenario", SCENARIO)).isEqualTo(2);
        Console neither = new Console();
        assertThat(neither.run("hil", "--duration-s", "1")).isEqualTo(2);
        assertThat(neither.err.toString()).contains("give the board's serial port with --port, or the CAN bus its"
                + " sensors are on with --can");
        Console both = new Console();
        assertThat(both.run("emulate", "--port", "/dev/null", "--can", "virtual:x", "--scenario", SCENARIO)).isEqualTo(2);
        assertThat(both.err.toString()).contains("--port or the CAN bus with --can, one of the two");
        Console badIdle = new Console();
        assertThat(badIdle.run("hil", "--port", "/dev/null", "--idle", "nap")).isEqualTo(2);
        assertThat(badIdle.err.toString()).contains("--idle must be park, spin or yield, got 'nap'");
    }

    @Test
    void shouldSayWhenNoBoardIsOnTheCanBus() {
        Console console = new Console();
        assertThat(console.run("hil", "--can", "virtual:nobody-here", "--connect-timeout-s", "0.2", "--duration-s",
                "1")).isEqualTo(2);
        assertThat(console.err.toString()).contains("no IoBoardInfo on virtual:nobody-here within 0.2 s")
                .doesNotContain("\tat ");
        Console badProfile = new Console();
        assertThat(badProfile.run("emulate", "--can", "virtual:x", "--can-profile", "tesla", "--scenario", SCENARIO))
                .isEqualTo(2);
        assertThat(badProfile.err.toString()).contains("unknown CAN profile 'tesla', expected one of bmsbench, foxbms");
        Console badRound = new Console();
        assertThat(badRound.run("emulate", "--can", "virtual:x", "--afe-round-ms", "-5", "--scenario", SCENARIO))
                .isEqualTo(2);
        assertThat(badRound.err.toString()).contains("--afe-round-ms must be 0 or more, got -5");
    }
}
