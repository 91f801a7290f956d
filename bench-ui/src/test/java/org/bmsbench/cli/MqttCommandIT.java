package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bmsbench.mqtt.EmbeddedBroker;
import org.bmsbench.mqtt.Mosquitto;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmsbench run --mqtt}: the run publishes and says what it published, and a broker that refuses the login is
 * exit 2. An integration test (the embedded broker, Mosquitto).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MqttCommandIT {
    private static final String SCENARIO = "../hil-bridge/src/test/resources/scenarios/hil-overvoltage.yaml";

    @TempDir
    Path dir;

    @Test
    void shouldPublishARunToTheBrokerGiven() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            MqttClient sub = new MqttClient(broker.url(), "t-" + UUID.randomUUID(), new MemoryPersistence());
            sub.connect();
            List<String> topics = new CopyOnWriteArrayList<>();
            sub.subscribe("bmsbench/cli/#", 1, (topic, m) -> topics.add(topic + " "
                    + new String(m.getPayload(), StandardCharsets.UTF_8)));
            Console console = new Console();
            int code = console.run("run", SCENARIO, "--out", dir.toString(), "--mqtt", broker.url(), "--pack-id",
                    "cli", "--speed", "16");
            // the run's last word is online false: waited for (a busy machine's 30 s at most), not slept 300 ms on
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!topics.contains("bmsbench/cli/online false") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            sub.disconnect();
            sub.close();

            assertThat(code).as(console.err.toString()).isZero();
            assertThat(console.out.toString()).containsPattern("mqtt bmsbench/cli: \\d+ status, \\d+ cells, \\d+ events"
                    + " acknowledged; 0 telemetry dropped");
            assertThat(topics).anyMatch(t -> t.startsWith("bmsbench/cli/status {\"time_s\":"))
                    .anyMatch(t -> t.startsWith("bmsbench/cli/cells "))
                    .anyMatch(t -> t.contains("/events") && t.contains("CELL_OVERVOLTAGE"))
                    .anyMatch(t -> t.equals("bmsbench/cli/online false"));
        }
    }

    @Test
    void shouldExitTwoWhenTheBrokerGivenRefusesTheLogin() throws Exception {
        Path passwords = Mosquitto.passwordFile(dir, "bench", "s3cret");
        try (Mosquitto mosquitto = new Mosquitto(dir, "allow_anonymous false\npassword_file " + passwords
                + "\nuser root\n", true)) {
            Console console = new Console();
            // the password is read from an environment variable: HOME's value is the wrong one
            int code = console.run("run", SCENARIO, "--out", dir.resolve("runs").toString(), "--mqtt",
                    mosquitto.url(), "--mqtt-user", "bench", "--mqtt-password-env", "HOME");
            assertThat(code).isEqualTo(2);
            assertThat(console.err.toString()).contains("refused the login").doesNotContain("\tat ");
            assertThat(dir.resolve("runs")).doesNotExist();
        }
    }
}
