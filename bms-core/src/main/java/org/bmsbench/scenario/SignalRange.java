package org.bmsbench.scenario;

/**
 * What a signal did over a run.
 *
 * @param min  its lowest value; +infinity when it never had a number
 * @param max  its highest value; -infinity when it never had a number
 * @param last its final value; NaN when it never had a number
 */
public record SignalRange(double min, double max, double last) {
    /** A signal that never had a number (a word, or a run that stopped before its first sample). */
    public static final SignalRange NONE =
            new SignalRange(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
}
