package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.hil.host.PtyPair;
import org.bmsbench.scenario.ScenarioEvent;
import org.bmsbench.scenario.ScenarioRunner;
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

    /**
     * The same scenario with the pack's sensors on CAN: {@code emulate --can} puts foxBMS's AFE messages, an IVT-S,
     * an iso165C and the I/O node on slcan at one end of the pty pair, {@code hil --can} runs the firmware against
     * them at the other, the vehicle's foxBMS messages on the same bus. The firmware raises what the simulated run
     * raises (its own CONTROL_LOOP_OVERRUN aside: that is the machine's punctuality).
     */
    @Test
    void shouldRunTheFirmwareAgainstSensorsOnCan() throws Exception {
        Path board = dir.resolve("board");
        Path host = dir.resolve("host");
        Path scenario = dir.resolve("hil-overvoltage.yaml");
        Files.writeString(scenario, Files.readString(Path.of(SCENARIO)).replace("duration_s: 8}", "duration_s: 16}"));
        Set<String> simulated = new ScenarioRunner().run(ScenarioFiles.read(scenario)).events().stream()
                .filter(e -> e instanceof ScenarioEvent.FaultChanged f && f.raised())
                .map(e -> (ScenarioEvent.FaultChanged) e).map(f -> f.id().name() + " " + f.level().id())
                .collect(Collectors.toCollection(TreeSet::new));
        Path config = dir.resolve("bms.yaml");
        Files.writeString(config, "tasks: {overrun_tolerance_ms: 1000}\n");
        try (PtyPair pair = new PtyPair(board, host)) {
            Console emulator = new Console();
            int[] emulatorCode = new int[1];
            Thread thread = new Thread(() -> emulatorCode[0] = emulator.run("emulate", "--can",
                    "slcan-device:" + board, "--can-profile", "foxbms", "--scenario", scenario.toString()));
            thread.start();
            Console hil = new Console();
            Path canLog = dir.resolve("bus.log");
            int code = hil.run("hil", "--can", "slcan:" + host + "@500000", "--can-profile", "foxbms", "--duration-s",
                    "12", "--config", config.toString(), "--can-log", canLog.toString());
            thread.join(120_000);
            assertThat(thread.isAlive()).as("emulate ended").isFalse();

            assertThat(code).as(hil.err.toString()).isEqualTo(1);
            String out = hil.out.toString();
            assertThat(out).contains("sensors on CAN: 96 cells, 96 temperature sensors, 6 boards")
                    .contains("fault_raised CELL_OVERVOLTAGE fatal").contains("state error")
                    .contains("fatal faults raised at the end: CELL_OVERVOLTAGE")
                    .containsPattern("sensors: [1-9]\\d* conversions, [1-9]\\d* temperature rounds, [1-9]\\d* current"
                            + " results, [1-9]\\d* isolation results, [1-9]\\d* feedback frames");
            java.util.regex.Matcher faults = java.util.regex.Pattern.compile("faults raised: (.*)").matcher(out);
            assertThat(faults.find()).isTrue();
            Set<String> raised = java.util.Arrays.stream(faults.group(1).split("; "))
                    .map(f -> f.substring(0, f.indexOf(" at "))).filter(f -> !f.startsWith("CONTROL_LOOP_OVERRUN "))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(raised).isEqualTo(simulated).contains("CELL_OVERVOLTAGE fatal");
            // the log has both directions: the AFE's cell voltages (0x270) and the BMS's f_BmsState (0x220)
            List<String> bus = Files.readAllLines(canLog);
            assertThat(bus).anyMatch(line -> line.contains(" can0 270#")).anyMatch(line -> line.contains(" can0 220#"))
                    .anyMatch(line -> line.contains(" can0 291#"));
            assertThat(emulatorCode[0]).as(emulator.err.toString()).isZero();
            assertThat(emulator.out.toString()).contains("host_connected").contains("fault_injected")
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
