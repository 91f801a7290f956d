package org.bmsbench.scenario;

import java.util.List;
import java.util.Objects;

/**
 * What a run of a scenario gave.
 *
 * @param scenario   the scenario
 * @param outcomes   one verdict per expectation, in the scenario's order
 * @param simulatedS simulated time, s
 * @param wallS      wall-clock time the run took, s
 * @param events     what happened, in order
 * @param ranges     per signal (in {@link Signal}'s order): its minimum, maximum and final value over the run
 * @param series     the signals over the run, summarised in buckets (complete once the run has ended)
 */
public record ScenarioResult(Scenario scenario, List<Expectation.Outcome> outcomes, double simulatedS, double wallS,
                             List<ScenarioEvent> events, List<SignalRange> ranges, SignalSeries series) {
    public ScenarioResult {
        Objects.requireNonNull(series, "series");
        outcomes = List.copyOf(outcomes);
        events = List.copyOf(events);
        ranges = List.copyOf(ranges);
        if (ranges.size() != Signal.COUNT) {
            throw new IllegalArgumentException("a range per signal: " + Signal.COUNT + ", got " + ranges.size());
        }
    }

    public SignalRange range(Signal signal) {
        return ranges.get(signal.ordinal());
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
        return range(signal).min();
    }

    public double max(Signal signal) {
        return range(signal).max();
    }

    public double last(Signal signal) {
        return range(signal).last();
    }
}
