package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bmsbench.mqtt.EmbeddedBroker;
import org.bmsbench.mqtt.Mosquitto;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmsbench run --mqtt}: the run publishes, says what it published, and bad options exit 2. */
class MqttCommandTest {
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
            Thread.sleep(300);
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

    @Test
    void shouldRefuseBadMqttOptions() {
        Console url = new Console();
        assertThat(url.run("run", SCENARIO, "--out", dir.toString(), "--mqtt", "http://broker")).isEqualTo(2);
        assertThat(url.err.toString())
                .contains("MQTT broker URL must start with tcp:// or ssl://, got 'http://broker'");
        Console rate = new Console();
        assertThat(rate.run("run", SCENARIO, "--out", dir.toString(), "--mqtt", "tcp://127.0.0.1:1", "--status-hz",
                "0")).isEqualTo(2);
        assertThat(rate.err.toString()).contains("--status-hz and --cells-hz must be above 0");
        Console pack = new Console();
        assertThat(pack.run("run", SCENARIO, "--out", dir.toString(), "--mqtt", "tcp://127.0.0.1:1", "--pack-id",
                "a/b")).isEqualTo(2);
        assertThat(pack.err.toString()).contains("pack id must be");
    }

    @Test
    void shouldCheckTheLoginOptionsOfUiBeforeLookingForADisplay() {
        Console ca = new Console();
        assertThat(ca.run("ui", "--mqtt", "ssl://127.0.0.1:1", "--pack", "p", "--mqtt-ca",
                dir.resolve("missing.crt").toString())).isEqualTo(2);
        assertThat(ca.err.toString()).contains("--mqtt-ca " + dir.resolve("missing.crt") + ": no such file");
        Console tcp = new Console();
        assertThat(tcp.run("ui", "--mqtt", "tcp://127.0.0.1:1", "--pack", "p", "--mqtt-ca", SCENARIO))
                .isEqualTo(2);
        assertThat(tcp.err.toString()).contains("a CA file is for an ssl:// broker, got tcp://127.0.0.1:1");
        Console password = new Console();
        assertThat(password.run("ui", "--mqtt", "tcp://127.0.0.1:1", "--pack", "p", "--mqtt-user", "bench",
                "--mqtt-password-env", "BMSBENCH_TEST_UNSET_" + UUID.randomUUID().toString().replace('-', '_')))
                .isEqualTo(2);
        assertThat(password.err.toString()).contains("--mqtt-password-env: BMSBENCH_TEST_UNSET_").contains("is not set");
    }
}
