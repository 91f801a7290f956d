package org.bmsbench.firmware.diag;

import java.util.Locale;

/** The three tiers of every fault, least severe first (foxBMS: MOL, RSL, MSL). */
public enum FaultLevel {
    INFO,
    WARNING,
    FATAL;

    private static final FaultLevel[] VALUES = values();

    public static final int COUNT = VALUES.length;

    public static FaultLevel of(int ordinal) {
        return VALUES[ordinal];
    }

    /** The name used in configuration files and telemetry: {@code info}, {@code warning}, {@code fatal}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
