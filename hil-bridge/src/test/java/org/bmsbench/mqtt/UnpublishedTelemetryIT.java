package org.bmsbench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantConfig;
import org.bmsbench.sim.SimulatedPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A warm-up's telemetry: offered and encoded as a bench's would be, never connected, nothing published. An
 * integration test (the embedded broker).
 */
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class UnpublishedTelemetryIT {
    @Test
    void shouldOfferAndEncodeOnScheduleWithoutConnecting() throws InterruptedException {
        PackPlant plant = new PackPlant(PlantConfig.of(PackConfig.of(CellFiles.preset("panasonic-18650pf"), 12, 1,
                0.6), 25.0, 1));
        BmsFirmware firmware = new BmsFirmware(BmsConfigFiles.defaults(), new SimulatedPort(plant));
        // a broker that is there: the warm-up's copy must still not connect to it
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            BenchTelemetry warm = BenchTelemetry.unpublished(MqttSettings.of(broker.url()), firmware);
            MqttBench mqtt = warm.mqtt();
            long t = 0;
            for (; t < 3_000_000_000L; t += 1_000_000L) { // 30 status snapshots, every 100 ms, none read
                firmware.tick(t);
                warm.offer(t / 1e9, t, null);
            }
            warm.encodeUnpublished();
            // a ring of 16 lapped: it gives back the newest 14 (not the slot the writer may be in), 16 are dropped
            assertThat(mqtt.telemetryDropped()).isEqualTo(16);
            for (; t < 6_000_000_000L; t += 1_000_000L) { // 30 more, each read and encoded as it comes
                firmware.tick(t);
                warm.offer(t / 1e9, t, null);
                warm.encodeUnpublished();
            }
            assertThat(mqtt.telemetryDropped()).isEqualTo(16);
            // a client that had been started would have its publisher thread running (until close): none is, so
            // nothing can connect later (a wait of 200 ms for a connection that must not come proved little on a
            // busy machine)
            assertThat(Thread.getAllStackTraces().keySet()).as("threads")
                    .noneMatch(thread -> thread.getName().equals("mqtt-publisher warm-up") && thread.isAlive());
            assertThat(mqtt.connects()).isZero();
            assertThat(mqtt.connectFailures()).isZero();
            assertThat(mqtt.statusPublished()).isZero();
            warm.close();
        }
    }
}
