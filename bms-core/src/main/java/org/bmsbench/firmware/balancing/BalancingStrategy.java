package org.bmsbench.firmware.balancing;

import org.bmsbench.firmware.Acquisition;
import org.bmsbench.firmware.soc.SocEstimation;

/**
 * Which cells to bleed, once balancing is allowed at all. {@link Balancing} applies the rules every strategy
 * shares (never in error, never too hot, only at rest or while charging) and calls the strategy only when
 * they allow it.
 */
public interface BalancingStrategy {
    /**
     * Sets {@code on[channel]} for the next {@code dtS}. {@code on} holds the previous decision, so a strategy
     * can apply hysteresis.
     */
    void decide(Acquisition data, SocEstimation soc, double dtS, boolean[] on);

    /** Balancing was not allowed for a while: forget any plan. */
    void interrupted();
}
