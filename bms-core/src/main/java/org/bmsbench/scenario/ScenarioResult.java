package org.bmsbench.scenario;

import java.util.List;

/**
 * What a run of a scenario gave.
 *
 * @param scenario   the scenario
 * @param outcomes   one verdict per expectation, in the scenario's order
 * @param simulatedS simulated time, s
 * @param wallS      wall-clock time the run took, s
 * @param events     what happened, in order
 * @param extremes   per signal (by ordinal): minimum, maximum and final value over the run; NaN for words
 */
public record ScenarioResult(Scenario scenario, List<Expectation.Outcome> outcomes, double simulatedS, double wallS,
                             List<ScenarioEvent> events, double[][] extremes) {
    public ScenarioResult {
        outcomes = List.copyOf(outcomes);
        events = List.copyOf(events);
    }

    public boolean passed() {
        return outcomes.stream().allMatch(Expectation.Outcome::passed);
    }

    /** The first expectation that failed, or null. */
    public Expectation.Outcome firstFailure() {
        return outcomes.stream().filter(o -> !o.passed()).findFirst().orElse(null);
    }

    /** Simulated seconds per wall second. */
    public double speedUp() {
        return wallS > 0 ? simulatedS / wallS : Double.POSITIVE_INFINITY;
    }

    public double min(Signal signal) {
        return extremes[signal.ordinal()][0];
    }

    public double max(Signal signal) {
        return extremes[signal.ordinal()][1];
    }

    public double last(Signal signal) {
        return extremes[signal.ordinal()][2];
    }
}
