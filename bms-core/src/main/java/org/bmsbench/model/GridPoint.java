package org.bmsbench.model;

/**
 * Where a (soc, temperature) point falls on a {@link CellModel}'s table grid: the bracketing nodes and
 * the interpolation fractions. Locating once and reading every parameter from the same point is what
 * makes a model evaluation cheap; the point also remembers where it was, so the next search (the soc
 * moves little between steps) is a step or two instead of a binary search.
 *
 * <p>Mutable and reused: one per evaluating thread (a pack keeps one and a hint per cell).
 */
public final class GridPoint {
    int socLow;
    int socHigh;
    int tempLow;
    int tempHigh;
    double socFraction;
    double tempFraction;
    /** How far the soc lies beyond the grid (negative below it), 0 inside. */
    double socExcess;
    // offsets of the four surrounding nodes in the model's node array: (temperature, soc) low/high
    int lowLow;
    int lowHigh;
    int highLow;
    int highHigh;
    /** The temperature fraction of the kinetic parameters, interpolated in 1 / T. */
    double kineticFraction;

    /** The lower soc node index, usable as a search hint for the next {@link CellModel#locate}. */
    public int socIndex() {
        return socLow;
    }

    /** The lower temperature node index, usable as a search hint. */
    public int temperatureIndex() {
        return tempLow;
    }
}
