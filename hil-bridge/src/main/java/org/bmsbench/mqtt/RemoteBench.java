package org.bmsbench.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.port.ContactorId;
import org.bmsbench.scenario.BenchControl;
import org.bmsbench.sim.PlantFault;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A bench somewhere else, watched and commanded over MQTT ({@code docs/mqtt.md}): its status and cells read
 * into a snapshot, and the {@link BenchControl} calls sent as commands, whose error replies are kept.
 */
public final class RemoteBench implements BenchControl, AutoCloseable {
    private final ObjectMapper mapper = new ObjectMapper();
    private final MqttClient client;
    private final String root;
    private final AtomicLong ids = new AtomicLong();
    private TelemetrySnapshot latest;
    private boolean fresh;
    private volatile String lastError;

    public RemoteBench(MqttSettings settings, String packId) throws MqttException {
        this.root = MqttBench.TOPIC_ROOT + MqttBench.checkPackId(packId) + "/";
        client = new MqttClient(settings.brokerUrl(), "bmsbench-ui-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        settings.applyLogin(o);
        client.setCallback(new Resubscriber());
        client.connect(o);
        subscribe();
    }

    private void subscribe() throws MqttException {
        client.subscribe(root + "status", 1, (t, m) -> status(m.getPayload()));
        client.subscribe(root + "cells", 0, (t, m) -> cells(m.getPayload()));
        client.subscribe(root + "cmd/+/reply", 1, (t, m) -> reply(m.getPayload()));
    }

    /**
     * A clean session comes back from an automatic reconnect without its subscriptions: this subscribes again, on
     * a thread of its own (Paho's callback thread must not wait for the broker's SUBACK, which it delivers).
     */
    private final class Resubscriber implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                Thread again = new Thread(() -> {
                    try {
                        subscribe();
                    } catch (MqttException e) {
                        lastError = "cannot subscribe to " + root + " again after a reconnect: " + e.getMessage();
                    }
                }, "mqtt-resubscribe " + root);
                again.setDaemon(true);
                again.start();
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            // Paho reconnects; connectComplete subscribes again
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // every subscription has its own listener
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // commands are fire and forget; their replies come on cmd/+/reply
        }
    }

    private synchronized void status(byte[] payload) throws IOException {
        JsonNode s = mapper.readTree(payload);
        if (latest == null) {
            latest = new TelemetrySnapshot(0, 0);
        }
        latest.timeS = s.path("time_s").asDouble();
        for (BmsState state : BmsState.values()) {
            if (state.id().equals(s.path("bms_state").asText())) {
                latest.state = state.ordinal();
            }
        }
        for (int k = 0; k < ContactorId.COUNT; k++) {
            latest.contactorClosed[k] = s.path("contactors").path(ContactorId.of(k).id()).asBoolean();
        }
        latest.packCurrentA = number(s, "pack_current_a");
        latest.packVoltageV = number(s, "pack_voltage_v");
        latest.linkVoltageV = number(s, "link_voltage_v");
        latest.soc = number(s, "soc");
        latest.cellMinV = number(s, "cell_voltage_min_v");
        latest.cellMaxV = number(s, "cell_voltage_max_v");
        latest.temperatureMinC = number(s, "temperature_min_c");
        latest.temperatureMaxC = number(s, "temperature_max_c");
        latest.dischargeLimitA = number(s, "discharge_limit_a");
        latest.chargeLimitA = number(s, "charge_limit_a");
        latest.balancingCells = s.path("balancing_cells").asInt();
        java.util.Arrays.fill(latest.faults, TelemetrySnapshot.NONE);
        for (JsonNode f : s.path("faults")) {
            for (FaultId id : FaultId.values()) {
                if (id.name().equals(f.path("id").asText())) {
                    String level = f.path("level").asText();
                    for (FaultLevel l : FaultLevel.values()) {
                        if (l.id().equals(level)) {
                            latest.faults[id.ordinal()] = (byte) l.ordinal();
                        }
                    }
                }
            }
        }
        latest.hasCells = false;
        fresh = true;
    }

    private synchronized void cells(byte[] payload) throws IOException {
        JsonNode c = mapper.readTree(payload);
        int n = c.path("voltages_v").size();
        int t = c.path("temperatures_c").size();
        TelemetrySnapshot sized = new TelemetrySnapshot(n, t);
        if (latest != null) {
            sized.copyFrom(latest);
        }
        for (int g = 0; g < n; g++) {
            sized.cellVoltageV[g] = c.path("voltages_v").path(g).isNumber() ? c.path("voltages_v").get(g).asDouble()
                    : Double.NaN;
            // a bench that does not say holds a reading it sent valid
            sized.cellValid[g] = !Double.isNaN(sized.cellVoltageV[g]) && c.path("valid").path(g).asBoolean(true);
            sized.cellSoc[g] = c.path("soc").path(g).asDouble(Double.NaN);
            sized.balancing[g] = c.path("balancing").path(g).asBoolean();
        }
        for (int k = 0; k < t; k++) {
            sized.temperatureC[k] = c.path("temperatures_c").path(k).isNumber()
                    ? c.path("temperatures_c").get(k).asDouble() : Double.NaN;
        }
        sized.hasCells = true;
        latest = sized;
        fresh = true;
    }

    private void reply(byte[] payload) throws IOException {
        JsonNode r = mapper.readTree(payload);
        if (!r.path("ok").asBoolean()) {
            lastError = r.path("error").asText();
        }
    }

    private static double number(JsonNode s, String key) {
        JsonNode v = s.get(key);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    /** The newest state into {@code into} (sized alike: see {@link #newSnapshot}); false when nothing new came. */
    public synchronized boolean latest(TelemetrySnapshot into) {
        if (!fresh || latest == null) {
            return false;
        }
        into.copyFrom(latest);
        fresh = false;
        return true;
    }

    /** A snapshot sized as the remote bench's cells, once they have been seen (null before). */
    public synchronized TelemetrySnapshot newSnapshot() {
        return latest == null || latest.cellVoltageV.length == 0 ? null
                : new TelemetrySnapshot(latest.cellVoltageV.length, latest.temperatureC.length);
    }

    public String lastError() {
        return lastError;
    }

    private String send(String name, ObjectNode body) {
        body.put("id", "ui-" + ids.incrementAndGet());
        try {
            client.publish(root + "cmd/" + name, mapper.writeValueAsBytes(body), 1, false);
            return null;
        } catch (MqttException | IOException e) {
            return "cannot send " + name + ": " + e.getMessage();
        }
    }

    @Override
    public String request(BmsRequest request) {
        return switch (request) {
            case NORMAL, STANDBY -> send(BenchCommand.REQUEST_STATE.id(), mapper.createObjectNode().put("state",
                    request.id()));
            case RESET_FAULTS -> send(BenchCommand.RESET_FAULTS.id(), mapper.createObjectNode());
            case SERVICE_RESET -> "a service reset is not a remote command";
        };
    }

    @Override
    public String setBalancing(BalancingConfig.Strategy strategy) {
        return send(BenchCommand.SET_BALANCING.id(), mapper.createObjectNode().put("strategy",
                strategy.name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public String fault(PlantFault fault, boolean inject) {
        ObjectNode body = mapper.createObjectNode().put("type", fault.type().id()).put("target", fault.target() + 1);
        if (!Double.isNaN(fault.value())) {
            body.put("value", fault.value());
        }
        return send((inject ? BenchCommand.INJECT_FAULT : BenchCommand.CLEAR_FAULT).id(), body);
    }

    @Override
    public String setSpeed(double speed) {
        ObjectNode body = mapper.createObjectNode();
        if (Double.isNaN(speed)) {
            body.put("speed", "max");
        } else {
            body.put("speed", speed);
        }
        return send(BenchCommand.SET_SPEED.id(), body);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close(true);
    }
}
