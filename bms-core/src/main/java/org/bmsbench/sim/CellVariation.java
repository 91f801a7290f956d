package org.bmsbench.sim;

import org.bmsbench.model.Checks;

/**
 * Cell-to-cell manufacturing spread: one-sigma deviations of a normal distribution, drawn per cell from the
 * pack's seed and truncated at four sigma.
 *
 * @param capacity      relative sigma of the capacity (0.02 = 2 %)
 * @param resistance    relative sigma of every resistance (R0 and the RC resistances)
 * @param soc           absolute sigma of the initial state of charge (0.01 = 1 percentage point)
 * @param selfDischarge relative sigma of the self-discharge (leak) current
 */
public record CellVariation(double capacity, double resistance, double soc, double selfDischarge) {
    /** Identical cells. */
    public static final CellVariation NONE = new CellVariation(0, 0, 0, 0);

    /** The largest relative sigma accepted: beyond it a truncated normal could give non-physical cells. */
    public static final double MAX_RELATIVE_SIGMA = 0.2;

    public CellVariation {
        Checks.inRange("variation.capacity", capacity, 0, MAX_RELATIVE_SIGMA);
        Checks.inRange("variation.resistance", resistance, 0, MAX_RELATIVE_SIGMA);
        Checks.inRange("variation.soc", soc, 0, 0.2);
        Checks.inRange("variation.self_discharge", selfDischarge, 0, MAX_RELATIVE_SIGMA);
    }
}
