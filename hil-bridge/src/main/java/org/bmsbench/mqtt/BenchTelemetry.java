package org.bmsbench.mqtt;

import org.bmsbench.firmware.BmsFirmware;

/**
 * A bench's telemetry for a firmware that keeps time itself (a real-time loop): the ring, the tap that fills it
 * when due, and the client that publishes it. {@link #offer} and {@link #runCommands} belong on the control
 * loop's thread and allocate nothing.
 */
public final class BenchTelemetry implements AutoCloseable {
    private static final int RING_SLOTS = 16;

    private final BmsFirmware firmware;
    private final TelemetryTap tap;
    private final MqttBench mqtt;

    public BenchTelemetry(MqttSettings settings, String packId, BmsFirmware firmware,
                          MqttBench.Capabilities capabilities) {
        this.firmware = firmware;
        TelemetryRing ring = new TelemetryRing(RING_SLOTS, () -> TelemetrySnapshot.sizedFor(firmware));
        this.tap = new TelemetryTap(ring, settings);
        this.mqtt = new MqttBench(settings, packId, ring, TelemetrySnapshot.sizedFor(firmware), firmware.events(),
                capabilities).start();
    }

    /** A snapshot when one is due at {@code nowNs}; then the commands that arrived. */
    public void offer(double timeS, long nowNs, BenchControl control) {
        tap.offer(firmware, timeS, nowNs);
        mqtt.runCommands(control);
    }

    public MqttBench mqtt() {
        return mqtt;
    }

    @Override
    public void close() {
        mqtt.close();
    }
}
