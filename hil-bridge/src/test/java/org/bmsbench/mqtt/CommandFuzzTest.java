package org.bmsbench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.scenario.BenchControl;
import org.bmsbench.sim.PlantFault;

/**
 * Any MQTT command at all, on any command topic: it is queued or refused with a reply, never thrown, and the
 * bench's side runs what was queued without an exception escaping. The seeds run in every build;
 * {@code JAZZER_FUZZ=1 mvn test -pl hil-bridge -Dtest=CommandFuzzTest} fuzzes for real.
 */
class CommandFuzzTest {
    private static final String[] NAMES = {"request_state", "reset_faults", "set_balancing", "inject_fault",
        "clear_fault", "set_speed", "unknown"};
    private static final BenchControl ANYTHING = new BenchControl() {
        @Override
        public String request(BmsRequest request) {
            return null;
        }

        @Override
        public String setBalancing(BalancingConfig.Strategy strategy) {
            return null;
        }

        @Override
        public String fault(PlantFault fault, boolean inject) {
            return fault.target() >= 0 ? null : "no such target";
        }

        @Override
        public String setSpeed(double speed) {
            return speed > 0 || Double.isNaN(speed) ? null : "bad speed";
        }
    };

    @FuzzTest(maxDuration = "30s")
    void anyCommand(byte[] data) {
        if (data.length == 0) {
            return;
        }
        MqttBench mqtt = new MqttBench(MqttSettings.of("tcp://127.0.0.1:1").withRemoteControl(data[0] < 0),
                "fuzz", new TelemetryRing(2, () -> new TelemetrySnapshot(1, 1)), new TelemetrySnapshot(1, 1), null,
                new MqttBench.Capabilities((data[0] & 1) == 0, (data[0] & 2) == 0));
        String name = NAMES[(data[0] & 0x7F) % NAMES.length];
        mqtt.accept(name, Arrays.copyOfRange(data, 1, data.length), (data[0] & 4) != 0);
        mqtt.runCommands(ANYTHING);
        assertThat(mqtt.commandsDone() + mqtt.commandsRefused()).isEqualTo(1);
    }
}
