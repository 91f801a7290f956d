package org.bmsbench.mqtt;

import java.nio.file.Path;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.scenario.ScenarioRunner;

/** A bench in a process of its own, for the test that kills it: a minute-long run at real time. */
public final class LastWillBench {
    private LastWillBench() {
    }

    public static void main(String[] args) {
        ScenarioTelemetry telemetry = new ScenarioTelemetry(MqttSettings.of(args[0]), "dies", 1.0);
        new ScenarioRunner().run(ScenarioFiles.read(Path.of("src/test/resources/scenarios/hil-drive.yaml")), null,
                null, telemetry);
        telemetry.close();
    }
}
