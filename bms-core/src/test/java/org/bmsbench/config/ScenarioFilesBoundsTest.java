package org.bmsbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Scenario values beyond what a run can hold are refused when the file is read, with where and why. */
class ScenarioFilesBoundsTest {
    private static final String PACK = "pack: {series: 4, initial: {soc: 0.5}}\n";
    private static final String EXPECT = "expect:\n  - {state: normal, by_s: 1}\n";

    private static Scenario read(String yaml) {
        return ScenarioFiles.parse(ConfigNode.parse("s.yaml", yaml), Path.of("."));
    }

    static Stream<Arguments> outOfBounds() {
        return Stream.of(
            Arguments.of("name: " + "x".repeat(300) + "\n" + PACK + "profile:\n  - rest: {duration_s: 1}\n" + EXPECT,
                "s.yaml:1:7: name: a name of at most 100 letters, digits, '.', '_' and '-' (it names the run's"
                        + " files), got 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (300 characters)"),
            Arguments.of("name: s\n" + PACK + "simulation: {step_s: 1e-9, duration_s: 1}\n" + EXPECT,
                "s.yaml:3:22: simulation.step_s: a plant step from 1.0E-4 s to 1 s, got 1.0E-9"),
            Arguments.of("name: s\n" + PACK + "simulation: {duration_s: 1e308}\n" + EXPECT,
                "s.yaml:3:26: simulation.duration_s: duration_s must be at most 3.16224E7 s (a year), got 1.0E308"),
            Arguments.of("name: s\n" + PACK + "simulation: {step_s: 0.0001, duration_s: 3e6}\n" + EXPECT,
                "s.yaml:3:42: simulation.duration_s: 3.00e+10 plant steps (3000000.0 s at 1.0E-4 s a step): more"
                        + " than the 1e+10 a run may take (days of wall time); shorten the run or lengthen"
                        + " simulation.step_s"),
            Arguments.of("name: s\n" + PACK + "profile:\n  - current: {current_a: 1e300, duration_s: 2}\n" + EXPECT,
                "s.yaml:4:26: profile[0].current.current_a: current_a: a pack current of magnitude at most 100000.0,"
                        + " got 1.0E300"),
            Arguments.of("name: s\n" + PACK + "profile:\n  - rest: {duration_s: 1e12}\n" + EXPECT,
                "s.yaml:4:24: profile[0].rest.duration_s: duration_s must be at most 3.16224E7 s (a year), got"
                        + " 1.0E12")
        );
    }

    @ParameterizedTest
    @MethodSource("outOfBounds")
    void shouldRefuseValuesBeyondWhatARunCanHold(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void shouldNameTheScenarioAndTheLineOfABadMeasuredTrace(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("drive.csv"), "time_s,current_a\n0,1\n1,two\n");
        assertThatThrownBy(() -> ScenarioFiles.parse(ConfigNode.parse("s.yaml", "name: s\n" + PACK
                + "profile:\n  - csv: {file: drive.csv}\n" + EXPECT), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage("s.yaml:4:17: profile[0].csv.file: " + dir.resolve("drive.csv")
                        + ":3: current_a: expected a number, got 'two'");
    }

    @Test
    void shouldEndACcCvChargeThatCannotReachItsCutOffAtItsTimeLimit() {
        // 4.5 V a cell is beyond what the cells reach at 1 A: without the timer the charge would never end
        ScenarioResult result = new ScenarioRunner().run(read("name: s\n" + PACK + """
                profile:
                  - charge_cccv: {current_a: 1, voltage_v: 4.5, cutoff_a: 0.05, time_limit_s: 60, respect_limits: false}
                expect:
                  - {signal: pack_current_a, max_below: -0.99, after_s: 5}
                """));
        // the run ends with its profile: when the timer ended the charge, still at its full 1 A
        assertThat(result.simulatedS()).isBetween(60.0, 61.0);
        assertThat(result.passed()).as(result.outcomes().toString()).isTrue();
    }
}
