package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bmsbench.hil.host.PtyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmsbench emulate} and {@code bmsbench hil} on the two ends of a socat pty pair. */
class HilCommandTest {
    private static final String SCENARIO = "../hil-bridge/src/test/resources/scenarios/hil-overvoltage.yaml";

    @TempDir
    Path dir;

    @Test
    void shouldRunTheFirmwareAgainstTheEmulatedBoard() throws Exception {
        Path board = dir.resolve("board");
        Path host = dir.resolve("host");
        try (PtyPair pair = new PtyPair(board, host)) {
            Console emulator = new Console();
            int[] emulatorCode = new int[1];
            Thread thread = new Thread(() -> emulatorCode[0] = emulator.run("emulate", "--port", board.toString(),
                    "--scenario", SCENARIO));
            thread.start();
            Console hil = new Console();
            int code = hil.run("hil", "--port", host.toString(), "--duration-s", "5");
            thread.join(15_000);

            // the scenario trips the firmware's over-voltage protection: a run that ends with a fatal fault is 1
            assertThat(code).as(hil.err.toString()).isEqualTo(1);
            String out = hil.out.toString();
            assertThat(out).contains("fatal faults raised at the end: CELL_OVERVOLTAGE");
            assertThat(out).contains("board 'bmsbench emulator hil-overvoltag': 96 cells")
                    .contains("fault_raised CELL_OVERVOLTAGE fatal").contains("state error")
                    .containsPattern("link: \\d+ frames received")
                    .containsPattern("errors: \\d+ crc, \\d+ stuffing, 0 oversized, \\d+ too short, 0 version,"
                            + " 0 malformed")
                    .containsPattern("control loop period error \\(\\d+ ticks\\): p50 [0-9.]+ us, p99 [0-9.]+ us,"
                            + " p99.9 [0-9.]+ us, max [0-9.]+ us");
            // the port opens on a board that has been talking for seconds: its first bytes may end a frame
            java.util.regex.Matcher errors = java.util.regex.Pattern
                    .compile("errors: (\\d+) crc, (\\d+) stuffing, 0 oversized, (\\d+) too short").matcher(out);
            assertThat(errors.find()).isTrue();
            assertThat(Integer.parseInt(errors.group(1)) + Integer.parseInt(errors.group(2))
                    + Integer.parseInt(errors.group(3))).as("damaged frames").isLessThanOrEqualTo(1);
            assertThat(emulatorCode[0]).as(emulator.err.toString()).isZero();
            assertThat(emulator.out.toString()).contains("host_connected").contains("fault_injected")
                    .contains("bytes not sent (nobody reading)")
                    .contains("scenario ended");
        }
    }

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

    @Test
    void shouldListPortsWithTheOpenPseudoTerminals() throws Exception {
        Path host = dir.resolve("host");
        try (PtyPair pair = new PtyPair(dir.resolve("board"), host)) {
            Console console = new Console();
            assertThat(console.run("ports")).isZero();
            assertThat(console.out.toString()).contains(host.toRealPath() + " ")
                    .contains("a pseudo-terminal (socat, a terminal)");
        }
    }
}
