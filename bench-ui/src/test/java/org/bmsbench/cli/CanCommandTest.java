package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code can decode} and {@code can dump} on a hand-written DBC, with frames worked out by hand. */
class CanCommandTest {
    @TempDir
    Path dir;

    private Path dbc;
    private Path log;

    @BeforeEach
    void files() throws IOException {
        dbc = dir.resolve("bench.dbc");
        Files.writeString(dbc, """
                BO_ 291 BmsState: 2 BMS
                 SG_ state : 0|8@1+ (1,0) [0|15] "" Vehicle
                 SG_ soc : 8|8@1+ (0.5,0) [0|100] "%" Vehicle
                BO_ 2566869221 PackCurrent: 2 BMS
                 SG_ current : 0|16@1- (0.1,0) [-3276.8|3276.7] "A" Vehicle
                VAL_ 291 state 2 "STANDBY" 3 "NORMAL" ;
                """);
        log = dir.resolve("drive.log");
        // 0xA3 = 163 * 0.5 = 81.5 %; 0xFF85 = -123 * 0.1 = -12.3 A
        Files.writeString(log, """
                (1700000000.000000) can0 123#02A3
                (1700000000.100000) can0 18FF50E5#85FF
                (1700000000.200000) can0 456#0102
                (1700000000.300000) can0 123#R
                """);
    }

    @Test
    void shouldDecodeALogLineByLine() {
        Console console = new Console();

        assertThat(console.run("can", "decode", log.toString(), "--dbc", dbc.toString())).isZero();

        assertThat(console.out.toString().lines()).containsExactly(
                "(1700000000.000000) 123 BmsState state=2 (STANDBY) soc=81.5 %",
                "(1700000000.100000) 18FF50E5 PackCurrent current=-12.3 A",
                "(1700000000.200000) 456 ? 0102 (not in the DBC)",
                "(1700000000.300000) 123 BmsState remote request");
        assertThat(console.err.toString()).isEqualTo(log + ": 4 frames, 1 not in the DBC, 0 error frames\n");
    }

    @Test
    void shouldDumpABusUntilTheCountIsReached() {
        Console console = new Console();

        assertThat(console.run("can", "dump", "candump:" + log, "--dbc", dbc.toString(), "--count", "2")).isZero();

        assertThat(console.out.toString().lines()).containsExactly(
                "(1700000000.000000) 123 BmsState state=2 (STANDBY) soc=81.5 %",
                "(1700000000.100000) 18FF50E5 PackCurrent current=-12.3 A");
        assertThat(console.err.toString()).startsWith("candump:" + log + ": 0 sent, 2 received");
    }

    @Test
    void shouldKeepWhatItDumpsAsACandumpLog() throws IOException {
        Path kept = log.resolveSibling("kept.log");
        Console console = new Console();

        assertThat(console.run("can", "dump", "candump:" + log, "--dbc", dbc.toString(), "--count", "2", "--can-log",
                kept.toString())).isZero();

        assertThat(Files.readAllLines(kept)).hasSize(2).satisfiesExactly(
                line -> assertThat(line).matches("\\(\\d+\\.\\d{6}\\) can0 123#[0-9A-F]+"),
                line -> assertThat(line).matches("\\(\\d+\\.\\d{6}\\) can0 18FF50E5#[0-9A-F]+"));
    }

    @Test
    void shouldRefuseABadLogOrBusWithExitTwo() throws IOException {
        Files.writeString(log, "(1700000000.000000) can0 123#0\n");
        Console console = new Console();
        assertThat(console.run("can", "decode", log.toString(), "--dbc", dbc.toString())).isEqualTo(2);
        assertThat(console.err.toString()).startsWith("bmsbench: " + log + ":1: expected 0-8 data bytes");

        Console bus = new Console();
        assertThat(bus.run("can", "dump", "can0", "--dbc", dbc.toString())).isEqualTo(2);
        assertThat(bus.err.toString()).startsWith("bmsbench: CAN bus 'can0': unknown kind of bus");

        Files.writeString(dbc, "BO_ 291 BmsState: 65 BMS\n");
        Console badDbc = new Console();
        assertThat(badDbc.run("can", "decode", log.toString(), "--dbc", dbc.toString())).isEqualTo(2);
        assertThat(badDbc.err.toString()).startsWith("bmsbench: " + dbc + ":1:");
    }
}
