package org.bmsbench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.sim.load.ConstantCurrentLoad;
import org.junit.jupiter.api.Test;

/** The scenario runner's judging at the edges of a run. */
class ScenarioRunnerTest {
    private static Scenario scenario(String yaml) {
        return ScenarioFiles.parse(ConfigNode.parse("edge.yaml", yaml), Path.of("."));
    }

    @Test
    void shouldJudgeExpectationsDueAtTheStartOnTheBmsFirstTick() {
        ScenarioResult result = new ScenarioRunner().run(scenario("""
                name: due-at-start
                pack: {series: 4, initial: {soc: 0.5}}
                profile:
                  - request: {state: normal}
                  - rest: {duration_s: 2}
                expect:
                  - {state: precharge, by_s: 0}
                  - {contactors: open, by_s: 0}
                  - {state: normal, by_s: 2}
                """));

        assertThat(result.outcomes()).extracting(Expectation.Outcome::passed).containsExactly(true, true, true);
        assertThat(result.outcomes().get(0).detail()).isEqualTo("precharge at 0.000 s (since 0.000 s)");
    }

    @Test
    void shouldStopARunWhosePlantLeavesTheFiniteNumbersAndFailIt() {
        // files cannot ask for such a load any more (100 kA at most); a load built in code still can
        Scenario base = scenario("""
                name: non-finite
                pack: {series: 4, initial: {soc: 0.5}}
                profile:
                  - rest: {duration_s: 2}
                expect:
                  - {state: error, by_s: 2}
                """);
        Scenario absurd = new Scenario(base.name(), base.description(), base.source(), base.plant(), base.bms(),
                base.socEstimate(), base.startNormal(), base.stepNs(), base.durationNs(),
                List.of(new Segment.LoadSegment(() -> new ConstantCurrentLoad(1e300, 2), false, "1e300 A")),
                base.faults(), base.expectations(), null);

        ScenarioResult result = new ScenarioRunner().run(absurd);

        assertThat(result.passed()).isFalse();
        assertThat(result.outcomes().get(0).expectation()).isEqualTo("the plant stays finite");
        assertThat(result.outcomes().get(0).detail()).matches("pack_voltage_v was -Infinity at 0\\.\\d+ s: the load"
                + " drove the plant beyond what its numbers can hold; the run stopped there");
        assertThat(result.simulatedS()).isLessThan(2.0);
    }

    @Test
    void shouldFailAnExpectationDueAtTheStartThatDoesNotHold() {
        ScenarioResult result = new ScenarioRunner().run(scenario("""
                name: due-at-start
                pack: {series: 4, initial: {soc: 0.5}}
                profile:
                  - rest: {duration_s: 1}
                expect:
                  - {state: normal, by_s: 0}
                """));

        assertThat(result.outcomes().get(0).passed()).isFalse();
        assertThat(result.outcomes().get(0).detail()).isEqualTo("precharge at 0.000 s (since 0.000 s)");
    }
}
