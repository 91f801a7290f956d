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
        Console badIdle = new Console();
        assertThat(badIdle.run("hil", "--port", "/dev/null", "--idle", "nap")).isEqualTo(2);
        assertThat(badIdle.err.toString()).contains("--idle must be park, spin or yield, got 'nap'");
    }
}
