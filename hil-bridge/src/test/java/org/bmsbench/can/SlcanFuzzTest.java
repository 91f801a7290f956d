package org.bmsbench.can;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.bmsbench.firmware.loop.SimulatedClock;
import org.bmsbench.hil.transport.InMemoryLink;

/**
 * Any bytes at all on an slcan line, at both ends: the host ({@code slcan:}) and the adapter
 * ({@code slcan-device:}) read them without an exception, count what they refuse, and every frame either takes
 * in reads back from its own line unchanged (format, then parse). The seeds (a host's session, an adapter's
 * replies, broken frame lines) run in the normal test suite; {@code JAZZER_FUZZ=1 mvn test -pl hil-bridge
 * -Dtest=SlcanFuzzTest} fuzzes for real.
 */
class SlcanFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void anyLines(byte[] input) {
        SimulatedClock clock = new SimulatedClock(0);
        InMemoryLink toHost = new InMemoryLink();
        InMemoryLink toDevice = new InMemoryLink();
        SlcanBus host = new SlcanBus("slcan:fuzz@500000", toHost.a(), 6, clock);
        SlcanDeviceBus device = new SlcanDeviceBus("slcan-device:fuzz", toDevice.a(), clock);
        device.receive(new CanFrame());
        byte[] open = {'O', '\r'};
        toDevice.b().write(open, 0, open.length); // the adapter's channel is open, so frames are taken
        toHost.b().write(input, 0, input.length);
        toDevice.b().write(input, 0, input.length);

        CanFrame frame = new CanFrame();
        CanFrame again = new CanFrame();
        byte[] line = new byte[Slcan.MAX_LINE + 1];
        for (SlcanPort bus : new SlcanPort[] {host, device}) {
            long taken = 0;
            while (bus.receive(frame)) {
                taken++;
                int n = Slcan.format(frame, line);
                assertThat(Slcan.parse(line, n - 1, again)).isEqualTo(Slcan.Line.FRAME);
                assertThat(again.toString()).isEqualTo(frame.toString());
                assertThat(Arrays.equals(again.data(), frame.data())).isTrue();
            }
            assertThat(bus.counters().received()).isEqualTo(taken + bus.counters().dropped());
        }
    }
}
