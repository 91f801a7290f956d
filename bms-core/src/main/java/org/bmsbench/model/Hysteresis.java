package org.bmsbench.model;

/**
 * One-state hysteresis after G. Plett, Battery Management Systems vol. 1 (2015), section 3.7: a state
 * {@code h} in [-1, 1] that moves towards -1 on discharge and +1 on charge at a rate set by the charge
 * passed, and adds {@code maxV * h} to the open-circuit voltage.
 *
 * @param decayRate gamma, dimensionless, zero or more: h moves by a factor exp(-gamma * |dQ| / Q)
 * @param maxV      the largest hysteresis voltage M(soc, T), volts, zero or more
 */
public record Hysteresis(double decayRate, Table2D maxV) {
    /** No hysteresis. */
    public static final Hysteresis NONE = new Hysteresis(0.0, Table2D.constant(0.0));

    public Hysteresis {
        if (!(decayRate >= 0) || Double.isInfinite(decayRate)) {
            throw new IllegalArgumentException("hysteresis decay rate must be finite and zero or more, got "
                    + decayRate);
        }
        maxV.requireNonNegative("hysteresis maximum");
    }

    public boolean isPresent() {
        return decayRate > 0 && maxV.max() > 0;
    }
}
