package org.bmsbench.cli;

import org.bmsbench.firmware.loop.IdleStrategy;

/** The {@code --idle} option of the real-time commands. */
final class IdleOption {
    private IdleOption() {
    }

    static IdleStrategy parse(String idle) {
        return switch (idle) {
            case "park" -> IdleStrategy.parkThenSpin();
            case "spin" -> IdleStrategy.BUSY_SPIN;
            case "yield" -> IdleStrategy.YIELD;
            default -> throw new IllegalArgumentException("--idle must be park, spin or yield, got '" + idle + "'");
        };
    }
}
