package org.bmsbench.can.profile;

import java.util.Objects;

/**
 * What fills one signal of an outgoing frame: a reading of the firmware; the reading of one item (a cell channel
 * or a temperature sensor: a pack with fewer items leaves the signal at 0); or the message's alive counter (its
 * frames counted, modulo the signal's range).
 */
public record SignalBinding(Kind kind, BmsReading reading, int index) {
    public enum Kind { VALUE, ITEM, ALIVE_COUNTER }

    public static SignalBinding of(BmsReading reading) {
        return new SignalBinding(Kind.VALUE, reading, 0);
    }

    /** The reading of cell channel or temperature sensor {@code index}. */
    public static SignalBinding item(BmsReading reading, int index) {
        return new SignalBinding(Kind.ITEM, reading, index);
    }

    public static SignalBinding aliveCounter() {
        return new SignalBinding(Kind.ALIVE_COUNTER, (f, i) -> 0, 0);
    }

    public SignalBinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reading, "reading");
        if (index < 0) {
            throw new IllegalArgumentException("index " + index + " is negative");
        }
    }
}
