package org.bmsbench.can;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import org.bmsbench.can.dbc.DbcCodec;
import org.bmsbench.can.dbc.DbcDatabase;
import org.bmsbench.can.dbc.DbcMessage;
import org.bmsbench.can.dbc.DbcSignal;

/**
 * A frame as one line of text with its signals decoded by a DBC, for {@code bmsbench can dump} and
 * {@code can decode}: {@code (1700000000.123456) 123 BmsState state=2 (STANDBY) soc=81.5 %}. A frame whose id
 * the database does not know is shown raw and marked, and the caller counts it ({@link #isKnown}). Allocates:
 * for the console, not the tick.
 */
public final class DecodedFrames {
    private final DbcDatabase database;
    private final DbcSignal[] present;

    public DecodedFrames(DbcDatabase database) {
        this.database = database;
        int most = database.messages().stream().mapToInt(m -> m.signals().size()).max().orElse(0);
        this.present = new DbcSignal[most];
    }

    /** Whether the database has the frame's message. */
    public boolean isKnown(CanFrame frame) {
        return database.message(frame.id(), frame.extended()) != null;
    }

    /** The frame's line, its time {@code timeNs} shown in seconds with 6 decimals. */
    public String line(CanFrame frame, long timeNs) {
        StringBuilder line = new StringBuilder(96).append(String.format(Locale.ROOT, "(%d.%06d) ",
                Math.floorDiv(timeNs, 1_000_000_000L), Math.floorMod(timeNs, 1_000_000_000L) / 1000));
        line.append(frame.extended() ? String.format("%08X", frame.id()) : String.format("%03X", frame.id()));
        DbcMessage message = database.message(frame.id(), frame.extended());
        if (message == null) {
            return line.append(" ? ").append(frame.remote() ? "R" + frame.length() : frame.dataHex())
                    .append(" (not in the DBC)").toString();
        }
        line.append(' ').append(message.name());
        if (frame.remote()) {
            return line.append(" remote request").toString();
        }
        int count = DbcCodec.presentSignals(message, frame.data(), frame.length(), present);
        Arrays.sort(present, 0, count, Comparator.comparingInt(s -> message.signals().indexOf(s))); // the file's order
        for (int i = 0; i < count; i++) {
            DbcSignal signal = present[i];
            double value = DbcCodec.decode(signal, frame.data());
            line.append(' ').append(signal.name()).append('=').append(number(value));
            String description = signal.valueDescriptions().get(DbcCodec.decodeRaw(signal, frame.data()));
            if (description != null) {
                line.append(" (").append(description).append(')');
            }
            if (!signal.unit().isEmpty()) {
                line.append(' ').append(signal.unit());
            }
        }
        if (frame.length() < message.length()) {
            line.append(" (").append(frame.length()).append(" of ").append(message.length()).append(" bytes)");
        }
        return line.toString();
    }

    /** A value as short as it reads exactly: 2, 81.5, 0.001; never an exponent for the values CAN carries. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
