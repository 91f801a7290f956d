package org.bmsbench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Mosquitto, with mosquitto_sub as the outside client. An integration test (a broker process, the
 * wall clock): it asserts connections, refusals, retained messages and the run's events, not how many messages a
 * second the machine managed; its waits are for events, with a busy machine's deadlines.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MosquittoIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsMosquitto() {
        assertThat(Mosquitto.available()).as("mosquitto and mosquitto-clients must be installed for the MQTT tests"
                + " (apt-get install mosquitto mosquitto-clients)").isTrue();
    }

    @Test
    void shouldRetainStatusRefuseRetainedCommandsAndRideOutABrokerRestart() throws Exception {
        Scenario scenario = ScenarioMqttIT.scenario("hil-drive");
        ScenarioResult reference = new ScenarioRunner().run(scenario);
        try (Mosquitto mosquitto = new Mosquitto(dir);
             Subscriber setup = new Subscriber(mosquitto.url(), "bmsbench/mq/cmd/+/reply")) {
            // a command left retained on the broker: delivered with the retain flag when the bench subscribes
            setup.send("bmsbench/mq/cmd/set_balancing", "{\"id\": \"old\", \"strategy\": \"soc\"}", true);
            // 60 s simulated at 4x: 15 s, time for a busy machine to see the broker go and come back while it runs
            ScenarioTelemetry telemetry = new ScenarioTelemetry(MqttSettings.of(mosquitto.url()), "mq", 4.0);
            ScenarioResult[] result = new ScenarioResult[1];
            Thread bench = new Thread(() -> result[0] = new ScenarioRunner().run(scenario, null, null, telemetry));
            bench.start();
            // acknowledged (QoS 1) statuses: the broker has stored the retained one before it acknowledged it
            while (telemetry.mqtt() == null || telemetry.mqtt().statusPublished() < 3) {
                Thread.sleep(5);
            }
            Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p",
                    Integer.toString(mosquitto.port), "-t", "bmsbench/mq/status", "-C", "1", "-F", "%r %p").start();
            assertThat(sub.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String line = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(line).as("mosquitto_sub: retain flag and payload").startsWith("1 {\"time_s\":")
                    .contains("\"bms_state\":");
            assertThat(setup.await("bmsbench/mq/cmd/set_balancing/reply", 30_000).json().get("error").asText())
                    .contains("retained");

            Thread.sleep(300);
            long beforeTheRestart = telemetry.mqtt().statusPublished();
            mosquitto.kill();
            // the broker gone for 3 s (the scenario, not a synchronisation): telemetry piles up past the ring (1.6 s)
            // and is dropped, which the client counts once it reads the ring again; the bench keeps its pace
            Thread.sleep(3000);
            mosquitto.start();
            bench.join();
            telemetry.close();

            assertThat(result[0].events().stream().filter(e -> e.type().equals("state_changed")
                    || e.type().startsWith("fault_raised")).map(Object::toString).toList())
                    .as("the run is the same with the broker gone for 3 s")
                    .isEqualTo(ScenarioMqttIT.firmwareEvents(reference));
            MqttBench mqtt = telemetry.mqtt();
            assertThat(mqtt.connects()).as("reconnected").isGreaterThanOrEqualTo(2);
            assertThat(mqtt.connectFailures()).as("while the broker was down").isPositive();
            assertThat(mqtt.telemetryDropped()).as(mqtt.summary()).isPositive();
            // published again once reconnected (over 30 in all on an idle machine; the count is its punctuality)
            assertThat(mqtt.statusPublished()).isGreaterThan(beforeTheRestart);
            assertThat(mqtt.commandsRefused()).isEqualTo(1);
        }
    }

    @Test
    void shouldPublishHomeAssistantEntitiesAndRemoveThemWhenTheRunEnds() throws Exception {
        try (Mosquitto mosquitto = new Mosquitto(dir);
             Subscriber sub = new Subscriber(mosquitto.url(), "lab-ha/#")) {
            runWithDiscovery(mosquitto, "gone", false);
            Set<String> expected = expectedConfigTopics("gone");
            awaitTopics(sub, expected, "");
            Map<String, List<String>> byTopic = sub.messages.stream().collect(Collectors.groupingBy(
                    Subscriber.Message::topic, Collectors.mapping(Subscriber.Message::payload, Collectors.toList())));
            assertThat(byTopic.keySet()).as("one config per entity, under --ha-prefix").isEqualTo(expected);
            byTopic.forEach((topic, payloads) -> assertThat(payloads).as(topic).hasSizeGreaterThanOrEqualTo(2)
                    .last().isEqualTo("")); // its config, then its removal

            JsonNode soc = sub.on("lab-ha/sensor/bmsbench_gone/soc/config").get(0).json();
            assertThat(soc.get("state_topic").asText()).isEqualTo("bmsbench/gone/status");
            assertThat(soc.get("availability_topic").asText()).isEqualTo("bmsbench/gone/online");
            assertThat(soc.get("unit_of_measurement").asText()).isEqualTo("%");
            assertThat(soc.get("unique_id").asText()).isEqualTo("bmsbench_gone_soc");
            JsonNode fault = sub.on("lab-ha/binary_sensor/bmsbench_gone/fault_cell_overvoltage/config").get(0).json();
            assertThat(fault.get("device_class").asText()).isEqualTo("problem");
            assertThat(fault.get("value_template").asText()).contains("'CELL_OVERVOLTAGE'");
            assertThat(retainedUnder(mosquitto, "lab-ha/#")).as("nothing left retained").isEmpty();

            runWithDiscovery(mosquitto, "kept", true);
            assertThat(retainedUnder(mosquitto, "lab-ha/#")).as("--ha-keep").hasSameElementsAs(
                    expectedConfigTopics("kept"));
        }
    }

    private static void runWithDiscovery(Mosquitto mosquitto, String packId, boolean keep) {
        MqttSettings settings = MqttSettings.of(mosquitto.url()).withHomeAssistant("lab-ha", keep);
        ScenarioTelemetry telemetry = new ScenarioTelemetry(settings, packId, 8.0); // 1 s: time to connect
        new ScenarioRunner().run(ScenarioMqttIT.scenario("hil-overvoltage"), null, null, telemetry);
        telemetry.close();
    }

    /** The entities docs/mqtt.md lists: the sensors, any fatal fault, one per fault and one per contactor. */
    private static Set<String> expectedConfigTopics(String packId) {
        String device = "bmsbench_" + packId + "/";
        Set<String> topics = new TreeSet<>();
        for (String sensor : List.of("soc", "pack_voltage_v", "pack_current_a", "cell_voltage_min_v",
                "cell_voltage_max_v", "temperature_min_c", "temperature_max_c", "bms_state")) {
            topics.add("lab-ha/sensor/" + device + sensor + "/config");
        }
        topics.add("lab-ha/binary_sensor/" + device + "fatal_fault/config");
        for (FaultId f : FaultId.values()) {
            topics.add("lab-ha/binary_sensor/" + device + "fault_" + f.name().toLowerCase(Locale.ROOT) + "/config");
        }
        for (String contactor : List.of("main_positive", "main_negative", "precharge")) {
            topics.add("lab-ha/binary_sensor/" + device + "contactor_" + contactor + "/config");
        }
        return topics;
    }

    /** Waits, a busy machine's 30 s at most, until each topic's newest message is {@code payload}. */
    private static void awaitTopics(Subscriber sub, Set<String> topics, String payload) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !topics.stream().allMatch(t -> {
            List<Subscriber.Message> got = sub.on(t);
            return !got.isEmpty() && got.get(got.size() - 1).payload().equals(payload);
        })) {
            Thread.sleep(10);
        }
    }

    /**
     * The topics under {@code filter} the broker holds retained messages on: a new client's retained messages come
     * (after its SUBACK) before a message it publishes itself once subscribed, so no wait can be too short.
     */
    private static List<String> retainedUnder(Mosquitto mosquitto, String filter) throws Exception {
        try (Subscriber late = new Subscriber(mosquitto.url(), filter)) {
            String marker = filter.replace("#", "end-of-retained");
            late.send(marker, "end", false);
            late.await(marker, 30_000);
            return late.messages.stream().takeWhile(m -> !m.topic().equals(marker)).map(Subscriber.Message::topic)
                    .toList();
        }
    }

    @Test
    void shouldKeepWatchingABenchAfterTheBrokerComesBack() throws Exception {
        try (Mosquitto mosquitto = new Mosquitto(dir);
             RemoteBench remote = new RemoteBench(MqttSettings.of(mosquitto.url()), "back")) {
            mosquitto.kill(); // subscriptions and retained messages gone with it
            mosquitto.start();
            try (Subscriber bench = new Subscriber(mosquitto.url(), "bmsbench/back/online")) {
                bench.send("bmsbench/back/status", "{\"time_s\": 1.5, \"bms_state\": \"normal\"}", true);
            }
            // Paho reconnects on its own (after 1 s, then doubling); the watcher must subscribe again to get it
            TelemetrySnapshot seen = new TelemetrySnapshot(0, 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!remote.latest(seen) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(seen.timeS()).as("the status published after the broker came back").isEqualTo(1.5);
        }
    }

    @Test
    void shouldConnectWhenTheBrokerComesUpAfterTheBenchAndLogIn() throws Exception {
        Path passwords = Mosquitto.passwordFile(dir, "bench", "s3cret");
        try (Mosquitto mosquitto = new Mosquitto(dir, "allow_anonymous false\npassword_file " + passwords
                + "\nuser root\n", false)) {
            MqttSettings good = MqttSettings.of(mosquitto.url()).withLogin("bench", "s3cret", null);
            MqttSettings bad = MqttSettings.of(mosquitto.url()).withLogin("bench", "wrong", null);
            // 60 s simulated at 4x: 15 s, for the bench to find the broker once it is up, on a busy machine too
            ScenarioTelemetry in = new ScenarioTelemetry(good, "login", 4.0);
            ScenarioTelemetry out = new ScenarioTelemetry(bad, "intruder", 4.0);
            Scenario scenario = ScenarioMqttIT.scenario("hil-drive");
            Thread first = new Thread(() -> new ScenarioRunner().run(scenario, null, null, in));
            Thread second = new Thread(() -> new ScenarioRunner().run(scenario, null, null, out));
            first.start();
            second.start();
            // no broker yet: the first connects fail (waited for, not guessed at 1.5 s)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((in.mqtt() == null || in.mqtt().connectFailures() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            mosquitto.start();
            first.join();
            second.join();
            in.close();
            out.close();
            assertThat(in.mqtt().connectFailures()).as("before the broker came up").isPositive();
            assertThat(in.mqtt().connects()).isEqualTo(1);
            // published once in (over 20 on an idle machine: how many is its punctuality)
            assertThat(in.mqtt().statusPublished()).isPositive();
            assertThat(out.mqtt().connects()).as("a wrong password never gets in").isZero();
            assertThat(out.mqtt().lastProblem()).contains("cannot connect");
            // a dashboard watching from elsewhere logs in the same way
            try (RemoteBench watcher = new RemoteBench(MqttSettings.of(mosquitto.url()).withLogin("bench", "s3cret",
                    null), "login")) {
                TelemetrySnapshot status = awaitStatus(watcher);
                assertThat(status).as("the retained status of the run").isNotNull();
                assertThat(status.timeS).as("the run's last status").isPositive();
            }
            assertThatThrownBy(() -> new RemoteBench(MqttSettings.of(mosquitto.url()).withLogin("bench", "wrong",
                    null), "login")).isInstanceOf(MqttException.class);
        }
    }

    @Test
    void shouldRefuseABadLoginAtOnceAndSeeWhenTheAclDropsWhatItPublishes() throws Exception {
        Path passwords = Mosquitto.passwordFile(dir, "bench", "s3cret", "reader", "s3cret");
        Path acl = dir.resolve("acl");
        java.nio.file.Files.writeString(acl, "user bench\ntopic readwrite bmsbench/#\n\nuser reader\ntopic read"
                + " bmsbench/#\n");
        try (Mosquitto mosquitto = new Mosquitto(dir, "allow_anonymous false\npassword_file " + passwords
                + "\nacl_file " + acl + "\nuser root\n", true)) {
            MqttSettings wrong = MqttSettings.of(mosquitto.url()).withLogin("bench", "wrong", null);
            assertThatThrownBy(() -> MqttBench.checkLogin(wrong, "acl")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("refused the login").hasMessageContaining("--mqtt-user");
            assertThat(MqttBench.checkLogin(MqttSettings.of(mosquitto.url()).withLogin("bench", "s3cret", null),
                    "acl")).isNull();
            MqttSettings readOnly = MqttSettings.of(mosquitto.url()).withLogin("reader", "s3cret", null);
            assertThatThrownBy(() -> MqttBench.checkLogin(readOnly, "acl")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("took the login but drops what this user publishes on bmsbench/acl/probe");

            ScenarioTelemetry reader = new ScenarioTelemetry(MqttSettings.of(mosquitto.url()).withLogin("reader",
                    "s3cret", null), "acl", 10.0);
            new ScenarioRunner().run(ScenarioMqttIT.scenario("hil-drive"), null, null, reader);
            reader.close();
            assertThat(reader.mqtt().connects()).isPositive();
            assertThat(reader.mqtt().publishingSeen()).isFalse();
            assertThat(reader.mqtt().summary()).contains("it drops what the client publishes (check the ACL");
        }
    }

    @Test
    void shouldPublishOverTlsCheckedAgainstTheCaGiven() throws Exception {
        // a CA and a server certificate for 127.0.0.1, made here with openssl
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=bmsbench test CA",
                "-keyout", dir.resolve("ca.key").toString(), "-out", dir.resolve("ca.crt").toString());
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", dir.resolve("server.key").toString(), "-out", dir.resolve("server.csr").toString());
        java.nio.file.Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        run("openssl", "x509", "-req", "-in", dir.resolve("server.csr").toString(), "-CA",
                dir.resolve("ca.crt").toString(), "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial",
                "-days", "2", "-extfile", dir.resolve("san.ext").toString(), "-out",
                dir.resolve("server.crt").toString());
        try (Mosquitto mosquitto = new Mosquitto(dir, "allow_anonymous true\ncafile " + dir.resolve("ca.crt")
                + "\ncertfile " + dir.resolve("server.crt") + "\nkeyfile " + dir.resolve("server.key")
                + "\nuser root\n", true)) {
            String url = "ssl://127.0.0.1:" + mosquitto.port;
            ScenarioTelemetry tls = new ScenarioTelemetry(new MqttSettings(url, null, null, dir.resolve("ca.crt"),
                    100, 1000, false, null, false), "tls", 4.0);
            new ScenarioRunner().run(ScenarioMqttIT.scenario("hil-overvoltage"), null, null, tls);
            tls.close();
            assertThat(tls.mqtt().connects()).as(tls.mqtt().lastProblem()).isEqualTo(1);
            // published over TLS (more than 3 in 2 s on an idle machine: how many is its punctuality)
            assertThat(tls.mqtt().statusPublished()).isPositive();
            try (RemoteBench watcher = new RemoteBench(MqttSettings.of(url).withLogin(null, null, dir.resolve("ca.crt")),
                    "tls")) {
                TelemetrySnapshot status = awaitStatus(watcher);
                assertThat(status).as("the retained status, over TLS").isNotNull();
                assertThat(status.timeS).as("the run's last status").isPositive();
            }
        }
    }

    /**
     * The watcher's first status (the retained one arrives on subscribing; the run is over, so no cells follow),
     * or null after a busy machine's 30 s.
     */
    private static TelemetrySnapshot awaitStatus(RemoteBench watcher) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        TelemetrySnapshot status = new TelemetrySnapshot(0, 0);
        while (!watcher.latest(status)) {
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(20);
        }
        return status;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", command) + ": "
                + output).isTrue();
    }

    @Test
    void shouldLeaveItsLastWillWhenTheBenchDies() throws Exception {
        try (Mosquitto mosquitto = new Mosquitto(dir);
             Subscriber sub = new Subscriber(mosquitto.url(), "bmsbench/dies/online")) {
            Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LastWillBench.class.getName(), mosquitto.url())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a JVM starting on a busy machine
                while (sub.on("bmsbench/dies/online").isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(sub.await("bmsbench/dies/online", 100).payload()).isEqualTo("true");
                bench.destroyForcibly(); // SIGKILL: no DISCONNECT, the broker sends the will
                bench.waitFor(30, TimeUnit.SECONDS);
                long deadline2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (sub.on("bmsbench/dies/online").size() < 2 && System.nanoTime() < deadline2) {
                    Thread.sleep(20);
                }
                List<Subscriber.Message> online = sub.on("bmsbench/dies/online");
                assertThat(online.get(online.size() - 1).payload()).isEqualTo("false");
            } finally {
                bench.destroyForcibly();
            }
            Process retained = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p",
                    Integer.toString(mosquitto.port), "-t", "bmsbench/dies/online", "-C", "1", "-F", "%r %p").start();
            assertThat(retained.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(retained.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo("1 false");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
