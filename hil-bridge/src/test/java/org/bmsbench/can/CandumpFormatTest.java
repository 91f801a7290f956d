package org.bmsbench.can;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CandumpFormatTest {
    @TempDir
    Path dir;

    private final CanFrame frame = new CanFrame();

    private static String format(CanFrame frame, long timeNs) {
        byte[] out = new byte[CandumpFormat.MAX_LINE];
        int n = CandumpFormat.format(frame, timeNs, "can0".getBytes(StandardCharsets.US_ASCII), out);
        return new String(out, 0, n, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldWriteCandumpLines() {
        assertThat(format(CanFrame.of(0x123, "DEADBEEF"), 1_700_000_000_123_456_789L))
                .isEqualTo("(1700000000.123456) can0 123#DEADBEEF\n");
        assertThat(format(CanFrame.of(0x18FF50E5, ""), 5_000L)).isEqualTo("(0.000005) can0 18FF50E5#\n");
        assertThat(format(new CanFrame().setRemote(0x7FF, false, 0), 0)).isEqualTo("(0.000000) can0 7FF#R\n");
        assertThat(format(new CanFrame().setRemote(0x100, false, 5), 0)).isEqualTo("(0.000000) can0 100#R5\n");
        byte[] twelve = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertThat(format(new CanFrame().set(0x42, false, twelve, 12), 1_000_000_000L))
                .isEqualTo("(1.000000) can0 042##00102030405060708090A0B0C\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "(1700000000.123456) can0 123#DEADBEEF | 123#DEADBEEF | 1700000000123456000",
            "(1700000000.000001) vcan0 1FFFFFFF#0011 | 1FFFFFFF#0011 | 1700000000000001000",
            "(0.500000) can1 00000042# | 00000042# | 500000000",
            "(0.000000) can0 7FF#R | 7FF#R0 | 0",
            "(0.000000) can0 7FF#R8 | 7FF#R8 | 0",
            "(1.000000) can0 123##1000102030405060708090A0B | 123#000102030405060708090A0B | 1000000000",
            "(1.000000) can0 123#deadbeef  | 123#DEADBEEF | 1000000000",
            "(1700000000.250000) vcan0 321#CAFE R | 321#CAFE | 1700000000250000000"})
    void shouldReadCandumpLines(String line, String expected, long timeNs) {
        assertThat(CandumpFormat.parse(line, frame)).isEqualTo(CandumpFormat.Line.FRAME);
        assertThat(frame).hasToString(expected);
        assertThat(frame.timestampNs()).isEqualTo(timeNs);
    }

    @Test
    void shouldKeepAShortCanFdFrameFd() {
        assertThat(CandumpFormat.parse("(1.000000) can0 123##0DEADBEEF", frame)).isEqualTo(CandumpFormat.Line.FRAME);
        assertThat(frame.fd()).as("4 bytes, but ## on the wire").isTrue();
        assertThat(frame.length()).isEqualTo(4);
        byte[] line = new byte[CandumpFormat.MAX_LINE];
        int n = CandumpFormat.format(frame, 1_000_000_000L, "can0".getBytes(StandardCharsets.US_ASCII), line);
        assertThat(new String(line, 0, n, StandardCharsets.US_ASCII))
                .endsWith(" can0 123##0DEADBEEF\n");
        assertThat(CandumpFormat.parse("(1.000000) can0 123#DEADBEEF", frame)).isEqualTo(CandumpFormat.Line.FRAME);
        assertThat(frame.fd()).isFalse();
    }

    @Test
    void shouldTellErrorFramesApart() {
        assertThat(CandumpFormat.parse("(1.000000) can0 20000080#0000000000000000", frame))
                .isEqualTo(CandumpFormat.Line.ERROR_FRAME);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1700000000.123456 can0 123#00 | expected a time in brackets",
            "(1700000000.12) can0 123#00 | expected the time as seconds with 6 decimals",
            "(1700000000.123456)can0 123#00 | expected a space after the time",
            "(1700000000.123456) can0 | expected an interface name and a frame",
            "(1700000000.123456) can0 12#00 | expected a frame as ID#DATA with a 3-digit",
            "(1700000000.123456) can0 800#00 | id 800 is beyond the 11-bit range",
            "(1700000000.123456) can0 12G#00 | expected hex digits in the id",
            "(1700000000.123456) can0 123#0 | expected 0-8 data bytes",
            "(1700000000.123456) can0 123#001122334455667788 | expected 0-8 data bytes",
            "(1700000000.123456) can0 123#R9 | expected R or R0-R8",
            "(1700000000.123456) can0 123##0001122334455667788AA | expected 0-8, 12, 16, 20, 24, 32, 48 or 64",
            "(1700000000.123456) can0 123#ZZ | expected hex digits in the data",
            "(1700000000.123456) can0 123#00 extra | expected nothing after the frame but R or T"})
    void shouldSayWhatWasExpected(String line, String message) {
        assertThatThrownBy(() -> CandumpFormat.parse(line, frame)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldReadBackWhatItWrites() throws IOException {
        Path log = dir.resolve("run.log");
        List<String> written = List.of("123#DEADBEEF", "1FFFFFFF#0011223344556677", "7FF#R3", "000#",
                "042#000102030405060708090A0B0C0D0E0F10111213");
        try (CandumpWriter writer = new CandumpWriter(log, "vcan0", false)) {
            long timeNs = 1_700_000_000_000_000_000L;
            writer.write(CanFrame.of(0x123, "DEADBEEF"), timeNs);
            writer.write(CanFrame.of(0x1FFFFFFF, "0011223344556677"), timeNs + 1_000);
            writer.write(new CanFrame().setRemote(0x7FF, false, 3), timeNs + 2_000);
            writer.write(CanFrame.of(0x000, ""), timeNs + 3_000);
            byte[] twenty = new byte[20];
            for (int i = 0; i < twenty.length; i++) {
                twenty[i] = (byte) i;
            }
            writer.write(new CanFrame().set(0x42, false, twenty, 20), timeNs + 4_000);
        }
        assertThat(Files.readAllLines(log).get(0)).isEqualTo("(1700000000.000000) vcan0 123#DEADBEEF");

        List<String> read = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try (CandumpReader reader = new CandumpReader(log)) {
            while (reader.next(frame)) {
                read.add(frame.toString());
                times.add(frame.timestampNs() - 1_700_000_000_000_000_000L);
            }
        }
        assertThat(read).isEqualTo(written);
        assertThat(times).containsExactly(0L, 1_000L, 2_000L, 3_000L, 4_000L);
    }

    @Test
    void shouldRefuseABadLineWithItsFileAndLine() throws IOException {
        Path log = dir.resolve("bad.log");
        Files.writeString(log, "(1.000000) can0 123#00\n\n(1.000000) can0 20000004#0000000000000000\n"
                + "(2.000000) can0 123#0\n");
        try (CandumpReader reader = new CandumpReader(log)) {
            assertThat(reader.next(frame)).isTrue();
            assertThatThrownBy(() -> reader.next(frame)).hasMessageStartingWith(log + ":4: expected 0-8 data bytes");
            assertThat(reader.errorFrames()).isEqualTo(1);
        }
    }
}
