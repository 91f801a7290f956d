package org.bmsbench.can.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.CanFrame;
import org.bmsbench.port.Measurements;

/**
 * Any frames at all on the sensors' ids: the sensor port reads them without an exception, every reading it keeps
 * is a number or NaN (never an out-of-range index), and a conversion happens only for a whole round. Each frame is
 * 11 bytes of the input: which sensor id (one byte, modulo the ids), the length (0-8), then 8 data bytes. The seeds
 * run in the normal test suite; {@code JAZZER_FUZZ=1 mvn test -pl hil-bridge -Dtest=CanSensorFuzzTest} fuzzes.
 */
class CanSensorFuzzTest {
    private static final AtomicInteger INPUTS = new AtomicInteger();
    private static final int[] IDS = {0x270, 0x280, 0x521, 0x522, 0x523, 0x37, 0x290, 0x292, 0x123};

    @FuzzTest(maxDuration = "60s")
    void anyFrames(byte[] input) {
        String name = "virtual:sensor-fuzz-" + INPUTS.incrementAndGet();
        try (CanBus device = CanBuses.open(name); CanBus bms = CanBuses.open(name)) {
            CanSensorPort port = new CanSensorPort(bms, new CanSensorPort.Layout(10, 5, 2));
            CanFrame frame = new CanFrame();
            byte[] data = new byte[8];
            int frames = 0;
            for (int at = 0; at + 11 <= input.length; at += 11) {
                System.arraycopy(input, at + 3, data, 0, 8);
                device.send(frame.set(IDS[Math.floorMod(input[at], IDS.length)], false, data,
                        Math.floorMod(input[at + 1], 9)));
                frames++;
            }
            port.poll(1);
            Measurements m = port.latest();
            // a round of 10 cells is 3 frames: never more conversions than whole rounds could make
            assertThat(m.sequence()).isBetween(0L, frames / 3L);
            for (int c = 0; c < m.cellChannelCount(); c++) {
                double v = m.cellVoltageV(c);
                assertThat(Double.isNaN(v) || (v >= 0 && v <= 8.191)).as("cell %d: %s", c, v).isTrue();
            }
            assertThat(port.stats().conversions()).isEqualTo(m.sequence());
        }
    }
}
