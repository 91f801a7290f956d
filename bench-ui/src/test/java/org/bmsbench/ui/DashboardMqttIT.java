package org.bmsbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.mqtt.EmbeddedBroker;
import org.bmsbench.mqtt.MqttSettings;
import org.bmsbench.mqtt.RemoteBench;
import org.bmsbench.mqtt.ScenarioTelemetry;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dashboard watching a bench over MQTT, off screen: an integration test (the embedded broker, the wall clock). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardMqttIT {
    @Test
    void shouldWatchABenchOverMqttAndCommandIt() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            MqttSettings settings = MqttSettings.of(broker.url());
            ScenarioTelemetry bench = new ScenarioTelemetry(settings, "far",
                    10.0);
            Scenario drive = ScenarioFiles.read(Path.of("../hil-bridge/src/test/resources/scenarios/hil-drive.yaml"));
            Thread run = new Thread(() -> new ScenarioRunner().run(drive, null, null, bench));
            try (RemoteBench remote = new RemoteBench(settings, "far")) {
                run.start();
                Dashboard dashboard = new Dashboard(new RemoteSource(remote, "far"));
                long deadline = System.nanoTime() + 60_000_000_000L; // a busy machine's, for the three waits
                while (dashboard.model().channels() == 0 && System.nanoTime() < deadline) {
                    dashboard.poll();
                    Thread.sleep(50);
                }
                assertThat(dashboard.model().channels()).isEqualTo(96);
                while (!dashboard.model().state().equals("normal") && System.nanoTime() < deadline) {
                    dashboard.poll();
                    Thread.sleep(50);
                }
                assertThat(dashboard.model().contactors()).isEqualTo("closed");
                // the dashboard's standby button, through MQTT: the remote BMS opens its contactors
                new RemoteSource(remote, "far").send(c -> c.request(BmsRequest.STANDBY));
                while (!dashboard.model().state().equals("standby") && System.nanoTime() < deadline) {
                    dashboard.poll();
                    Thread.sleep(50);
                }
                assertThat(dashboard.model().state()).isEqualTo("standby");
                assertThat(dashboard.model().current.getItemCount()).isGreaterThanOrEqualTo(3);
                assertThat(Double.isNaN(dashboard.model().trueSoc.getMaxY()) || dashboard.model().trueSoc
                        .getItemCount() == 0).as("no true soc from a remote bench").isTrue();
                new RemoteSource(remote, "far").send(c -> c.setSpeed(Double.NaN)); // finish it
            } finally {
                run.join();
                bench.close();
            }
        }
    }
}
