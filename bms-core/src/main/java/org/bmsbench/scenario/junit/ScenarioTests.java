package org.bmsbench.scenario.junit;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.bmsbench.scenario.suite.ScenarioSuite;
import org.junit.jupiter.api.DynamicTest;

/**
 * Scenario files as JUnit 5 dynamic tests, so a team runs its scenarios inside its own build:
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> scenarios() {
 *     return ScenarioTests.from(Path.of("src/test/scenarios"));
 * }
 * }</pre>
 * One test per file, named after it and linked to it (an IDE opens the file from the test). A test fails with
 * every expectation's verdict when one fails, and with the file's problem (file, line, key) when it cannot be
 * read; a bad file fails its own test, not the others. Needs {@code junit-jupiter-api} on the class path (an
 * optional dependency of bms-core).
 */
public final class ScenarioTests {
    private ScenarioTests() {
    }

    /** A test per scenario file among {@code paths} (files, or folders searched for .yaml and .yml files). */
    public static Stream<DynamicTest> from(Path... paths) {
        return from(new ScenarioRunner(), paths);
    }

    /**
     * The same, run by {@code runner}: one that opens CAN buses (hil-bridge's {@code CanScenarioBus.factory})
     * runs the scenarios that name a CAN profile too.
     */
    public static Stream<DynamicTest> from(ScenarioRunner runner, Path... paths) {
        return ScenarioSuite.files(Arrays.asList(paths), null).stream()
                .map(file -> DynamicTest.dynamicTest(displayName(file), file.toUri(), () -> run(runner, file)));
    }

    private static String displayName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** Reads and runs one scenario file; throws {@link AssertionError} when an expectation failed. */
    public static ScenarioResult run(Path file) {
        return run(new ScenarioRunner(), file);
    }

    /** The same, run by {@code runner}. */
    public static ScenarioResult run(ScenarioRunner runner, Path file) {
        Scenario scenario = ScenarioFiles.read(file);
        ScenarioResult result = runner.run(scenario);
        if (!result.passed()) {
            throw new AssertionError(scenario.name() + " (" + file + "): "
                    + result.outcomes().stream().filter(o -> !o.passed()).count() + " of "
                    + result.outcomes().size() + " expectations failed\n" + verdicts(result));
        }
        return result;
    }

    private static String verdicts(ScenarioResult result) {
        return result.outcomes().stream()
                .map(o -> (o.passed() ? "  ok      " : "  FAILED  ") + o.expectation() + ": " + o.detail())
                .collect(Collectors.joining("\n"));
    }
}
