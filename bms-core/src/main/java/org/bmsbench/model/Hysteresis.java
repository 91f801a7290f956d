package org.bmsbench.model;

import java.util.Arrays;

/**
 * One-state hysteresis with instantaneous hysteresis, after G. Plett, Battery Management Systems vol. 1 (2015),
 * section 3.7: a state {@code h} in [-1, 1] that moves towards -1 on discharge and +1 on charge at a rate set by
 * the charge passed, adding {@code maxV * h} to the open-circuit voltage, and the sign {@code s} of the last
 * current (-1 after a discharge, +1 after a charge, kept at rest), adding {@code instantaneousV * s} at once.
 *
 * @param decayRate      gamma(T), dimensionless, zero or more: h moves by a factor exp(-gamma * |dQ| / Q)
 * @param maxV           the largest hysteresis voltage M(soc, T), volts, zero or more
 * @param instantaneousV the instantaneous hysteresis M0(soc, T), volts, zero or more
 */
public record Hysteresis(Table1D decayRate, Table2D maxV, Table2D instantaneousV) {
    /** No hysteresis. */
    public static final Hysteresis NONE = new Hysteresis(0.0, Table2D.constant(0.0));

    public Hysteresis {
        for (double gamma : decayRate.values()) {
            if (!(gamma >= 0)) {
                throw new IllegalArgumentException("hysteresis decay rate must be finite and zero or more, got "
                        + gamma);
            }
        }
        maxV.requireNonNegative("hysteresis maximum");
        instantaneousV.requireNonNegative("instantaneous hysteresis");
    }

    /** Hysteresis with one decay rate at every temperature and no instantaneous part. */
    public Hysteresis(double decayRate, Table2D maxV) {
        this(Table1D.constant(checkFinite(decayRate)), maxV, Table2D.constant(0.0));
    }

    private static double checkFinite(double decayRate) {
        if (Double.isInfinite(decayRate)) {
            throw new IllegalArgumentException("hysteresis decay rate must be finite and zero or more, got "
                    + decayRate);
        }
        return decayRate;
    }

    /** True when the slow state has an effect: a rate and a magnitude above zero somewhere. */
    public boolean isPresent() {
        return Arrays.stream(decayRate.values()).anyMatch(g -> g > 0) && maxV.max() > 0;
    }

    /** True when the instantaneous part is above zero somewhere. */
    public boolean hasInstantaneous() {
        return instantaneousV.max() > 0;
    }
}
