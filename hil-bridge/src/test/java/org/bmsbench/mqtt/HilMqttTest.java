package org.bmsbench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.bmsbench.firmware.loop.IdleStrategy;
import org.bmsbench.hil.emulator.BoardEmulator;
import org.bmsbench.hil.emulator.EmulatorRun;
import org.bmsbench.hil.host.HilPort;
import org.bmsbench.hil.host.HilSession;
import org.bmsbench.hil.transport.InMemoryLink;
import org.bmsbench.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** A HIL session's telemetry and commands: a fault injected over MQTT reaches the emulated board. */
class HilMqttTest {
    @Test
    void shouldPassAnInjectedFaultToTheBoardAndRefuseASpeed() throws Exception {
        Scenario scenario = ScenarioMqttTest.scenario("hil-drive");
        InMemoryLink link = new InMemoryLink();
        EmulatorRun emulator = new EmulatorRun(new BoardEmulator(scenario, link.a()));
        Thread board = new Thread(() -> emulator.run(TimeUnit.SECONDS.toNanos(20), IdleStrategy.parkThenSpin()));
        board.start();
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             Subscriber sub = new Subscriber(broker.url(), "bmsbench/rig/#")) {
            HilPort port = HilPort.connect(link.b(), "test", TimeUnit.SECONDS.toNanos(2));
            HilSession.warmUp(scenario.bms(), port.cellChannelCount(), 5);
            HilSession session = new HilSession(scenario.bms(), port);
            HilTelemetry telemetry = new HilTelemetry(MqttSettings.of(broker.url()).withRemoteControl(true), "rig",
                    session);
            Thread host = new Thread(() -> session.run(TimeUnit.SECONDS.toNanos(4), IdleStrategy.parkThenSpin()));
            host.start();
            while (!telemetry.mqtt().ready()) {
                Thread.sleep(5);
            }
            Thread.sleep(1500); // contactors closed
            sub.send("bmsbench/rig/cmd/inject_fault", "{\"id\": \"i\", \"type\": \"cell_voltage_sensor_offset\","
                    + " \"target\": 9, \"value\": 0.9}", false);
            sub.send("bmsbench/rig/cmd/set_speed", "{\"id\": \"s\", \"speed\": 10}", false);
            host.join();
            telemetry.close();

            assertThat(sub.await("bmsbench/rig/cmd/inject_fault/reply", 1000).json().get("ok").asBoolean()).isTrue();
            assertThat(sub.await("bmsbench/rig/cmd/set_speed/reply", 1000).json().get("error").asText())
                    .contains("runs in real time");
            assertThat(emulator.emulator().events()).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("fault_injected");
                assertThat(e.detail()).contains("over the link, target 9");
            });
            assertThat(sub.on("bmsbench/rig/events")).anySatisfy(m ->
                    assertThat(m.payload()).contains("CELL_OVERVOLTAGE").contains("fatal"));
            assertThat(sub.on("bmsbench/rig/status").size()).as("10 Hz for 4 s").isBetween(30, 45);
        } finally {
            emulator.stop();
            board.join();
        }
    }
}
