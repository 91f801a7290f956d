package org.bmsbench.mqtt;

import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.realtime.Pacer;
import org.bmsbench.scenario.ScenarioRunner;
import org.bmsbench.sim.PackPlant;

/**
 * A simulated run's MQTT side, on the run's own thread: after each plant step it leaves a snapshot in the ring
 * when one is due (at the status and cells rates, in wall time), runs the commands that arrived, and, once a
 * speed has been set, holds the simulation back to that many times real time with the run's {@link Pacer}. The
 * client starts with the run's first step and stops with {@link #close()}.
 */
public final class ScenarioTelemetry extends SimulatedBench
        implements ScenarioRunner.StepListener, AutoCloseable {
    /** 1.6 s of status at 10 Hz: what a broker restart may take; older snapshots are dropped. */
    private static final int RING_SLOTS = 16;

    private final MqttSettings settings;
    private final String packId;
    private MqttBench mqtt;
    private TelemetryTap tap;
    private final Pacer pacer;

    /** {@code speed}: times real time to start with; NaN: as fast as it goes. */
    public ScenarioTelemetry(MqttSettings settings, String packId, double speed) {
        this(settings, packId, new Pacer(speed));
    }

    /** Telemetry whose {@code set_speed} commands change the run's {@code pacer}, which it calls after each step. */
    public ScenarioTelemetry(MqttSettings settings, String packId, Pacer pacer) {
        this.settings = settings;
        this.packId = packId;
        this.pacer = pacer;
    }

    /** The client, once the run has started (null before). */
    public MqttBench mqtt() {
        return mqtt;
    }

    @Override
    public void afterStep(PackPlant plantNow, BmsFirmware firmwareNow) {
        long now = System.nanoTime();
        if (mqtt == null) {
            bind(plantNow, firmwareNow);
            TelemetryRing ring = new TelemetryRing(RING_SLOTS, () -> TelemetrySnapshot.sizedFor(firmwareNow));
            tap = new TelemetryTap(ring, settings);
            mqtt = new MqttBench(settings, packId, ring, TelemetrySnapshot.sizedFor(firmwareNow),
                    firmwareNow.events(), new MqttBench.Capabilities(true, true)).start();
        }
        tap.offer(firmware, plant.timeS(), now);
        mqtt.runCommands(this);
        pacer.hold(plant.timeS());
    }

    @Override
    public String setSpeed(double value) {
        pacer.setSpeed(value, plant.timeS());
        return null;
    }

    /** Publishes a last snapshot, then stops the client. */
    @Override
    public void close() {
        if (mqtt != null) {
            tap.last(firmware, plant.timeS());
            mqtt.close();
        }
    }
}
