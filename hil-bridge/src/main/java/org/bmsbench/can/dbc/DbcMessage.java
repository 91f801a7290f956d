package org.bmsbench.can.dbc;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One message of a DBC file ({@code BO_}): its CAN id (11-bit standard or 29-bit extended), its payload length in
 * bytes (0-64, CAN FD's included), its sender and its signals.
 *
 * @param id          the CAN id without DBC's extended flag (bit 31 of the file's number)
 * @param length      the payload length in bytes
 * @param transmitter the sending node, or {@code Vector__XXX} for none
 * @param cycleTimeMs the {@code GenMsgCycleTime} attribute (its default when the message has none), 0 when the
 *                    message is not sent cyclically
 * @param comment     the message's {@code CM_}, empty when it has none
 * @param attributes  the message's attributes with their defaults; enum values by their name
 */
public record DbcMessage(int id, boolean extended, String name, int length, String transmitter,
        List<DbcSignal> signals, int cycleTimeMs, String comment, Map<String, String> attributes) {
    /** The largest 11-bit and 29-bit ids. */
    public static final int MAX_STANDARD_ID = 0x7FF;
    public static final int MAX_EXTENDED_ID = 0x1FFF_FFFF;

    public DbcMessage {
        if (id < 0 || id > (extended ? MAX_EXTENDED_ID : MAX_STANDARD_ID)) {
            throw new IllegalArgumentException("message " + name + ": id " + Integer.toUnsignedString(id)
                    + " is not a " + (extended ? "29" : "11") + "-bit CAN id");
        }
        if (length < 0 || length > CanFdLengths.MAX_LENGTH) {
            throw new IllegalArgumentException("message " + name + ": length " + length + " bytes, expected 0-"
                    + CanFdLengths.MAX_LENGTH);
        }
        if (cycleTimeMs < 0) {
            throw new IllegalArgumentException("message " + name + ": cycle time " + cycleTimeMs + " ms");
        }
        signals = List.copyOf(signals);
        attributes = Map.copyOf(attributes);
        Set<String> names = new HashSet<>();
        for (DbcSignal signal : signals) {
            if (!names.add(signal.name())) {
                throw new IllegalArgumentException("message " + name + " has two signals named " + signal.name());
            }
            if (signal.bytesNeeded() > length) {
                throw new IllegalArgumentException(doesNotFit(signal, name, length));
            }
            if (signal.selectedBy() != null && !signals.contains(signal.selectedBy())) {
                throw new IllegalArgumentException("signal " + signal.name() + " is selected by "
                        + signal.selectedBy().name() + ", which is not in message " + name);
            }
        }
    }

    /** The words for a signal that reaches beyond its message's payload. */
    static String doesNotFit(DbcSignal signal, String message, int length) {
        return "signal " + signal.name() + " (" + signal + ") needs " + signal.bytesNeeded()
                + " bytes, but message " + message + " is " + length + " bytes long";
    }

    /** The signal called {@code signalName}. */
    public Optional<DbcSignal> signal(String signalName) {
        for (DbcSignal signal : signals) {
            if (signal.name().equals(signalName)) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }

    /** Whether any signal is multiplexed. */
    public boolean isMultiplexed() {
        for (DbcSignal signal : signals) {
            if (signal.isMultiplexer()) {
                return true;
            }
        }
        return false;
    }

    /** The id as a DBC file writes it: bit 31 set for an extended id. */
    public long fileId() {
        return extended ? (id | 0x8000_0000L) : id;
    }

    @Override
    public String toString() {
        return name + " (" + (extended ? String.format("0x%08X", id) : String.format("0x%03X", id)) + ", "
                + length + " bytes, " + signals.size() + " signals)";
    }
}
