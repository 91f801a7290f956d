package org.bmsbench.scenario;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.bmsbench.scenario.junit.ScenarioTests;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every scenario the project ships must pass: the library proves the firmware's behaviours, and itself. */
class BundledScenariosTest {
    @TestFactory
    Stream<DynamicTest> bundledScenarios() {
        return ScenarioTests.from(Path.of("..", "scenarios"));
    }
}
