package org.bmsbench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantConfig;
import org.bmsbench.sim.SimulatedPort;
import org.junit.jupiter.api.Test;

/** On the control loop's thread, a snapshot filled and handed over (and no command waiting) allocates nothing. */
class TelemetryAllocationTest {
    @Test
    void shouldAllocateNothingOnTheBenchThread() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PackPlant plant = new PackPlant(PlantConfig.of(PackConfig.of(CellFiles.preset("panasonic-18650pf"), 96, 1,
                0.6), 25.0, 1));
        BmsFirmware firmware = new BmsFirmware(BmsConfigFiles.defaults(), new SimulatedPort(plant));
        firmware.request(BmsRequest.NORMAL);
        TelemetryRing ring = new TelemetryRing(16, () -> TelemetrySnapshot.sizedFor(firmware));
        MqttBench mqtt = new MqttBench(MqttSettings.of("tcp://127.0.0.1:1"), "alloc", ring,
                TelemetrySnapshot.sizedFor(firmware), firmware.events(), new MqttBench.Capabilities(true, true));
        BenchControl none = new ScenarioTelemetry(MqttSettings.of("tcp://127.0.0.1:1"), "alloc", Double.NaN);
        long self = Thread.currentThread().getId();
        long before = 0;
        long tick = 0;
        for (int step = 0; step < 40_000; step++) {
            if (step == 20_000) {
                before = threads.getThreadAllocatedBytes(self);
            }
            for (int k = 0; k < 10; k++, tick += 1_000_000L) {
                firmware.tick(tick);
            }
            plant.step(10_000_000L);
            ring.claim().fill(firmware, plant.timeS(), step % 10 == 0);
            ring.publish();
            mqtt.runCommands(none);
        }
        assertThat(threads.getThreadAllocatedBytes(self) - before).as("bytes allocated by 20 000 snapshots").isZero();
        assertThat(ring.published()).isEqualTo(40_000);
    }
}
