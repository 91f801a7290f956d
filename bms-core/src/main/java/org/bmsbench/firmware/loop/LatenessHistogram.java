package org.bmsbench.firmware.loop;

import java.util.Arrays;

/**
 * A log-linear histogram of non-negative durations with about 3 % resolution (32 sub-buckets per power of two),
 * recorded without allocation: enough to report a control loop's period error at p50/p99/p99.9/max from the
 * firmware itself, without a library in the core. Single writer; readers see an approximate picture.
 */
public final class LatenessHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;

    private final long[] counts = new long[64 * SUB];
    private long total;
    private long max;

    public void record(long valueNs) {
        long v = Math.max(0, valueNs);
        counts[index(v)]++;
        total++;
        if (v > max) {
            max = v;
        }
    }

    private static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS
        int shift = magnitude - SUB_BITS;
        int sub = (int) (v >>> shift) - SUB; // 0..SUB-1
        return (shift + 1) * SUB + sub;
    }

    /** The upper edge of a bucket: no value in it is larger. */
    private static long upperEdge(int index) {
        if (index < SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        long sub = index % SUB + SUB;
        return ((sub + 1) << shift) - 1;
    }

    /** The value at {@code percentile} (0..100): no more than that share of the records is larger, ns. */
    public long percentile(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(percentile / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && counts[i] > 0) {
                return Math.min(upperEdge(i), max);
            }
        }
        return max;
    }

    public long count() {
        return total;
    }

    public long max() {
        return max;
    }

    public void reset() {
        Arrays.fill(counts, 0);
        total = 0;
        max = 0;
    }
}
