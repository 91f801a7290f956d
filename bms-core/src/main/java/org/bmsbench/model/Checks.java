package org.bmsbench.model;

/** Argument checks with messages that name the parameter and say what was expected. */
public final class Checks {
    private Checks() {
    }

    /** {@code value} must be finite and above zero. */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number above zero, got " + value);
        }
        return value;
    }

    /** {@code value} must be finite and zero or more. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, zero or more, got " + value);
        }
        return value;
    }

    /** {@code value} must be finite. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
        return value;
    }

    /** {@code value} must lie in [{@code min}, {@code max}]. */
    public static double inRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** {@code value} must be at least 1. */
    public static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more, got " + value);
        }
        return value;
    }
}
