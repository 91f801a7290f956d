package org.bmsbench.can;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SocketCAN through JavaCAN. Where the kernel has no {@code AF_CAN} (containers, this project's CI machine) the
 * tests skip and say why; with a {@code vcan0} ({@code ip link add vcan0 type vcan; ip link set up vcan0}) they
 * send and receive on it.
 */
class SocketCanBusTest {
    private static void assumeSocketCan() {
        String missing = SocketCanBus.unavailable();
        assumeTrue(missing == null, () -> "skipped: " + missing);
    }

    @Test
    void shouldRefuseToOpenWhereThereIsNoSocketCan() {
        String missing = SocketCanBus.unavailable();
        assumeTrue(missing != null, "SocketCAN is available here: nothing to refuse");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanBuses.open("socketcan:vcan0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot open socketcan:vcan0: SocketCAN is not available on this machine");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCarryFramesBetweenTwoSocketsOnVcan0() throws InterruptedException {
        assumeSocketCan();
        try (CanBus a = CanBuses.open("socketcan:vcan0"); CanBus b = CanBuses.open("socketcan:vcan0")) {
            assumeTrue(a.isUp(), () -> "skipped: no vcan0 here (" + ((SocketCanBus) a).lastProblem() + ")");
            a.send(CanFrame.of(0x18FF50E5, "0102030405060708"));
            CanFrame received = new CanFrame();
            while (!b.receive(received)) {
                Thread.sleep(10); // a deadline for a busy machine is the test's timeout
            }
            assertThat(received).hasToString("18FF50E5#0102030405060708");
        }
    }
}
