package org.bmsbench.mqtt;

import com.fasterxml.jackson.databind.node.ValueNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bmsbench.firmware.events.EventLog;
import org.bmsbench.scenario.BenchControl;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A bench's MQTT side ({@code docs/mqtt.md}): telemetry out, commands in. The bench's thread only fills
 * snapshots into a {@link TelemetryRing} and runs queued commands ({@link #runCommands}); one publisher thread
 * does everything that can wait on the network: connecting (and reconnecting with back-off, a failed first
 * connect included), publishing status and cells from the ring, the firmware's events from its log, and
 * command replies. While the broker is gone the ring overwrites the oldest snapshots and counts them.
 *
 * <p>Commands arrive on Paho's thread, are checked there (JSON, known name, fields, authorisation) and refused
 * at once with an error reply, or queued for the bench's thread. Sessions are clean and retained commands are
 * refused, so nothing is replayed after a reconnect.
 */
public final class MqttBench implements AutoCloseable {
    /** Every topic starts with this and the pack id. */
    public static final String TOPIC_ROOT = "bmsbench/";
    private static final Pattern PACK_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final long MIN_BACKOFF_NS = 250_000_000L;
    private static final long MAX_BACKOFF_NS = 8_000_000_000L;
    private static final long PUBLISH_POLL_MS = 10;
    private static final long CLOSE_WAIT_NS = 3_000_000_000L;
    /** How long the login check waits for the broker, ms. */
    private static final int LOGIN_CHECK_TIMEOUT_MS = 5000;

    /** What the bench behind this client can do, beyond requests and balancing. */
    public record Capabilities(boolean faults, boolean speed) {
    }

    private record Command(String name, ValueNode id, Function<BenchControl, String> action) {
    }


    private final MqttSettings settings;
    private final String packId;
    private final String root;
    private final TelemetryPublisher publisher;
    private final CommandDecoder decoder;
    /** Where the publisher's messages go: this client (made once, not per round). */
    private final TelemetryPublisher.Outlet outlet = this::publish;
    private final TelemetryJson json = new TelemetryJson();
    private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
    private final MqttAsyncClient client;
    private final Thread publishing;
    private volatile boolean running = true;
    private volatile boolean connecting;
    private volatile boolean subscribed;
    /** Our own retained {@code online} came back from the broker: what this client publishes gets through. */
    private volatile boolean publishingSeen;
    private long backoffNs = MIN_BACKOFF_NS;
    private long nextAttemptNs;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong statusPublished = new AtomicLong();
    private final AtomicLong cellsPublished = new AtomicLong();
    private final AtomicLong eventsPublished = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong commandsDone = new AtomicLong();
    private final AtomicLong commandsRefused = new AtomicLong();
    private volatile String lastProblem = "";

    /**
     * @param ring   where the bench's thread leaves snapshots (this client reads it)
     * @param log    the firmware's event log, published as {@code events}; null for none
     */
    public MqttBench(MqttSettings settings, String packId, TelemetryRing ring, TelemetrySnapshot outgoing,
                     EventLog log, Capabilities capabilities) {
        checkPackId(packId);
        this.settings = settings;
        this.packId = packId;
        this.root = TOPIC_ROOT + packId + "/";
        this.publisher = new TelemetryPublisher(ring, outgoing, log);
        this.decoder = new CommandDecoder(settings.allowRemoteControl(), capabilities);
        try {
            this.client = new MqttAsyncClient(settings.brokerUrl(), "bmsbench-" + packId + "-"
                    + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("MQTT broker URL " + settings.brokerUrl() + ": " + e.getMessage());
        }
        client.setCallback(new Callback());
        this.publishing = new Thread(this::publishLoop, "mqtt-publisher " + packId);
        publishing.setDaemon(true);
    }

    /** A pack id is a single topic level: 1-64 letters, digits, '-' or '_' (no wildcards, no slashes). */
    /**
     * Connects to {@code settings}' broker once and leaves: a broker that refuses the login (bad user or
     * password, not authorised), or takes it but drops what this user publishes under {@code packId}'s topics (an
     * ACL: a probe message sent there never comes back), is an {@link IllegalArgumentException} saying so, at once,
     * rather than a run whose telemetry silently never arrives. Returns null when all went through, or why the
     * broker could not be reached (a broker that is not up yet: the client retries in the background).
     */
    public static String checkLogin(MqttSettings settings, String packId) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setConnectionTimeout(LOGIN_CHECK_TIMEOUT_MS / 1000);
        settings.applyLogin(o);
        try (MqttClient probe = new MqttClient(settings.brokerUrl(), "bmsbench-login-check-"
                + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence())) {
            probe.setTimeToWait(LOGIN_CHECK_TIMEOUT_MS);
            try {
                probe.connect(o);
            } catch (MqttException e) {
                int reason = e.getReasonCode();
                if (reason == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                        || reason == MqttException.REASON_CODE_NOT_AUTHORIZED) {
                    throw new IllegalArgumentException("the MQTT broker at " + settings.brokerUrl()
                            + " refused the login: " + e.getMessage() + " (check --mqtt-user and"
                            + " --mqtt-password-env)");
                }
                return "cannot reach the MQTT broker at " + settings.brokerUrl() + " now: " + e.getMessage();
            }
            String topic = TOPIC_ROOT + checkPackId(packId) + "/probe";
            boolean through = echoes(probe, topic);
            probe.disconnect();
            if (!through) {
                throw new IllegalArgumentException("the MQTT broker at " + settings.brokerUrl() + " took the login but"
                        + " drops what this user publishes on " + topic + " (check its ACL allows " + TOPIC_ROOT
                        + packId + "/# for reading and writing)");
            }
            return null;
        } catch (MqttException e) {
            return "MQTT broker at " + settings.brokerUrl() + ": " + e.getMessage();
        }
    }

    /** Whether a message published on {@code topic} (not retained) comes back to a subscriber of it in time. */
    private static boolean echoes(MqttClient probe, String topic) throws MqttException {
        java.util.concurrent.CountDownLatch back = new java.util.concurrent.CountDownLatch(1);
        String token = UUID.randomUUID().toString();
        try {
            probe.subscribe(topic, 1, (t, m) -> {
                if (new String(m.getPayload(), StandardCharsets.UTF_8).equals(token)) {
                    back.countDown();
                }
            });
        } catch (MqttException refused) { // a SUBACK with a failure: the ACL says no
            return false;
        }
        probe.publish(topic, token.getBytes(StandardCharsets.UTF_8), 1, false);
        try {
            return back.await(LOGIN_CHECK_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static String checkPackId(String packId) {
        if (!PACK_ID.matcher(packId).matches()) {
            throw new IllegalArgumentException("pack id must be 1-64 letters, digits, '-' or '_', got '" + packId
                    + "'");
        }
        return packId;
    }

    /** Starts connecting and publishing (in the background: a broker that is not there yet is retried). */
    public MqttBench start() {
        publishing.start();
        return this;
    }

    /** The topic under this pack, e.g. {@code status}. */
    public String topic(String leaf) {
        return root + leaf;
    }

    /** Runs the commands that arrived (the bench's own thread; allocation-free when there are none). */
    public void runCommands(BenchControl control) {
        for (Command c; (c = commands.poll()) != null; ) {
            String error;
            try {
                error = c.action().apply(control);
            } catch (RuntimeException e) {
                error = e.getMessage();
            }
            if (error == null) {
                commandsDone.incrementAndGet();
            } else {
                commandsRefused.incrementAndGet();
            }
            publisher.reply(new TelemetryPublisher.Reply(c.name(), c.id(), error));
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true); // no session, so no command is replayed after a reconnect
        o.setAutomaticReconnect(false); // reconnects are this class's, with its back-off
        o.setConnectionTimeout(5);
        o.setKeepAliveInterval(10);
        o.setMaxInflight(200);
        o.setWill(topic("online"), "false".getBytes(StandardCharsets.UTF_8), 1, true);
        settings.applyLogin(o);
        return o;
    }

    private void publishLoop() {
        while (running) {
            long now = System.nanoTime();
            if (!client.isConnected()) {
                if (!connecting && now >= nextAttemptNs) {
                    connect(now);
                }
            } else {
                publisher.doWork(outlet);
            }
            try {
                Thread.sleep(PUBLISH_POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
        if (client.isConnected()) { // what was left, before saying goodbye
            publisher.doWork(outlet);
        }
    }

    private void connect(long now) {
        connecting = true;
        try {
            client.connect(options(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connecting = false;
                    backoffNs = MIN_BACKOFF_NS;
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retryLater(e);
                }
            });
        } catch (MqttException e) {
            retryLater(e);
        }
    }

    private void retryLater(Throwable e) {
        connectFailures.incrementAndGet();
        lastProblem = "cannot connect to " + settings.brokerUrl() + ": " + e.getMessage();
        nextAttemptNs = System.nanoTime() + backoffNs;
        backoffNs = Math.min(MAX_BACKOFF_NS, backoffNs * 2);
        connecting = false;
    }

    /**
     * Reads the ring and the event log and encodes what they hold, publishing nothing: a warm-up's (a client never
     * started), so that the encoder is compiled.
     */
    void encodeQueued() {
        publisher.encodeOnly();
    }

    /**
     * Publishes, counting the message once the broker has it: for QoS 1 when its PUBACK arrives, so a count says
     * what was acknowledged, not what was handed to the client. A reply the client cannot take now waits.
     */
    private boolean publish(TelemetryPublisher.Kind kind, String leaf, byte[] payload, int qos, boolean retained) {
        AtomicLong delivered = switch (kind) {
            case STATUS -> statusPublished;
            case CELLS -> cellsPublished;
            case EVENT -> eventsPublished;
            case REPLY -> null;
        };
        try {
            if (delivered == null) {
                client.publish(topic(leaf), payload, qos, retained);
            } else {
                client.publish(topic(leaf), payload, qos, retained, delivered, DELIVERED);
            }
            return true;
        } catch (MqttException e) { // not connected, too many in flight
            if (kind == TelemetryPublisher.Kind.REPLY) {
                lastProblem = "reply on " + topic(leaf) + " waits: " + e.getMessage();
            } else { // this one is lost
                publishFailures.incrementAndGet();
                lastProblem = "publish to " + topic(leaf) + " failed: " + e.getMessage();
            }
            return false;
        }
    }

    /** Counts a delivery in the counter its publish carried as context. */
    private static final IMqttActionListener DELIVERED = new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            ((AtomicLong) token.getUserContext()).incrementAndGet();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            // counted as not delivered: the counter stays
        }
    };

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            connects.incrementAndGet();
            try {
                client.publish(topic("online"), "true".getBytes(StandardCharsets.UTF_8), 1, true);
                // A broker acknowledges a publish its ACL then drops (MQTT 3.1.1 has no way to say no): reading
                // our own retained flag back is how this client learns that what it publishes arrives.
                client.subscribe(topic("online"), 1);
                client.subscribe(topic("cmd/+"), 1, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        subscribed = true;
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        lastProblem = "cannot subscribe to " + topic("cmd/+") + ": " + e.getMessage();
                    }
                });
                if (settings.haDiscovery()) {
                    for (Map.Entry<String, byte[]> c : HomeAssistant.configs(settings.haPrefix(), packId, root)
                            .entrySet()) {
                        client.publish(c.getKey(), c.getValue(), 1, true);
                    }
                }
            } catch (MqttException e) {
                lastProblem = "after connecting: " + e.getMessage();
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            subscribed = false;
            lastProblem = "connection lost: " + cause.getMessage();
            nextAttemptNs = System.nanoTime() + backoffNs;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.equals(topic("online"))) {
                publishingSeen |= new String(message.getPayload(), StandardCharsets.UTF_8).equals("true");
                return;
            }
            String name = topic.substring(root.length() + "cmd/".length());
            accept(name, message.getPayload(), message.isRetained());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // QoS bookkeeping is Paho's
        }
    }

    /** Checks a command and queues it for the bench's thread, or refuses it at once. */
    void accept(String name, byte[] payload, boolean retained) {
        CommandDecoder.Decoded d = decoder.decode(name, payload, retained, commands.size());
        if (d.action() != null) {
            commands.add(new Command(d.name(), d.id(), d.action()));
            return;
        }
        commandsRefused.incrementAndGet();
        publisher.reply(new TelemetryPublisher.Reply(d.name(), d.id(), d.error()));
    }

    /**
     * Stops publishing: what is queued goes out, the Home Assistant discovery configs are removed (unless kept),
     * then {@code online} becomes false and the client disconnects.
     */
    @Override
    public void close() {
        // a connection under way (a short run, a TLS handshake) gets a moment, so that what the run left goes out
        long deadline = System.nanoTime() + CLOSE_WAIT_NS;
        while (connecting && !client.isConnected() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        try {
            publishing.join(2000);
            if (client.isConnected()) {
                if (settings.haDiscovery() && !settings.haKeep()) {
                    removeDiscovery();
                }
                client.publish(topic("online"), "false".getBytes(StandardCharsets.UTF_8), 1, true)
                        .waitForCompletion(2000);
                client.disconnect().waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException | InterruptedException e) {
            lastProblem = "closing: " + e.getMessage();
        }
    }

    /** An empty retained message on each config topic: Home Assistant drops the entity, the broker the config. */
    private void removeDiscovery() throws MqttException {
        List<IMqttDeliveryToken> removals = new ArrayList<>();
        for (String configTopic : HomeAssistant.configs(settings.haPrefix(), packId, root).keySet()) {
            removals.add(client.publish(configTopic, new byte[0], 1, true));
        }
        long deadline = System.nanoTime() + CLOSE_WAIT_NS;
        for (IMqttDeliveryToken t : removals) {
            t.waitForCompletion(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    public String packId() {
        return packId;
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Connected and listening for commands. */
    public boolean ready() {
        return client.isConnected() && subscribed;
    }

    /** Waits until {@link #ready()}, at most {@code timeoutNs}; whether it is. */
    public boolean awaitReady(long timeoutNs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNs;
        while (!ready() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return ready();
    }

    public long connects() {
        return connects.get();
    }

    public long connectFailures() {
        return connectFailures.get();
    }

    public long statusPublished() {
        return statusPublished.get();
    }

    public long cellsPublished() {
        return cellsPublished.get();
    }

    public long eventsPublished() {
        return eventsPublished.get();
    }

    /** Telemetry lost: snapshots the ring overwrote, and publishes that failed. */
    public long telemetryDropped() {
        return publisher.dropped() + publishFailures.get();
    }

    public long commandsDone() {
        return commandsDone.get();
    }

    public long commandsRefused() {
        return commandsRefused.get();
    }

    public String lastProblem() {
        return lastProblem;
    }

    /** True once the broker has passed back something this client published (its own online flag). */
    public boolean publishingSeen() {
        return publishingSeen;
    }

    /** One line for a run's summary, and a second when the broker connected but dropped what was published. */
    public String summary() {
        String line = String.format(Locale.ROOT, "mqtt %s: %d status, %d cells, %d events acknowledged; %d"
                        + " telemetry dropped; %d commands done, %d refused; connected %d times, %d failed attempts",
                root.substring(0, root.length() - 1), statusPublished(), cellsPublished(), eventsPublished(),
                telemetryDropped(), commandsDone(), commandsRefused(), connects(), connectFailures());
        if (connects() > 0 && !publishingSeen) {
            line += "\nmqtt: the broker never passed back this client's own online flag: it drops what the client"
                    + " publishes (check the ACL allows " + root + "# for this user)";
        }
        if (connects() == 0 && !lastProblem.isEmpty()) {
            line += "\nmqtt: never connected: " + lastProblem;
        }
        return line;
    }
}
