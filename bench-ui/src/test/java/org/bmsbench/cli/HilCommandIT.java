package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsbench.hil.host.PtyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmsbench emulate} and {@code bmsbench hil} on the two ends of a socat pty pair: an integration test (socat,
 * the wall clock). It asserts the verdict, the events and the summary's format, not the figures in it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HilCommandIT {
    private static final String SCENARIO = "../hil-bridge/src/test/resources/scenarios/hil-overvoltage.yaml";

    @TempDir
    Path dir;

    @Test
    void shouldRunTheFirmwareAgainstTheEmulatedBoard() throws Exception {
        Path board = dir.resolve("board");
        Path host = dir.resolve("host");
        // The order of what happens is fixed, whatever the machine's load: the scenario's plant never runs ahead of
        // the wall clock, so a board with 16 simulated s to go is still talking when the host stops after 12 s of
        // wall time (its bytes then go unread), and the over-voltage, 3.5 s into the scenario, comes before that
        // unless the board's loop keeps less than a third of its pace (the original's 8 s and 5 s needed 70 %). The
        // host's firmware gets a busy machine's overrun tolerance: its punctuality is HilVerdictTest's.
        Path scenario = dir.resolve("hil-overvoltage.yaml");
        String original = Files.readString(Path.of(SCENARIO));
        assertThat(original).contains("duration_s: 8}");
        Files.writeString(scenario, original.replace("duration_s: 8}", "duration_s: 16}"));
        Path config = dir.resolve("bms.yaml");
        Files.writeString(config, "tasks: {overrun_tolerance_ms: 1000}\n");
        try (PtyPair pair = new PtyPair(board, host)) {
            Console emulator = new Console();
            int[] emulatorCode = new int[1];
            Thread thread = new Thread(() -> emulatorCode[0] = emulator.run("emulate", "--port", board.toString(),
                    "--scenario", scenario.toString()));
            thread.start();
            Console hil = new Console();
            Path canLog = dir.resolve("bus.log");
            int code = hil.run("hil", "--port", host.toString(), "--duration-s", "12", "--config", config.toString(),
                    "--can", "virtual:hil-it", "--can-profile", "foxbms", "--can-log", canLog.toString());
            thread.join(120_000); // the emulator ends with its scenario: 16 s, longer on a busy machine
            assertThat(thread.isAlive()).as("emulate ended").isFalse();

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
            // on the bus, foxBMS's f_BmsState (0x220) says STANDBY (5), PRECHARGE (6), NORMAL (7), then ERROR (10)
            assertThat(out).contains("on CAN bus virtual:hil-it with the foxbms profile");
            List<String> bus = Files.readAllLines(canLog);
            assertThat(bus).allMatch(line -> line.matches("\\(\\d+\\.\\d{6}\\) can0 [0-9A-F]{3}#[0-9A-F]*"));
            assertThat(bus.stream().filter(line -> line.contains(" can0 220#")).map(line -> line.substring(
                    line.indexOf('#') + 2, line.indexOf('#') + 3)).distinct()).containsSubsequence("7", "A");
            assertThat(emulatorCode[0]).as(emulator.err.toString()).isZero();
            assertThat(emulator.out.toString()).contains("host_connected").contains("fault_injected")
                    .contains("bytes not sent (nobody reading)")
                    .contains("scenario ended");
        }
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
