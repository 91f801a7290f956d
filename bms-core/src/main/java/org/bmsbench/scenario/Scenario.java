package org.bmsbench.scenario;

import java.util.List;
import java.util.Objects;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.model.Checks;
import org.bmsbench.sim.PlantConfig;

/**
 * A scenario, ready to run: the plant, the BMS configuration, the profile of loads and requests, the faults on
 * their timeline and what must happen ({@code docs/scenarios.md}).
 *
 * @param name         unique in a run
 * @param description  free text
 * @param source       the file it came from (for messages)
 * @param plant        the simulated pack (its seed drives the spread and the noise)
 * @param bms          the firmware's configuration
 * @param socEstimate  what the BMS believes the soc is at the start; NaN: from the rest voltage
 * @param startNormal  whether the vehicle asks for NORMAL at the start
 * @param stepNs       the plant step, ns
 * @param durationNs   how long to run, ns; 0: until the profile ends
 * @param profile      segments in order
 * @param faults       faults on their timeline
 * @param expectations what must happen
 * @param canProfile   the CAN profile the vehicle and the BMS talk over (docs/can.md), or null: the vehicle's
 *                     requests go straight to the BMS
 */
public record Scenario(String name, String description, String source, PlantConfig plant, BmsConfig bms,
                       double socEstimate, boolean startNormal, long stepNs, long durationNs, List<Segment> profile,
                       List<ScheduledFault> faults, List<Expectation> expectations, String canProfile) {
    /** The plant step when a scenario does not set one: 10 ms, a tenth of the BMS's slow task. */
    public static final long DEFAULT_STEP_NS = 10_000_000L;

    public Scenario {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(plant, "pack");
        Objects.requireNonNull(bms, "bms");
        if (!Double.isNaN(socEstimate)) {
            Checks.inRange("initial.soc_estimate", socEstimate, 0, 1);
        }
        if (stepNs <= 0) {
            throw new IllegalArgumentException("simulation.step_s must be above zero");
        }
        if (durationNs < 0) {
            throw new IllegalArgumentException("simulation.duration_s must be above zero");
        }
        profile = List.copyOf(profile);
        faults = List.copyOf(faults);
        expectations = List.copyOf(expectations);
        if (durationNs == 0 && profile.stream().noneMatch(s -> s instanceof Segment.LoadSegment)) {
            throw new IllegalArgumentException("give simulation.duration_s, or a profile with a segment that ends");
        }
        if (canProfile == null && (profile.stream().anyMatch(s -> s instanceof Segment.CanSegment)
                || expectations.stream().anyMatch(e -> e instanceof Expectation.CanValue))) {
            throw new IllegalArgumentException("can segments and expectations need a bus: give can: {profile: ...}");
        }
    }

    /** The same scenario with its vehicle and BMS on a CAN bus with {@code profile} (unless it names its own). */
    public Scenario onCan(String profile) {
        return canProfile != null ? this : new Scenario(name, description, source, plant, bms, socEstimate,
                startNormal, stepNs, durationNs, this.profile, faults, expectations, profile);
    }

    /**
     * How long the run lasts, s, when known in advance: the duration given, or the sum of the profile's
     * segments when every one has a length of its own; NaN when a segment ends on a condition (a charge).
     */
    public double plannedDurationS() {
        if (durationNs > 0) {
            return durationNs / 1e9;
        }
        double sum = 0;
        for (Segment segment : profile) {
            if (segment instanceof Segment.LoadSegment load) {
                sum += load.load().get().plannedDurationS();
            }
        }
        return sum;
    }
}
