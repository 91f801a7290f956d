package org.bmsbench.can;

import static org.assertj.core.api.Assertions.assertThat;

import org.bmsbench.firmware.loop.SimulatedClock;
import org.junit.jupiter.api.Test;

class VirtualCanBusTest {
    private final SimulatedClock clock = new SimulatedClock(1_000);
    private final CanFrame received = new CanFrame();

    @Test
    void shouldDeliverToEveryOtherMemberButNotTheSender() {
        try (CanBus a = CanBuses.open("virtual:shouldDeliver", clock);
                CanBus b = CanBuses.open("virtual:shouldDeliver", clock);
                CanBus c = CanBuses.open("virtual:shouldDeliver", clock);
                CanBus elsewhere = CanBuses.open("virtual:shouldDeliver-other", clock)) {
            clock.advance(500);
            a.send(CanFrame.of(0x123, "CAFE"));

            assertThat(a.receive(received)).isFalse();
            assertThat(elsewhere.receive(received)).isFalse();
            assertThat(b.receive(received)).isTrue();
            assertThat(received).hasToString("123#CAFE");
            assertThat(received.timestampNs()).isEqualTo(1_500);
            assertThat(c.receive(received)).isTrue();
            assertThat(received).hasToString("123#CAFE");
            assertThat(b.receive(received)).isFalse();
            assertThat(a.counters().sent()).isEqualTo(1);
            assertThat(b.counters().received()).isEqualTo(1);
            assertThat(a.address()).isEqualTo("virtual:shouldDeliver");
        }
    }

    @Test
    void shouldKeepTheOrderAndDropWhatAFullQueueCannotHold() {
        try (CanBus sender = CanBuses.open("virtual:shouldKeepTheOrder", clock);
                CanBus slow = CanBuses.open("virtual:shouldKeepTheOrder", clock)) {
            for (int i = 0; i < VirtualCanBus.QUEUE_FRAMES + 3; i++) {
                sender.send(CanFrame.of(0x100, String.format("%04X", i)));
            }
            assertThat(slow.counters().dropped()).isEqualTo(3);
            for (int i = 0; i < VirtualCanBus.QUEUE_FRAMES; i++) {
                assertThat(slow.receive(received)).isTrue();
                assertThat(received.dataHex()).isEqualTo(String.format("%04X", i));
            }
            assertThat(slow.receive(received)).isFalse();
        }
    }

    @Test
    void shouldForgetAMemberThatClosed() {
        try (CanBus a = CanBuses.open("virtual:shouldForget", clock)) {
            CanBus b = CanBuses.open("virtual:shouldForget", clock);
            b.close();
            a.send(CanFrame.of(0x1, "01"));
            b.send(CanFrame.of(0x2, "02"));

            assertThat(b.receive(received)).isFalse();
            assertThat(b.isUp()).isFalse();
            assertThat(b.counters().dropped()).isEqualTo(1);
            assertThat(a.receive(received)).isFalse();
        }
    }
}
