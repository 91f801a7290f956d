package org.bmsbench.can.profile;

import java.util.Objects;
import java.util.function.ToIntFunction;
import org.bmsbench.firmware.BmsFirmware;

/**
 * How a profile sends one DBC message: which signal carries what ({@link #rule}, asked once per signal and
 * multiplexer value when the node is built, so that the tick only encodes) and, for a multiplexed message, what
 * it lists and how its cycle time is read.
 *
 * @param message  the message's name in the profile's DBC
 * @param rule     the binding of a signal, by its name and the frame's multiplexer value (0 for a plain message);
 *                 null leaves the signal at raw 0. Multiplexers are not asked for: they carry the frame's value
 * @param items    for a multiplexed message, how many items (cell channels, sensors) the pack has; null for a
 *                 plain message
 * @param perFrame items per frame: a round is {@code ceil(items / perFrame)} frames, multiplexer values 0, 1, ...
 * @param perRound whether the DBC's cycle time is that of a whole round of the multiplexer values the DBC declares
 *                 (foxBMS) rather than of each frame (bms-bench)
 */
public record MessagePlan(String message, Rule rule, ToIntFunction<BmsFirmware> items, int perFrame,
                          boolean perRound) {
    /** The binding of one signal. */
    @FunctionalInterface
    public interface Rule {
        SignalBinding bind(String signal, int multiplexerValue);
    }

    public MessagePlan {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rule, "rule");
        if (items != null && perFrame < 1) {
            throw new IllegalArgumentException(message + ": items per frame " + perFrame + ", expected 1 or more");
        }
    }

    /** A plain message, sent every DBC cycle time. */
    public static MessagePlan plain(String message, Rule rule) {
        return new MessagePlan(message, rule, null, 1, false);
    }

    public static MessagePlan multiplexed(String message, Rule rule, ToIntFunction<BmsFirmware> items,
            int perFrame, boolean perRound) {
        return new MessagePlan(message, rule, items, perFrame, perRound);
    }

    /** Frames in one round for this firmware's pack: 1 for a plain message. */
    public int frames(BmsFirmware firmware) {
        return items == null ? 1 : Math.max(1, (items.applyAsInt(firmware) + perFrame - 1) / perFrame);
    }

    /** Items of this firmware's pack (the count an ITEM binding's index must stay below). */
    public int itemCount(BmsFirmware firmware) {
        return items == null ? Integer.MAX_VALUE : items.applyAsInt(firmware);
    }
}
