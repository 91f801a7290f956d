package org.bmsbench.scenario;

/**
 * Something that happened in a run, in words: a fault raised or cleared, a state change, a request, a fault
 * injected or cleared, a segment started.
 *
 * @param timeS   when, s from the start
 * @param type    what kind (the event log's types, plus {@code fault_injected}, {@code fault_cleared_by_scenario},
 *                {@code segment})
 * @param subject what it is about: a fault id, a state, a request, a segment
 * @param detail  the level, the previous state, the value, as words
 */
public record ScenarioEvent(double timeS, String type, String subject, String detail) {
}
