package org.bmsbench.can;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.bmsbench.firmware.loop.SimulatedClock;
import org.bmsbench.hil.transport.ByteStream;
import org.bmsbench.hil.transport.InMemoryLink;
import org.junit.jupiter.api.Test;

/** Both ends of slcan over an in-memory line, and each end against hand-written bytes. */
class SlcanBusTest {
    private final SimulatedClock clock = new SimulatedClock(5_000);
    private final InMemoryLink line = new InMemoryLink();
    private final CanFrame received = new CanFrame();

    private static String drain(ByteStream end) {
        byte[] buffer = new byte[4096];
        int n = end.read(buffer, 0, buffer.length);
        return new String(buffer, 0, n, StandardCharsets.US_ASCII);
    }

    private static void write(ByteStream end, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        end.write(bytes, 0, bytes.length);
    }

    @Test
    void shouldSetTheAdapterUpAndSendFramesAsLines() {
        SlcanBus host = new SlcanBus("slcan:test@500000", line.a(), 6, clock);
        assertThat(drain(line.b())).isEqualTo("C\rS6\rO\r");

        host.send(CanFrame.of(0x123, "DEADBEEF"));
        host.send(CanFrame.of(0x18FF50E5, "01"));
        host.send(new CanFrame().set(0x100, false, new byte[12], 12)); // CAN FD: not on slcan

        assertThat(drain(line.b())).isEqualTo("t1234DEADBEEF\rT18FF50E5101\r");
        assertThat(host.counters().sent()).isEqualTo(2);
        assertThat(host.counters().dropped()).isEqualTo(1);
    }

    @Test
    void shouldSetUpAgainAnAdapterThatDidNotAnswer() {
        SlcanBus host = new SlcanBus("slcan:test@500000", line.a(), 6, clock);
        assertThat(drain(line.b())).isEqualTo("C\rS6\rO\r");
        clock.advance(SlcanBus.SETUP_RETRY_NS - 1);
        host.receive(received);
        assertThat(line.b().read(new byte[16], 0, 16)).as("not yet").isZero();
        clock.advance(1);
        host.receive(received);
        assertThat(drain(line.b())).as("no answer for a second: the adapter was not listening").isEqualTo("C\rS6\rO\r");
        write(line.b(), "\r\r\r"); // it answers now
        clock.advance(5 * SlcanBus.SETUP_RETRY_NS);
        host.receive(received);
        host.send(CanFrame.of(0x123, "01"));
        assertThat(drain(line.b())).isEqualTo("t123101\r");
    }

    @Test
    void shouldReceiveFramesAndCountWhatTheAdapterReports() {
        SlcanBus host = new SlcanBus("slcan:test@500000", line.a(), 6, clock);
        drain(line.b());
        // acknowledgements, a frame, a BEL, an overrun status, a bus-error status, a broken frame, an overlong line,
        // a line that is no reply at all, and a last frame after CR LF
        write(line.b(), "\rz\rt1232BEEF\r\u0007F08\rF80\rt12399\rt" + "1".repeat(40) + "\rhello\rT000001230\r\n");
        clock.advance(1_000);

        assertThat(host.receive(received)).isTrue();
        assertThat(received).hasToString("123#BEEF");
        assertThat(received.timestampNs()).isEqualTo(6_000);
        assertThat(host.receive(received)).isTrue();
        assertThat(received).hasToString("00000123#");
        assertThat(host.receive(received)).isFalse();
        CanBusCounters counters = host.counters();
        assertThat(counters.received()).isEqualTo(2);
        assertThat(counters.errorReports()).isEqualTo(2);
        assertThat(counters.overruns()).isEqualTo(1);
        assertThat(counters.malformed()).isEqualTo(3);
    }

    @Test
    void shouldSetTheAdapterUpAgainWhenTheLinkReturns() {
        SlcanBus host = new SlcanBus("slcan:test@125000", line.a(), 4, clock);
        drain(line.b());
        line.setUp(false);
        host.send(CanFrame.of(0x123, "01"));
        assertThat(host.isUp()).isFalse();
        line.setUp(true);

        assertThat(host.receive(received)).isFalse();

        assertThat(drain(line.b())).isEqualTo("C\rS4\rO\r");
        assertThat(host.counters().reopened()).isEqualTo(1);
        assertThat(host.counters().dropped()).isEqualTo(1);
    }

    @Test
    void shouldActAsTheAdapterForAHost() {
        SlcanDeviceBus device = new SlcanDeviceBus("slcan-device:test", line.b(), clock);
        write(line.a(), "t1231AA\r");
        assertThat(device.receive(received)).isFalse(); // the channel is not open yet
        assertThat(drain(line.a())).isEqualTo("\u0007");

        write(line.a(), "C\rS6\rO\rV\rN\rt1231AA\rT000001232BBCC\rr1000\rt12\rX\r");
        assertThat(device.receive(received)).isTrue();
        assertThat(received).hasToString("123#AA");
        assertThat(device.receive(received)).isTrue();
        assertThat(received).hasToString("00000123#BBCC");
        assertThat(device.receive(received)).isTrue();
        assertThat(received).hasToString("100#R0");
        assertThat(drain(line.a())).isEqualTo("\r\r\rV1013\rNBMSB\rz\rZ\rz\r\u0007\u0007");
        assertThat(device.counters().malformed()).isEqualTo(2);

        device.send(CanFrame.of(0x321, "0102"));
        write(line.a(), "F\r");
        device.receive(received);
        assertThat(drain(line.a())).isEqualTo("t32120102\rF00\r");
        assertThat(device.counters().sent()).isEqualTo(1);
    }

    @Test
    void shouldCarryFramesBothWaysBetweenHostAndDevice() {
        SlcanDeviceBus device = new SlcanDeviceBus("slcan-device:test", line.b(), clock);
        SlcanBus host = new SlcanBus("slcan:test@500000", line.a(), 6, clock);
        device.receive(received); // the device takes C, S6, O
        assertThat(device.channelOpen()).isTrue();

        host.send(CanFrame.of(0x7E0, "0201050000000000"));
        device.send(new CanFrame().setRemote(0x1ABCDEF0, true, 3));

        assertThat(device.receive(received)).isTrue();
        assertThat(received).hasToString("7E0#0201050000000000");
        assertThat(host.receive(received)).isTrue();
        assertThat(received).hasToString("1ABCDEF0#R3");
        assertThat(host.counters().malformed()).isZero(); // the device's acknowledgements are not errors
        assertThat(host.counters().errorReports()).isZero();
    }
}
