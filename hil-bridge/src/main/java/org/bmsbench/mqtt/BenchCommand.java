package org.bmsbench.mqtt;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The commands a bench takes on {@code bmsbench/<pack-id>/cmd/<name>} (docs/mqtt.md), each named once. */
public enum BenchCommand {
    /** {@code {"state": "standby" | "normal"}}; normal needs remote control allowed. */
    REQUEST_STATE,
    /** Leave the error state once every fatal cause is gone. */
    RESET_FAULTS,
    /** {@code {"strategy": "none" | "voltage" | "soc"}}. */
    SET_BALANCING,
    /** {@code {"type": fault id, "target": from 1, "value": number}}; needs remote control and a plant. */
    INJECT_FAULT,
    /** As {@link #INJECT_FAULT}, clearing it. */
    CLEAR_FAULT,
    /** {@code {"speed": times real time | "max"}}; a simulated run only. */
    SET_SPEED;

    /** The topic's last level, e.g. {@code request_state}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The command named {@code id}, or null. */
    public static BenchCommand fromId(String id) {
        for (BenchCommand c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** Every command's id, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(BenchCommand::id).collect(Collectors.joining(", "));
    }
}
