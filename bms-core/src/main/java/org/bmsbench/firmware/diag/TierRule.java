package org.bmsbench.firmware.diag;

import java.util.Objects;

/**
 * One tier of a fault: when it trips, when it clears, how long it must persist and what the BMS then does.
 *
 * @param enabled   whether this tier is evaluated at all
 * @param threshold the value beyond which a sample is bad (a limit fault; ignored by condition faults)
 * @param reset     the value the measurement must come back past, on the safe side of the threshold, for an
 *                  active tier's samples to count as good again (hysteresis)
 * @param events    bad samples the up/down counter must reach to raise the tier: a bad sample counts up, a good
 *                  one down by one, and the tier clears when the counter is back at zero
 * @param delayNs   how long the tier must have been raised before its reaction
 * @param reaction  what the BMS does then
 */
public record TierRule(boolean enabled, double threshold, double reset, int events, long delayNs, Reaction reaction) {
    /** A tier that is never evaluated. */
    public static final TierRule DISABLED = new TierRule(false, Double.NaN, Double.NaN, 1, 0, Reaction.NONE);

    public TierRule {
        Objects.requireNonNull(reaction, "reaction");
        if (enabled) {
            if (events < 1) {
                throw new IllegalArgumentException("events must be 1 or more, got " + events);
            }
            if (delayNs < 0) {
                throw new IllegalArgumentException("delay must be zero or more, got " + delayNs + " ns");
            }
        }
    }

    /** A condition tier: raised after {@code events} samples with the condition present, reacting after the delay. */
    public static TierRule condition(int events, long delayNs, Reaction reaction) {
        return new TierRule(true, Double.NaN, Double.NaN, events, delayNs, reaction);
    }

    /** A limit tier. */
    public static TierRule limit(double threshold, double reset, int events, long delayNs, Reaction reaction) {
        return new TierRule(true, threshold, reset, events, delayNs, reaction);
    }
}
