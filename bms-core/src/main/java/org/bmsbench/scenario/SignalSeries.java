package org.bmsbench.scenario;

import java.util.Arrays;

/**
 * A run's numeric signals over time in a fixed number of equal buckets, each holding every signal's lowest and
 * highest value within it: enough to draw every chart of a report when no trace was kept, spikes included. When
 * the run outlasts the buckets, neighbours merge in pairs and the width doubles, so a run of unknown length fits
 * too. Written by the run's thread only (the runner), read once it has ended; nothing allocates after
 * construction.
 */
public final class SignalSeries {
    /** Buckets at most. */
    public static final int BUCKETS = 512;

    private final double[][] min = new double[Signal.COUNT][BUCKETS];
    private final double[][] max = new double[Signal.COUNT][BUCKETS];
    private long widthNs;
    private int count;

    /** @param firstWidthNs the buckets' width to begin with; doubles each time the run outlasts them */
    public SignalSeries(long firstWidthNs) {
        if (firstWidthNs <= 0) {
            throw new IllegalArgumentException("a bucket's width must be above zero, got " + firstWidthNs + " ns");
        }
        widthNs = firstWidthNs;
        for (int s = 0; s < Signal.COUNT; s++) {
            Arrays.fill(min[s], Double.NaN);
            Arrays.fill(max[s], Double.NaN);
        }
    }

    /**
     * Buckets that fit a run of {@code durationNs}, its last instant included (just over duration / buckets wide),
     * or 1 s buckets when the length is not known (0).
     */
    public static SignalSeries forDuration(long durationNs) {
        return new SignalSeries(durationNs > 0 ? durationNs / BUCKETS + 1 : 1_000_000_000L);
    }

    /** Takes the signals' values at {@code timeNs} (not before the last call's); NaN values are left out. */
    void add(long timeNs, Signals signals) {
        long k = timeNs / widthNs;
        while (k >= BUCKETS) {
            halve();
            k = timeNs / widthNs;
        }
        count = Math.max(count, (int) k + 1);
        int b = (int) k;
        for (int s = 0; s < Signal.COUNT; s++) {
            double v = signals.get(Signal.of(s));
            if (Double.isNaN(v)) {
                continue;
            }
            double[] lo = min[s];
            double[] hi = max[s];
            // NaN fails every comparison: an empty bucket takes the first value
            if (!(v >= lo[b])) {
                lo[b] = v;
            }
            if (!(v <= hi[b])) {
                hi[b] = v;
            }
        }
    }

    /** Merges neighbouring buckets in pairs: half as many, twice as wide. */
    private void halve() {
        for (int s = 0; s < Signal.COUNT; s++) {
            double[] lo = min[s];
            double[] hi = max[s];
            for (int j = 0; j < BUCKETS / 2; j++) {
                lo[j] = lowest(lo[2 * j], lo[2 * j + 1]);
                hi[j] = highest(hi[2 * j], hi[2 * j + 1]);
            }
            Arrays.fill(lo, BUCKETS / 2, BUCKETS, Double.NaN);
            Arrays.fill(hi, BUCKETS / 2, BUCKETS, Double.NaN);
        }
        count = (count + 1) / 2;
        widthNs *= 2;
    }

    private static double lowest(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double highest(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** Buckets in use, from the start of the run. */
    public int buckets() {
        return count;
    }

    /** Each bucket's width, s. */
    public double widthS() {
        return widthNs / 1e9;
    }

    /** Where bucket {@code k} starts, s from the start of the run. */
    public double startS(int k) {
        return k * widthS();
    }

    /** The signal's lowest value in bucket {@code k}; NaN when it had none there. */
    public double min(Signal signal, int k) {
        return min[signal.ordinal()][checked(k)];
    }

    /** The signal's highest value in bucket {@code k}; NaN when it had none there. */
    public double max(Signal signal, int k) {
        return max[signal.ordinal()][checked(k)];
    }

    private int checked(int k) {
        if (k < 0 || k >= count) {
            throw new IndexOutOfBoundsException("bucket " + k + " of " + count);
        }
        return k;
    }
}
