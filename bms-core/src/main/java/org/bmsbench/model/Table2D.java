package org.bmsbench.model;

import java.util.Arrays;

/**
 * A value tabulated against state of charge and temperature, interpolated bilinearly and clamped outside
 * the table (a point outside takes the value at the nearest edge, per axis).
 *
 * <p>Values are stored one row per temperature, one column per soc point, as they are written in a cell
 * file. An axis with a single point makes the table constant along it.
 */
public final class Table2D {
    private final double[] soc;
    private final double[] temperatureC;
    private final double[][] values;
    /** 1 / (soc[i + 1] - soc[i]) and the same for temperature: the hinted look-up multiplies instead of dividing. */
    private final double[] socSpacingInverse;
    private final double[] temperatureSpacingInverse;

    /**
     * @param soc          strictly increasing, one or more points, fraction of capacity (0..1)
     * @param temperatureC strictly increasing, one or more points, degC
     * @param values       {@code values[row][column]}: a row per temperature, a column per soc point
     */
    public Table2D(double[] soc, double[] temperatureC, double[][] values) {
        Axes.requireStrictlyIncreasing(soc, TableException.Part.SOC_AXIS, "soc");
        Axes.requireStrictlyIncreasing(temperatureC, TableException.Part.TEMPERATURE_AXIS, "temperature");
        if (values.length != temperatureC.length) {
            throw new TableException(TableException.Part.VALUES, -1, -1, "expected " + temperatureC.length
                    + " rows (one per temperature), got " + values.length);
        }
        this.values = new double[values.length][];
        for (int row = 0; row < values.length; row++) {
            if (values[row].length != soc.length) {
                throw new TableException(TableException.Part.VALUES, row, -1, "row " + row + " ("
                        + temperatureC[row] + " degC) has " + values[row].length + " values, expected "
                        + soc.length + " (one per soc point)");
            }
            for (int col = 0; col < soc.length; col++) {
                if (!Double.isFinite(values[row][col])) {
                    throw new TableException(TableException.Part.VALUES, row, col, "value " + values[row][col]
                            + " is not finite");
                }
            }
            this.values[row] = values[row].clone();
        }
        this.soc = soc.clone();
        this.temperatureC = temperatureC.clone();
        this.socSpacingInverse = Axes.spacingInverse(soc);
        this.temperatureSpacingInverse = Axes.spacingInverse(temperatureC);
    }

    /** A table with the same value everywhere. */
    public static Table2D constant(double value) {
        return new Table2D(new double[] {0.5}, new double[] {25.0}, new double[][] {{value}});
    }

    /** A table that depends on soc only. */
    public static Table2D ofSoc(double[] soc, double[] values) {
        return new Table2D(soc, new double[] {25.0}, new double[][] {values});
    }

    /** Rejects a table with a value that is not above zero; {@code quantity} names it in the message. */
    public Table2D requirePositive(String quantity) {
        return requireEach(quantity, "positive", false);
    }

    /** Rejects a table with a negative value. */
    public Table2D requireNonNegative(String quantity) {
        return requireEach(quantity, "zero or more", true);
    }

    private Table2D requireEach(String quantity, String expected, boolean zeroAllowed) {
        for (int row = 0; row < values.length; row++) {
            for (int col = 0; col < soc.length; col++) {
                double v = values[row][col];
                if (v < 0 || (v == 0 && !zeroAllowed)) {
                    throw new TableException(TableException.Part.VALUES, row, col, quantity + " must be "
                            + expected + ", got " + v + " at soc " + soc[col] + ", " + temperatureC[row] + " degC");
                }
            }
        }
        return this;
    }

    /**
     * Rejects a table whose rows do not strictly rise with soc, as an OCV curve must for the BMS to
     * invert it (the soc of a resting cell from its voltage).
     */
    public Table2D requireRisingWithSoc(String quantity) {
        if (soc.length < 2) {
            throw new TableException(TableException.Part.SOC_AXIS, -1, -1,
                    quantity + " needs at least two soc points");
        }
        for (int row = 0; row < values.length; row++) {
            for (int col = 1; col < soc.length; col++) {
                if (!(values[row][col] > values[row][col - 1])) {
                    throw new TableException(TableException.Part.VALUES, row, col, quantity
                            + " must rise with SOC: " + values[row][col] + " at soc " + soc[col]
                            + " is not above " + values[row][col - 1] + " at soc " + soc[col - 1]
                            + " (" + temperatureC[row] + " degC)");
                }
            }
        }
        return this;
    }

    /** The bilinearly interpolated value, clamped to the table's edges. */
    public double valueAt(double soc, double tempC) {
        if (Double.isNaN(soc) || Double.isNaN(tempC)) {
            return Double.NaN;
        }
        int nx = this.soc.length;
        int i0;
        int i1;
        double fx;
        if (soc <= this.soc[0]) {
            i0 = i1 = 0;
            fx = 0;
        } else if (soc >= this.soc[nx - 1]) {
            i0 = i1 = nx - 1;
            fx = 0;
        } else {
            i0 = Axes.lowerIndex(this.soc, soc);
            i1 = i0 + 1;
            fx = (soc - this.soc[i0]) / (this.soc[i1] - this.soc[i0]);
        }
        int ny = temperatureC.length;
        if (tempC <= temperatureC[0]) {
            return lerp(values[0], i0, i1, fx);
        }
        if (tempC >= temperatureC[ny - 1]) {
            return lerp(values[ny - 1], i0, i1, fx);
        }
        int j0 = Axes.lowerIndex(temperatureC, tempC);
        double fy = (tempC - temperatureC[j0]) / (temperatureC[j0 + 1] - temperatureC[j0]);
        double low = lerp(values[j0], i0, i1, fx);
        return low + fy * (lerp(values[j0 + 1], i0, i1, fx) - low);
    }

    /**
     * Like {@link #valueAt}, but beyond the soc axis the value continues along the table's first or last
     * segment instead of staying at the edge (temperature is still clamped). Needs two or more soc points.
     */
    public double valueExtrapolatingSoc(double socValue, double tempC) {
        int n = soc.length;
        double edge = valueAt(socValue, tempC);
        if (n < 2 || (socValue >= soc[0] && socValue <= soc[n - 1])) {
            return edge;
        }
        boolean below = socValue < soc[0];
        int a = below ? 0 : n - 2;
        double rise = valueAt(soc[a + 1], tempC) - valueAt(soc[a], tempC);
        double slope = rise / (soc[a + 1] - soc[a]);
        return edge + slope * (socValue - (below ? soc[0] : soc[n - 1]));
    }

    /**
     * {@link #valueAt} with a search hint for callers that look the same table up again and again at points
     * that move little: {@code hints[at]} and {@code hints[at + 1]} hold the last soc and temperature cells,
     * and are updated. The same value as {@link #valueAt}; no allocation.
     */
    public double valueAt(double socValue, double tempC, int[] hints, int at) {
        int nx = soc.length;
        int i0;
        int i1;
        double fx;
        if (socValue <= soc[0] || nx == 1) {
            i0 = i1 = 0;
            fx = 0;
        } else if (socValue >= soc[nx - 1]) {
            i0 = i1 = nx - 1;
            fx = 0;
        } else {
            int i = Math.min(hints[at], nx - 2);
            while (socValue < soc[i]) {
                i--;
            }
            while (socValue >= soc[i + 1]) {
                i++;
            }
            hints[at] = i;
            i0 = i;
            i1 = i + 1;
            fx = (socValue - soc[i]) * socSpacingInverse[i];
        }
        int ny = temperatureC.length;
        if (tempC <= temperatureC[0] || ny == 1) {
            return lerp(values[0], i0, i1, fx);
        }
        if (tempC >= temperatureC[ny - 1]) {
            return lerp(values[ny - 1], i0, i1, fx);
        }
        int j = Math.min(hints[at + 1], ny - 2);
        while (tempC < temperatureC[j]) {
            j--;
        }
        while (tempC >= temperatureC[j + 1]) {
            j++;
        }
        hints[at + 1] = j;
        double fy = (tempC - temperatureC[j]) * temperatureSpacingInverse[j];
        double low = lerp(values[j], i0, i1, fx);
        return low + fy * (lerp(values[j + 1], i0, i1, fx) - low);
    }

    private static double lerp(double[] row, int i0, int i1, double f) {
        return row[i0] + f * (row[i1] - row[i0]);
    }

    public double[] soc() {
        return soc.clone();
    }

    public double[] temperatureC() {
        return temperatureC.clone();
    }

    /** A copy of the values, a row per temperature. */
    public double[][] values() {
        double[][] copy = new double[values.length][];
        for (int row = 0; row < values.length; row++) {
            copy[row] = values[row].clone();
        }
        return copy;
    }

    /** The smallest value in the table. */
    public double min() {
        return Arrays.stream(values).flatMapToDouble(Arrays::stream).min().orElseThrow();
    }

    /** The largest value in the table. */
    public double max() {
        return Arrays.stream(values).flatMapToDouble(Arrays::stream).max().orElseThrow();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Table2D)) {
            return false;
        }
        Table2D other = (Table2D) o;
        return Arrays.equals(soc, other.soc) && Arrays.equals(temperatureC, other.temperatureC)
                && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(soc) + Arrays.hashCode(temperatureC)) + Arrays.deepHashCode(values);
    }
}
