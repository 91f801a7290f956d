package org.bmsbench.can;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsbench.firmware.loop.SimulatedClock;
import org.bmsbench.hil.transport.InMemoryLink;
import org.bmsbench.realtime.AllocationWindows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sending and receiving on the tick allocate nothing once running: the virtual bus, both slcan ends (formatting,
 * line assembly, parsing) and the candump writer. Counted in windows after the JIT has gone quiet
 * ({@link AllocationWindows}); code that allocates per frame allocates in every window.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CanBusAllocationTest {
    private static final int FRAMES_A_WINDOW = 20_000;

    @TempDir
    Path dir;

    private final SimulatedClock clock = new SimulatedClock(0);
    private final CanFrame outgoing = CanFrame.of(0x18FF50E5, "0102030405060708");
    private final CanFrame received = new CanFrame();

    @Test
    void shouldSendAndReceiveOnAVirtualBusWithoutAllocating() {
        try (CanBus a = CanBuses.open("virtual:allocation", clock);
                CanBus b = CanBuses.open("virtual:allocation", clock)) {
            List<Long> windows = AllocationWindows.untilNone(10, () -> {
                for (int i = 0; i < FRAMES_A_WINDOW; i++) {
                    a.send(outgoing);
                    b.receive(received);
                }
            });
            assertThat(windows).last().isEqualTo(0L);
            assertThat(received).hasToString("18FF50E5#0102030405060708");
        }
    }

    @Test
    void shouldCarrySlcanLinesWithoutAllocating() {
        InMemoryLink line = new InMemoryLink();
        try (SlcanDeviceBus device = new SlcanDeviceBus("slcan-device:test", line.b(), clock);
                SlcanBus host = new SlcanBus("slcan:test@500000", line.a(), 6, clock)) {
            device.receive(received); // the channel opens
            List<Long> windows = AllocationWindows.untilNone(10, () -> {
                for (int i = 0; i < FRAMES_A_WINDOW; i++) {
                    host.send(outgoing);
                    device.receive(received);
                    device.send(received);
                    host.receive(received);
                }
            });
            assertThat(windows).last().isEqualTo(0L);
            assertThat(received).hasToString("18FF50E5#0102030405060708");
            assertThat(host.counters().malformed() + device.counters().malformed()).isZero();
        }
    }

    @Test
    void shouldWriteCandumpLinesWithoutAllocating() throws IOException {
        try (CandumpWriter writer = new CandumpWriter(dir.resolve("allocation.log"))) {
            long[] timeNs = {1_700_000_000_000_000_000L};
            List<Long> windows = AllocationWindows.untilNone(10, () -> {
                for (int i = 0; i < FRAMES_A_WINDOW; i++) {
                    writer.write(outgoing, timeNs[0] += 1_000_000);
                }
            });
            assertThat(windows).last().isEqualTo(0L);
        }
    }
}
