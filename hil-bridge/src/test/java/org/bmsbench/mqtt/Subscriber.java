package org.bmsbench.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An outside MQTT client for the tests: records every message on a filter, and sends commands. */
final class Subscriber implements AutoCloseable {
    record Message(String topic, String payload, boolean retained) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(payload);
            } catch (IOException e) {
                throw new AssertionError("not JSON on " + topic + ": " + payload, e);
            }
        }
    }

    final List<Message> messages = new CopyOnWriteArrayList<>();
    private final MqttClient client;

    Subscriber(String url, String filter) throws MqttException {
        this(url, "test-" + UUID.randomUUID(), filter);
    }

    /** {@code clientId}: "" for none (the broker assigns one to a clean session). */
    Subscriber(String url, String clientId, String filter) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        client.connect(o);
        client.subscribe(filter, 1, (topic, m) -> messages.add(new Message(topic,
                new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained())));
    }

    List<Message> on(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    void send(String topic, String payload, boolean retained) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    /** Waits until a message arrives on {@code topic}, and returns the last one. */
    Message await(String topic, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (on(topic).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<Message> got = on(topic);
        if (got.isEmpty()) {
            throw new AssertionError("nothing on " + topic + " within " + timeoutMs + " ms; got " + messages);
        }
        return got.get(got.size() - 1);
    }

    /**
     * Disconnects; a connection the broker has just dropped is not the test's failure (what it checks is in
     * {@link #messages}): the embedded broker now and then drops this client as a bench's client goes away.
     */
    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                throw e;
            }
        }
        client.close(true);
    }
}
