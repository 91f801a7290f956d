package org.bmsbench.can.dbc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bmsbench.can.CanFdLengths;
import org.bmsbench.can.CanFrame;

/**
 * One message of a DBC file ({@code BO_}): its CAN id (11-bit standard or 29-bit extended), its payload length in
 * bytes (0-64, CAN FD's included), its sender and its signals. A multiplexed message also keeps, per value of each
 * top-level multiplexer, the signals that value selects, so that {@link DbcCodec#presentSignals} finds a frame's
 * signals without looking at all of them (foxBMS's f_CellVoltages has 433, 9 in each frame).
 */
public final class DbcMessage {
    /** Multiplexer values up to this one are looked up in a table; larger ones (rare) are searched. */
    private static final int MAX_TABLED_VALUE = 1023;
    private static final DbcSignal[] NONE = new DbcSignal[0];

    private final int id;
    private final boolean extended;
    private final String name;
    private final int length;
    private final String transmitter;
    private final List<DbcSignal> signals;
    private final int cycleTimeMs;
    private final String comment;
    private final Map<String, String> attributes;
    // the index of the signals a frame carries: the ones always there, each top-level multiplexer with the
    // signals each of its values selects directly, and the rest (cascaded, or selected by a large value)
    private final DbcSignal[] unmultiplexed;
    private final DbcSignal[] multiplexers;
    private final DbcSignal[][][] selectedByValue;
    private final DbcSignal[] searched;

    /**
     * @param id          the CAN id without DBC's extended flag (bit 31 of the file's number)
     * @param length      the payload length in bytes
     * @param transmitter the sending node, or {@code Vector__XXX} for none
     * @param cycleTimeMs the {@code GenMsgCycleTime} attribute (its default when the message has none), 0 when the
     *                    message is not sent cyclically
     * @param comment     the message's {@code CM_}, empty when it has none
     * @param attributes  the message's attributes with their defaults; enum values by their name
     */
    public DbcMessage(int id, boolean extended, String name, int length, String transmitter,
            List<DbcSignal> signals, int cycleTimeMs, String comment, Map<String, String> attributes) {
        if (id < 0 || id > (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID)) {
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
        this.id = id;
        this.extended = extended;
        this.name = name;
        this.length = length;
        this.transmitter = transmitter;
        this.signals = List.copyOf(signals);
        this.cycleTimeMs = cycleTimeMs;
        this.comment = comment;
        this.attributes = Map.copyOf(attributes);
        Set<String> names = new HashSet<>();
        for (DbcSignal signal : this.signals) {
            if (!names.add(signal.name())) {
                throw new IllegalArgumentException("message " + name + " has two signals named " + signal.name());
            }
            if (signal.bytesNeeded() > length) {
                throw new IllegalArgumentException(doesNotFit(signal, name, length));
            }
            if (signal.selectedBy() != null && !this.signals.contains(signal.selectedBy())) {
                throw new IllegalArgumentException("signal " + signal.name() + " is selected by "
                        + signal.selectedBy().name() + ", which is not in message " + name);
            }
        }
        List<DbcSignal> always = new ArrayList<>();
        List<DbcSignal> topMultiplexers = new ArrayList<>();
        for (DbcSignal signal : this.signals) {
            if (signal.selectedBy() == null) {
                always.add(signal);
                if (signal.isMultiplexer()) {
                    topMultiplexers.add(signal);
                }
            }
        }
        unmultiplexed = always.toArray(NONE);
        multiplexers = topMultiplexers.toArray(NONE);
        selectedByValue = new DbcSignal[multiplexers.length][][];
        List<DbcSignal> rest = new ArrayList<>();
        for (int m = 0; m < multiplexers.length; m++) {
            List<List<DbcSignal>> byValue = new ArrayList<>();
            for (DbcSignal signal : this.signals) {
                if (signal.selectedBy() == multiplexers[m] && !tabled(signal, byValue)) {
                    rest.add(signal);
                }
            }
            selectedByValue[m] = new DbcSignal[byValue.size()][];
            for (int value = 0; value < byValue.size(); value++) {
                selectedByValue[m][value] = byValue.get(value).toArray(NONE);
            }
        }
        for (DbcSignal signal : this.signals) {
            if (signal.selectedBy() != null && signal.selectedBy().selectedBy() != null) {
                rest.add(signal);
            }
        }
        searched = rest.toArray(NONE);
    }

    /** Enters the signal under each value selecting it; false (and nothing entered) if one is not 0-1023. */
    private static boolean tabled(DbcSignal signal, List<List<DbcSignal>> byValue) {
        long[] ranges = signal.selectingRanges();
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] < 0 || ranges[i + 1] > MAX_TABLED_VALUE) {
                return false;
            }
        }
        for (int i = 0; i < ranges.length; i += 2) {
            for (int value = (int) ranges[i]; value <= ranges[i + 1]; value++) {
                while (byValue.size() <= value) {
                    byValue.add(new ArrayList<>());
                }
                if (!byValue.get(value).contains(signal)) {
                    byValue.get(value).add(signal);
                }
            }
        }
        return true;
    }

    /** The words for a signal that reaches beyond its message's payload. */
    static String doesNotFit(DbcSignal signal, String message, int length) {
        return "signal " + signal.name() + " (" + signal + ") needs " + signal.bytesNeeded()
                + " bytes, but message " + message + " is " + length + " bytes long";
    }

    /**
     * Puts the signals a frame of {@code frameLength} bytes carries into {@code into} (at least as long as the
     * message's signals), in no particular order, and returns how many. Allocates nothing.
     */
    int presentSignals(byte[] data, int frameLength, DbcSignal[] into) {
        int n = 0;
        for (DbcSignal signal : unmultiplexed) {
            if (signal.bytesNeeded() <= frameLength) {
                into[n++] = signal;
            }
        }
        for (int m = 0; m < multiplexers.length; m++) {
            if (multiplexers[m].bytesNeeded() > frameLength) {
                continue;
            }
            long value = DbcCodec.decodeRaw(multiplexers[m], data);
            if (value >= 0 && value < selectedByValue[m].length) {
                for (DbcSignal signal : selectedByValue[m][(int) value]) {
                    if (signal.bytesNeeded() <= frameLength) {
                        into[n++] = signal;
                    }
                }
            }
        }
        for (DbcSignal signal : searched) {
            if (DbcCodec.isPresent(signal, data, frameLength)) {
                into[n++] = signal;
            }
        }
        return n;
    }

    public int id() {
        return id;
    }

    public boolean extended() {
        return extended;
    }

    public String name() {
        return name;
    }

    public int length() {
        return length;
    }

    public String transmitter() {
        return transmitter;
    }

    public List<DbcSignal> signals() {
        return signals;
    }

    public int cycleTimeMs() {
        return cycleTimeMs;
    }

    public String comment() {
        return comment;
    }

    public Map<String, String> attributes() {
        return attributes;
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
