package org.bmsbench.can;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bmsbench.firmware.loop.SimulatedClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandumpLogBusTest {
    @TempDir
    Path dir;

    private final SimulatedClock clock = new SimulatedClock(77_000_000_000L);
    private final CanFrame received = new CanFrame();

    @Test
    void shouldReplayTheLogWithItsTiming() throws IOException {
        Path log = dir.resolve("drive.log");
        Files.writeString(log, """
                (1700000000.000000) can0 123#01
                (1700000000.100000) can0 124#02
                (1700000000.100000) can0 20000004#0000000000000000
                (1700000000.350000) can0 125#03
                """);
        try (CanBus bus = CanBuses.open("candump:" + log, clock)) {
            assertThat(bus.receive(received)).isTrue();
            assertThat(received).hasToString("123#01");
            assertThat(received.timestampNs()).isEqualTo(1_700_000_000_000_000_000L);
            assertThat(bus.receive(received)).isFalse();

            clock.advance(99_999_999);
            assertThat(bus.receive(received)).isFalse();
            clock.advance(1);
            assertThat(bus.receive(received)).isTrue();
            assertThat(received).hasToString("124#02");

            clock.advance(1_000_000_000);
            assertThat(bus.receive(received)).isTrue();
            assertThat(received).hasToString("125#03");
            assertThat(bus.receive(received)).isFalse();
            assertThat(bus.counters().received()).isEqualTo(3);
            assertThat(bus.counters().errorReports()).isEqualTo(1);
        }
    }

    @Test
    void shouldAppendWhatIsSentToTheSentLogOnTheReplaysTimeline() throws IOException {
        Path log = dir.resolve("in.log");
        Files.writeString(log, "(1700000000.000000) can0 123#01\n");
        try (CanBus bus = CanBuses.open("candump:" + log, clock)) {
            clock.advance(250_000_000);
            bus.send(CanFrame.of(0x7E0, "0102"));
        }
        assertThat(Files.readString(CandumpLogBus.sentLog(log)))
                .isEqualTo("(1700000000.250000) can0 7E0#0102\n");
        assertThat(CandumpLogBus.sentLog(log).getFileName()).hasToString("in.log.sent");
    }
}
