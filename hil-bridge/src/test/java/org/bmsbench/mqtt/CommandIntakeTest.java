package org.bmsbench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.scenario.BenchControl;
import org.bmsbench.sim.PlantFault;
import org.junit.jupiter.api.Test;

/** Commands as they arrive, checked and queued, without a broker: bounds, strict fields, bounded replies. */
class CommandIntakeTest {
    private final MqttBench mqtt = new MqttBench(MqttSettings.of("tcp://127.0.0.1:1").withRemoteControl(true),
            "intake", new TelemetryRing(4, () -> new TelemetrySnapshot(4, 4)), new TelemetrySnapshot(4, 4), null,
            new MqttBench.Capabilities(true, true));
    private final List<String> done = new ArrayList<>();
    private final BenchControl control = new BenchControl() {
        @Override
        public String request(BmsRequest request) {
            done.add(request.id());
            return null;
        }

        @Override
        public String setBalancing(BalancingConfig.Strategy strategy) {
            done.add(strategy.name());
            return null;
        }

        @Override
        public String fault(PlantFault fault, boolean inject) {
            done.add(fault.type().id() + " " + fault.target());
            return null;
        }

        @Override
        public String setSpeed(double speed) {
            return null;
        }
    };

    private void send(String name, String json) {
        mqtt.accept(name, json.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void shouldRefuseCommandsBeyondThePendingBoundEachWithAReply() {
        for (int k = 0; k < CommandDecoder.MAX_PENDING_COMMANDS + 44; k++) {
            send("request_state", "{\"id\": " + k + ", \"state\": \"standby\"}");
        }
        assertThat(mqtt.commandsRefused()).isEqualTo(44);
        mqtt.runCommands(control);
        assertThat(done).hasSize(CommandDecoder.MAX_PENDING_COMMANDS);
        assertThat(mqtt.commandsDone()).isEqualTo(CommandDecoder.MAX_PENDING_COMMANDS);
        send("request_state", "{\"id\": \"again\", \"state\": \"standby\"}"); // room again once they ran
        assertThat(mqtt.commandsRefused()).isEqualTo(44);
    }

    @Test
    void shouldRefuseAWholeTargetThatIsNotAWholeNumber() {
        send("inject_fault", "{\"id\": 1, \"type\": \"cell_voltage_sensor_nan\", \"target\": 3.7}");
        send("inject_fault", "{\"id\": 2, \"type\": \"cell_voltage_sensor_nan\", \"target\": 3}");
        mqtt.runCommands(control);
        assertThat(mqtt.commandsRefused()).isEqualTo(1);
        assertThat(done).containsExactly("cell_voltage_sensor_nan 2");
    }

    @Test
    void shouldRefuseAHugePayloadWithoutQuotingIt() {
        send("set_balancing", "{\"id\": 1, \"strategy\": \"" + "x".repeat(1_000_000) + "\"}");
        send("set_balancing", "{\"id\": 2, \"strategy\": \"" + "y".repeat(1_000) + "\"}");
        assertThat(mqtt.commandsRefused()).isEqualTo(2);
        assertThat(CommandDecoder.quote("z".repeat(1_000))).hasSize(80 + "... (1000 characters)".length());
    }
}
