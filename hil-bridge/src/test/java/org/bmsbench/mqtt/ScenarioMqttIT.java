package org.bmsbench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioEvent;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A simulated run publishing to, and taking commands from, the embedded broker. An integration test (a broker,
 * the run paced on the wall clock): rates are checked as the bounds the bench keeps (never faster than asked), not
 * as the counts an idle machine reaches; waits are for messages, with a busy machine's deadlines.
 */
@Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class ScenarioMqttIT {
    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static Scenario scenario(String name) {
        return ScenarioFiles.read(Path.of("src/test/resources/scenarios", name + ".yaml"));
    }

    @Test
    void shouldPublishStatusCellsEventsAndOnlineAtTheirRates() throws Exception {
        Scenario scenario = scenario("hil-overvoltage");
        try (Subscriber sub = new Subscriber(broker.url(), "bmsbench/ov/#")) {
            ScenarioTelemetry telemetry = new ScenarioTelemetry(MqttSettings.of(broker.url()), "ov", 4.0);
            long start = System.nanoTime();
            new ScenarioRunner().run(scenario, null, null, telemetry); // 8 s simulated at 4x: 2 s
            double wallS = (System.nanoTime() - start) / 1e9;
            telemetry.close();
            awaitLast(sub, "bmsbench/ov/online", "false"); // the client's last word: what came before is in

            // the pace holds the run back to 4x (2 s); a busy machine can only make it slower (1.9-2.6 s idle)
            assertThat(wallS).as("paced at 4x").isGreaterThanOrEqualTo(1.9);
            List<Subscriber.Message> status = sub.on("bmsbench/ov/status");
            // at most 10 Hz of wall time, and the last one at the end (17-28 on an idle machine: how many of the due
            // ones a loaded machine's run got to is its punctuality)
            assertThat(status.size()).as("status at 10 Hz for %.1f s", wallS).isBetween(1, (int) (wallS * 10) + 2);
            assertThat(sub.on("bmsbench/ov/cells").size()).as("cells at 1 Hz").isBetween(1, (int) wallS + 2);
            JsonNode last = status.get(status.size() - 1).json();
            assertThat(last.get("bms_state").asText()).isEqualTo("error");
            assertThat(last.get("contactors").get("main_positive").asBoolean()).isFalse();
            assertThat(last.get("cell_voltage_max_v").asDouble()).isGreaterThan(4.25);
            assertThat(last.get("faults").findValuesAsText("id")).contains("CELL_OVERVOLTAGE");
            assertThat(last.get("time_s").asDouble()).isBetween(7.9, 8.1);
            assertThat(last.fieldNames()).toIterable().contains("pack_current_a", "pack_voltage_v", "link_voltage_v",
                    "soc", "cell_voltage_min_v", "cell_voltage_spread_v", "temperature_min_c", "temperature_max_c",
                    "discharge_limit_a", "charge_limit_a", "balancing_cells");
            JsonNode cells = sub.on("bmsbench/ov/cells").get(0).json();
            assertThat(cells.get("voltages_v")).hasSize(96);
            assertThat(cells.get("soc")).hasSize(96);
            assertThat(cells.get("balancing")).hasSize(96);
            assertThat(cells.get("valid")).hasSize(96);
            assertThat(cells.get("temperatures_c")).hasSize(96);
            List<String> events = sub.on("bmsbench/ov/events").stream()
                    .map(m -> m.json().get("type").asText() + " " + m.json().get("subject").asText()).toList();
            assertThat(events).contains("fault_raised CELL_OVERVOLTAGE", "state_changed error");
            List<Subscriber.Message> online = sub.on("bmsbench/ov/online");
            assertThat(online.get(0).payload()).isEqualTo("true");
            assertThat(online.get(online.size() - 1).payload()).isEqualTo("false");
        }
        // a client that comes later gets the retained status and online at once (Moquette leaves the retain flag
        // off on that delivery; MosquittoIT checks the flag)
        try (Subscriber late = new Subscriber(broker.url(), "bmsbench/ov/+")) {
            Subscriber.Message status = late.await("bmsbench/ov/status", 30_000);
            assertThat(status.json().get("bms_state").asText()).isEqualTo("error");
            assertThat(late.await("bmsbench/ov/online", 30_000).payload()).isEqualTo("false");
            assertThat(late.on("bmsbench/ov/cells")).isEmpty();
        }
    }

    @Test
    void shouldObeyAllowedCommandsAndRefuseTheRestWithoutChangingTheRun() throws Exception {
        Scenario scenario = scenario("hil-drive");
        ScenarioResult reference = new ScenarioRunner().run(scenario);
        try (Subscriber sub = new Subscriber(broker.url(), "bmsbench/cmd-test/cmd/+/reply")) {
            String cmd = "bmsbench/cmd-test/cmd/";
            // 60 s simulated at 10x: 6 s for the commands to arrive while it runs (30x before: 2 s, short for a busy
            // machine)
            ScenarioTelemetry telemetry = new ScenarioTelemetry(MqttSettings.of(broker.url()), "cmd-test", 10.0);
            ScenarioResult[] result = new ScenarioResult[1];
            Thread bench = new Thread(() -> result[0] = new ScenarioRunner().run(scenario, null, null, telemetry));
            bench.start();
            while (telemetry.mqtt() == null || !telemetry.mqtt().ready()) {
                Thread.sleep(5);
            }
            sub.send(cmd + "request_state", "{\"id\": \"n1\", \"state\": \"normal\"}", false);
            sub.send(cmd + "inject_fault", "{\"id\": 7, \"type\": \"cell_heating\", \"target\": 3, \"value\": 5}",
                    false);
            sub.send(cmd + "request_state", "{\"id\": \"bad\", \"state\": \"flying\"}", false);
            sub.send(cmd + "explode", "{\"id\": \"x\"}", false);
            sub.send(cmd + "reset_faults", "not json", false);
            sub.send(cmd + "reset_faults", "{\"state\": \"standby\"}", false);
            sub.send(cmd + "set_speed", "{\"id\": \"s\", \"speed\": -3}", false);
            sub.send(cmd + "clear_fault", "{\"id\": \"c\", \"type\": \"warp_core_breach\", \"target\": 1}", false);
            awaitCount(sub, 8); // every command answered, while the run goes on
            bench.join();
            telemetry.close();

            assertThat(firmwareEvents(result[0])).as("a batch of bad commands changes nothing")
                    .isEqualTo(firmwareEvents(reference));
            assertThat(reply(sub, "cmd-test", "request_state", "n1").get("error").asText())
                    .contains("not started with remote control allowed");
            assertThat(reply(sub, "cmd-test", "inject_fault", "7").get("ok").asBoolean()).isFalse();
            assertThat(reply(sub, "cmd-test", "request_state", "bad").get("error").asText())
                    .isEqualTo("state must be standby or normal, got 'flying'");
            assertThat(reply(sub, "cmd-test", "explode", "x").get("error").asText())
                    .startsWith("unknown command 'explode'");
            assertThat(reply(sub, "cmd-test", "set_speed", "s").get("ok").asBoolean()).isFalse();
            assertThat(reply(sub, "cmd-test", "clear_fault", "c").get("error").asText()).contains("warp_core_breach");
            List<JsonNode> noId = sub.on(cmd + "reset_faults/reply").stream().map(Subscriber.Message::json).toList();
            assertThat(noId).hasSize(2).allSatisfy(r -> {
                assertThat(r.get("id").isNull()).isTrue();
                assertThat(r.get("ok").asBoolean()).isFalse();
            });
            assertThat(telemetry.mqtt().commandsDone()).isZero();
            assertThat(telemetry.mqtt().commandsRefused()).isEqualTo(8);
        }
    }

    @Test
    void shouldCarryOutCommandsWhenRemoteControlIsAllowed() throws Exception {
        Scenario scenario = scenario("hil-drive");
        try (Subscriber sub = new Subscriber(broker.url(), "bmsbench/allowed/#")) {
            ScenarioTelemetry telemetry = new ScenarioTelemetry(
                    MqttSettings.of(broker.url()).withRemoteControl(true), "allowed", 5.0);
            Thread bench = new Thread(() -> new ScenarioRunner().run(scenario, null, null, telemetry));
            bench.start();
            while (telemetry.mqtt() == null || !telemetry.mqtt().ready()) {
                Thread.sleep(5);
            }
            // contactors closed (a status that says so), rather than a guess at how long that takes: at 5x the run
            // leaves a busy machine 10 s for it; "max" speed below ends it
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (sub.on("bmsbench/allowed/status").stream().noneMatch(m -> m.payload().contains(
                    "\"bms_state\":\"normal\"")) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            String cmd = "bmsbench/allowed/cmd/";
            sub.send(cmd + "inject_fault", "{\"id\": \"f\", \"type\": \"cell_voltage_sensor_offset\", \"target\": 5,"
                    + " \"value\": 0.8}", false);
            sub.send(cmd + "set_balancing", "{\"id\": \"b\", \"strategy\": \"soc\"}", false);
            sub.send(cmd + "set_speed", "{\"id\": \"s\", \"speed\": \"max\"}", false);
            bench.join();
            telemetry.close();
            awaitLast(sub, "bmsbench/allowed/online", "false");

            assertThat(reply(sub, "allowed", "inject_fault", "f").get("ok").asBoolean()).isTrue();
            assertThat(reply(sub, "allowed", "set_balancing", "b").get("ok").asBoolean()).isTrue();
            assertThat(reply(sub, "allowed", "set_speed", "s").get("ok").asBoolean()).isTrue();
            List<String> events = sub.on("bmsbench/allowed/events").stream()
                    .map(m -> m.json().get("subject").asText()).toList();
            assertThat(events).contains("CELL_OVERVOLTAGE", "error");
        }
    }

    @Test
    void shouldServeClientsThatConnectWithoutAClientId() throws Exception {
        // an empty client id with a clean session: the broker assigns one (MQTT 3.1.1, 3.1.3.1)
        try (Subscriber anonymous = new Subscriber(broker.url(), "", "bmsbench/no-id/#")) {
            ScenarioTelemetry telemetry = new ScenarioTelemetry(MqttSettings.of(broker.url()), "no-id", 8.0);
            new ScenarioRunner().run(scenario("hil-overvoltage"), null, null, telemetry);
            telemetry.close();
            awaitLast(anonymous, "bmsbench/no-id/online", "false");
            assertThat(anonymous.on("bmsbench/no-id/status")).isNotEmpty();
        }
        // mosquitto_sub without -i sends an empty id too (mosquitto-clients 2.0)
        Process sub = new ProcessBuilder("mosquitto_sub", "-V", "mqttv311", "-h", "127.0.0.1", "-p",
                broker.url().substring(broker.url().lastIndexOf(':') + 1), "-t", "bmsbench/no-id/status", "-C", "1",
                "-W", "60").redirectErrorStream(true).start();
        assertThat(sub.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String out = new String(sub.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(sub.exitValue()).as(out).isZero();
        assertThat(out).contains("\"bms_state\":\"error\"");
    }

    /** Waits, a busy machine's 30 s at most, until {@code topic}'s newest message is {@code payload}. */
    private static void awaitLast(Subscriber sub, String topic, String payload) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Subscriber.Message> got = sub.on(topic);
            if (!got.isEmpty() && got.get(got.size() - 1).payload().equals(payload)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no " + payload + " last on " + topic + " within 30 s; got " + sub.messages);
    }

    /** Waits, a busy machine's 30 s at most, until {@code sub} has {@code count} messages. */
    private static void awaitCount(Subscriber sub, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (sub.messages.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static JsonNode reply(Subscriber sub, String pack, String command, String id) {
        return sub.on("bmsbench/" + pack + "/cmd/" + command + "/reply")
                .stream().map(Subscriber.Message::json).filter(r -> r.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no reply to " + command + " " + id + " in " + sub.messages));
    }

    static List<String> firmwareEvents(ScenarioResult result) {
        return result.events().stream().filter(e -> e.type().startsWith("fault_raised")
                        || e.type().equals("state_changed"))
                .map(ScenarioEvent::toString).collect(Collectors.toList());
    }
}
