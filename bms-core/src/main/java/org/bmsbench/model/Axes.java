package org.bmsbench.model;

/** Checks and searches shared by the lookup tables. */
final class Axes {
    private Axes() {
    }

    static void requireStrictlyIncreasing(double[] axis, TableException.Part part, String name) {
        if (axis.length == 0) {
            throw new TableException(part, -1, -1, "the " + name + " axis needs at least one point");
        }
        for (int i = 0; i < axis.length; i++) {
            if (!Double.isFinite(axis[i])) {
                throw new TableException(part, i, -1, name + " " + axis[i] + " is not finite");
            }
            if (i > 0 && !(axis[i] > axis[i - 1])) {
                throw new TableException(part, i, -1, "the " + name + " axis must strictly increase: "
                        + axis[i] + " follows " + axis[i - 1]);
            }
        }
    }

    /**
     * The index {@code i} with {@code axis[i] <= x < axis[i + 1]}, for {@code axis[0] <= x < axis[last]}.
     */
    static int lowerIndex(double[] axis, double x) {
        int lo = 0;
        int hi = axis.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (axis[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {@code 1 / (axis[i + 1] - axis[i])} for each interval (one entry for a one-point axis, unused). */
    static double[] spacingInverse(double[] axis) {
        double[] inverse = new double[Math.max(1, axis.length - 1)];
        for (int i = 0; i + 1 < axis.length; i++) {
            inverse[i] = 1.0 / (axis[i + 1] - axis[i]);
        }
        return inverse;
    }
}
