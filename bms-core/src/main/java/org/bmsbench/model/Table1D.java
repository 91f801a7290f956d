package org.bmsbench.model;

import java.util.Arrays;

/**
 * A value tabulated against temperature, interpolated linearly and clamped outside the table (a value
 * outside takes the value at the nearest edge).
 */
public final class Table1D {
    private final double[] temperatureC;
    private final double[] values;

    /**
     * @param temperatureC strictly increasing, one or more points, degC
     * @param values       one finite value per temperature
     */
    public Table1D(double[] temperatureC, double[] values) {
        Axes.requireStrictlyIncreasing(temperatureC, TableException.Part.TEMPERATURE_AXIS, "temperature");
        if (values.length != temperatureC.length) {
            throw new TableException(TableException.Part.VALUES, -1, -1, "expected " + temperatureC.length
                    + " values (one per temperature), got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new TableException(TableException.Part.VALUES, i, -1, "value " + values[i] + " is not finite");
            }
        }
        this.temperatureC = temperatureC.clone();
        this.values = values.clone();
    }

    /** A table with the same value at every temperature. */
    public static Table1D constant(double value) {
        return new Table1D(new double[] {25.0}, new double[] {value});
    }

    /** Rejects a table with a value that is not above zero; {@code quantity} names it in the message. */
    public Table1D requirePositive(String quantity) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0)) {
                throw new TableException(TableException.Part.VALUES, i, -1,
                        quantity + " must be positive, got " + values[i] + " at " + temperatureC[i] + " degC");
            }
        }
        return this;
    }

    /** The value at {@code tempC}, linear between the points and held beyond them; NaN at NaN. */
    public double valueAt(double tempC) {
        int n = temperatureC.length;
        if (Double.isNaN(tempC)) {
            return Double.NaN;
        }
        if (tempC <= temperatureC[0]) {
            return values[0];
        }
        if (tempC >= temperatureC[n - 1]) {
            return values[n - 1];
        }
        int j = Axes.lowerIndex(temperatureC, tempC);
        double f = (tempC - temperatureC[j]) / (temperatureC[j + 1] - temperatureC[j]);
        return values[j] + f * (values[j + 1] - values[j]);
    }

    public double[] temperatureC() {
        return temperatureC.clone();
    }

    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table1D && Arrays.equals(temperatureC, ((Table1D) o).temperatureC)
                && Arrays.equals(values, ((Table1D) o).values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(temperatureC) + Arrays.hashCode(values);
    }
}
