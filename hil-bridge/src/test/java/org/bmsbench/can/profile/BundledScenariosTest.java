package org.bmsbench.can.profile;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.bmsbench.scenario.ScenarioRunner;
import org.bmsbench.scenario.junit.ScenarioTests;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario the project ships must pass: the library proves the firmware's behaviours, and itself. Here
 * rather than in bms-core because some run on a CAN bus, which hil-bridge provides.
 */
class BundledScenariosTest {
    @TestFactory
    Stream<DynamicTest> bundledScenarios() {
        return ScenarioTests.from(new ScenarioRunner(CanScenarioBus.factory(scenario -> null)),
                Path.of("..", "scenarios"));
    }
}
