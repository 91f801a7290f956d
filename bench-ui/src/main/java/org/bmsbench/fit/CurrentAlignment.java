package org.bmsbench.fit;

import java.util.Locale;

/**
 * Which logged current produced a logged voltage. A logger that samples voltage and current together (most cell
 * testers and BMS logs) records at sample {@code k} the current that was flowing when {@code v[k]} was read:
 * {@link #SAME_SAMPLE}. A log that records each sample's set-point as it is applied, before the cell has seen it
 * (a programmable load's command log, or a simulation that logs before it steps), needs {@link #PREVIOUS}: the
 * current of sample {@code k - 1} flowed until sample {@code k}.
 */
public enum CurrentAlignment {
    /** The current of sample {@code k} flowed over the interval that ends at sample {@code k}. */
    SAME_SAMPLE,
    /** The current of sample {@code k - 1} flowed over the interval that ends at sample {@code k}. */
    PREVIOUS;

    /** The index of the current that flowed over the interval ending at sample {@code k} (k >= 1). */
    public int currentIndex(int k) {
        return this == SAME_SAMPLE ? k : k - 1;
    }

    /** The command-line spelling: {@code same-sample} or {@code previous}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads {@link #id()}; an unknown spelling is an {@link IllegalArgumentException} that lists the known ones. */
    public static CurrentAlignment of(String id) {
        for (CurrentAlignment a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("current alignment must be same-sample or previous, got '" + id + "'");
    }
}
