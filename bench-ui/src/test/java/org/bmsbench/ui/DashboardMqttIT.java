package org.bmsbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.bmsbench.cli.Console;
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
import org.junit.jupiter.api.io.TempDir;

/** The dashboard watching a bench over MQTT, off screen: an integration test (the embedded broker, the wall clock). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardMqttIT {
    @Test
    void shouldWriteARemoteBenchsDashboardToAPng(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            MqttSettings settings = MqttSettings.of(broker.url());
            // 60 s simulated at 2x: 30 s for `ui` to connect and see the bench pass 8 s, on a busy machine too
            ScenarioTelemetry bench = new ScenarioTelemetry(settings, "shot", 2.0);
            Scenario drive = ScenarioFiles.read(Path.of("../hil-bridge/src/test/resources/scenarios/hil-drive.yaml"));
            Thread run = new Thread(() -> new ScenarioRunner().run(drive, null, null, bench));
            run.start();
            try {
                Path png = dir.resolve("remote.png");
                Console console = new Console();
                int code = console.run("ui", "--mqtt", broker.url(), "--pack", "shot", "--screenshot", png.toString(),
                        "--at-s", "8");

                assertThat(code).as(console.err.toString()).isZero();
                Matcher said = Pattern.compile("dashboard at (\\d+\\.\\d) s of bmsbench/shot: ").matcher(console.out
                        .toString());
                assertThat(said.find()).as(console.out.toString()).isTrue();
                assertThat(Double.parseDouble(said.group(1))).isGreaterThanOrEqualTo(8.0);
                BufferedImage image = ImageIO.read(png.toFile());
                assertThat(image.getWidth()).isEqualTo(1700);
                assertThat(image.getHeight()).isEqualTo(1000);
            } finally {
                try (RemoteBench remote = new RemoteBench(settings, "shot")) {
                    remote.setSpeed(Double.NaN); // finish it
                }
                run.join();
                bench.close();
            }
        }
    }

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
