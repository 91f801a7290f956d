package org.bmsbench.cli;

import org.bmsbench.firmware.loop.IdleStrategy;
import picocli.CommandLine.Option;

/** The {@code --idle} option of the real-time commands ({@code hil}, {@code jitter}), a mixin. */
final class IdleOption {
    @Option(names = "--idle", defaultValue = "park", paramLabel = "park|spin|yield",
            description = "How the loop waits between ticks: park, then spin for a margin learnt from how late this"
                    + " machine's parks wake (default); spin on a core (least jitter); or yield.")
    private String idle;

    /** The strategy asked for, checked. */
    IdleStrategy strategy() {
        return switch (idle) {
            case "park" -> IdleStrategy.parkThenSpin();
            case "spin" -> IdleStrategy.BUSY_SPIN;
            case "yield" -> IdleStrategy.YIELD;
            default -> throw new IllegalArgumentException("--idle must be park, spin or yield, got '" + idle + "'");
        };
    }

    /** As given on the command line. */
    String name() {
        return idle;
    }
}
