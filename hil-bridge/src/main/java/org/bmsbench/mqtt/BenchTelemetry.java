package org.bmsbench.mqtt;

import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.scenario.BenchControl;

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
        this(settings, packId, firmware, capabilities, true);
    }

    private BenchTelemetry(MqttSettings settings, String packId, BmsFirmware firmware,
                           MqttBench.Capabilities capabilities, boolean publish) {
        this.firmware = firmware;
        TelemetryRing ring = new TelemetryRing(RING_SLOTS, () -> TelemetrySnapshot.sizedFor(firmware));
        this.tap = new TelemetryTap(ring, settings);
        this.mqtt = new MqttBench(settings, packId, ring, TelemetrySnapshot.sizedFor(firmware), firmware.events(),
                capabilities);
        if (publish) {
            mqtt.start();
        }
    }

    /**
     * For a warm-up's throwaway firmware: snapshots go into the ring when due and the command queue is polled,
     * exactly as with {@code settings}, and {@link #encodeUnpublished} encodes them, but nothing connects or
     * publishes. The loop's code with its telemetry, and the encoder, are then compiled before the clock counts.
     */
    public static BenchTelemetry unpublished(MqttSettings settings, BmsFirmware firmware) {
        return new BenchTelemetry(settings, "warm-up", firmware, new MqttBench.Capabilities(false, false), false);
    }

    /** Encodes the snapshots offered since the last call, as the publisher would, and drops them (a warm-up's). */
    public void encodeUnpublished() {
        mqtt.encodeQueued();
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
