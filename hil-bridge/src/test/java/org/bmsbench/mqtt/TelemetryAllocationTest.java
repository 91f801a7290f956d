package org.bmsbench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.realtime.AllocationWindows;
import org.bmsbench.scenario.BenchControl;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantConfig;
import org.bmsbench.sim.SimulatedPort;
import org.junit.jupiter.api.Test;

/** On the control loop's thread, a snapshot filled and handed over (and no command waiting) allocates nothing. */
class TelemetryAllocationTest {
    @Test
    void shouldAllocateNothingOnTheBenchThread() {
        PackPlant plant = new PackPlant(PlantConfig.of(PackConfig.of(CellFiles.preset("panasonic-18650pf"), 96, 1,
                0.6), 25.0, 1));
        BmsFirmware firmware = new BmsFirmware(BmsConfigFiles.defaults(), new SimulatedPort(plant));
        firmware.request(BmsRequest.NORMAL);
        TelemetryRing ring = new TelemetryRing(16, () -> TelemetrySnapshot.sizedFor(firmware));
        MqttBench mqtt = new MqttBench(MqttSettings.of("tcp://127.0.0.1:1"), "alloc", ring,
                TelemetrySnapshot.sizedFor(firmware), firmware.events(), new MqttBench.Capabilities(true, true));
        BenchControl none = new ScenarioTelemetry(MqttSettings.of("tcp://127.0.0.1:1"), "alloc", Double.NaN);
        long tick = 0;
        for (int step = 0; step < 20_000; step++) { // the firmware and plant running, telemetry with them
            for (int k = 0; k < 10; k++, tick += 1_000_000L) {
                firmware.tick(tick);
            }
            plant.step(10_000_000L);
            offer(ring, firmware, plant.timeS(), step, mqtt, none);
        }
        // then the telemetry's part alone (the firmware and the plant are checked by tests of their own), in
        // windows once the JIT has compiled it (AllocationWindows: a busy machine's C2 comes late)
        Runnable window = () -> {
            for (int k = 0; k < 200_000; k++) {
                offer(ring, firmware, plant.timeS(), k, mqtt, none);
            }
        };
        window.run();
        List<Long> windows = AllocationWindows.untilNone(5, window);
        assertThat(windows.get(windows.size() - 1)).as("bytes allocated by 200 000 snapshots, in windows %s",
                windows).isZero();
        assertThat(ring.published()).isEqualTo(220_000 + 200_000L * windows.size());
    }

    private static void offer(TelemetryRing ring, BmsFirmware firmware, double timeS, int k, MqttBench mqtt,
                              BenchControl none) {
        ring.claim().fill(firmware, timeS, k % 10 == 0);
        ring.publish();
        mqtt.runCommands(none);
    }
}
