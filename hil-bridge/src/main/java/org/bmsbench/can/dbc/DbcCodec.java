package org.bmsbench.can.dbc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes DBC signals in a CAN payload. The per-signal methods are the hot path: they work in place on
 * the caller's {@code byte[]} and allocate nothing. The map-based ones are for tools and tests.
 *
 * <p>Range policy. {@link #encode(DbcSignal, double, byte[])} never throws on a value: like a sensor that
 * saturates, it writes the nearest value the signal can carry (first within the signal's {@code [min|max]} when
 * the file gives one, then within the raw bits) and returns true when it had to. NaN writes raw 0 to an integer
 * signal (and NaN to a float one). {@link #encode(DbcMessage, Map)} refuses, naming the signal, any value that
 * the hot path would clamp. Decoding never clamps: a frame with a value outside [min|max] reads as it is.
 */
public final class DbcCodec {
    private static final double TWO_TO_63 = 0x1p63;

    private DbcCodec() {
    }

    /** The signal's raw bits, sign-extended when it is signed. {@code data} must hold its bytes. */
    public static long decodeRaw(DbcSignal signal, byte[] data) {
        long raw = 0;
        int step = signal.shiftStep();
        int shift = signal.shiftBase() + step * signal.firstByte();
        for (int i = signal.firstByte(); i <= signal.lastByte(); i++, shift += step) {
            long b = data[i] & 0xFFL;
            raw |= shift >= 0 ? b << shift : b >>> -shift;
        }
        raw &= signal.mask();
        int unused = 64 - signal.bitLength();
        return signal.isSigned() && signal.valueType() == DbcSignal.ValueType.INTEGER ? raw << unused >> unused : raw;
    }

    /** Writes {@code raw}'s low bits into the signal's place, leaving every other bit of {@code data} as it is. */
    public static void encodeRaw(DbcSignal signal, long raw, byte[] data) {
        long mask = signal.mask();
        int step = signal.shiftStep();
        int shift = signal.shiftBase() + step * signal.firstByte();
        for (int i = signal.firstByte(); i <= signal.lastByte(); i++, shift += step) {
            long bits = shift >= 0 ? raw >>> shift : raw << -shift;
            long place = shift >= 0 ? mask >>> shift : mask << -shift;
            data[i] = (byte) ((data[i] & ~place) | (bits & place));
        }
    }

    /** The signal's physical value: {@code raw * factor + offset}, the raw value an integer, float or double. */
    public static double decode(DbcSignal signal, byte[] data) {
        long raw = decodeRaw(signal, data);
        return toPhysical(signal, raw);
    }

    private static double toPhysical(DbcSignal signal, long raw) {
        double value = switch (signal.valueType()) {
            case FLOAT -> Float.intBitsToFloat((int) raw);
            case DOUBLE -> Double.longBitsToDouble(raw);
            // an unsigned raw value of 2^63 or more: halved with its last bit kept as a sticky bit, which rounds
            // it to a double as the whole value would be
            case INTEGER -> signal.isSigned() || raw >= 0 ? raw : ((raw >>> 1) | (raw & 1)) * 2.0;
        };
        return value * signal.factor() + signal.offset();
    }

    /**
     * Writes {@code physical} into the signal's place, rounded to the nearest raw value and clamped to what the
     * signal can carry (see the range policy above).
     *
     * @return whether the value had to be clamped
     */
    public static boolean encode(DbcSignal signal, double physical, byte[] data) {
        boolean clamped = false;
        double value = physical;
        if (signal.hasRange()) {
            if (value < signal.minimum()) {
                value = signal.minimum();
                clamped = true;
            } else if (value > signal.maximum()) {
                value = signal.maximum();
                clamped = true;
            }
        }
        double scaled = (value - signal.offset()) / signal.factor();
        long raw;
        switch (signal.valueType()) {
            case FLOAT -> {
                if (Math.abs(scaled) > Float.MAX_VALUE && !Double.isInfinite(value)) {
                    scaled = Math.copySign(Float.MAX_VALUE, scaled);
                    clamped = true;
                }
                raw = Float.floatToRawIntBits((float) scaled) & 0xFFFF_FFFFL;
            }
            case DOUBLE -> raw = Double.doubleToRawLongBits(scaled);
            default -> {
                if (Double.isNaN(scaled)) {
                    encodeRaw(signal, 0, data);
                    return true;
                }
                double rounded = Math.rint(scaled);
                int bits = signal.bitLength();
                // the raw range as exact powers of two: [-2^(n-1), 2^(n-1)) signed, [0, 2^n) unsigned
                double low = signal.isSigned() ? -Math.scalb(1.0, bits - 1) : 0;
                double highExclusive = Math.scalb(1.0, signal.isSigned() ? bits - 1 : bits);
                if (rounded < low) {
                    raw = signal.isSigned() ? -(1L << (bits - 1)) : 0;
                    clamped = true;
                } else if (rounded >= highExclusive) {
                    raw = signal.isSigned() ? (1L << (bits - 1)) - 1 : signal.mask();
                    clamped = true;
                } else {
                    raw = rounded >= TWO_TO_63 ? (long) (rounded - TWO_TO_63) | Long.MIN_VALUE : (long) rounded;
                }
            }
        }
        encodeRaw(signal, raw, data);
        return clamped;
    }

    /**
     * Whether the signal is in this frame: always for a plain signal; for a multiplexed one, when its multiplexer
     * (and that one's, when cascaded) is in the frame and selects it. Allocates nothing.
     */
    public static boolean isPresent(DbcSignal signal, byte[] data, int length) {
        if (signal.bytesNeeded() > length) {
            return false;
        }
        for (DbcSignal s = signal; s.selectedBy() != null; s = s.selectedBy()) {
            DbcSignal multiplexer = s.selectedBy();
            if (multiplexer.bytesNeeded() > length || !s.isSelectedBy(decodeRaw(multiplexer, data))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The signals a frame of {@code length} bytes of {@code message} carries (see {@link #isPresent}), put in
     * {@code into} (at least as long as the message's signals) in no particular order; returns how many. Looks at
     * the multiplexers' values instead of every signal, and allocates nothing.
     */
    public static int presentSignals(DbcMessage message, byte[] data, int length, DbcSignal[] into) {
        if (into.length < message.signals().size()) {
            throw new IllegalArgumentException("room for " + into.length + " signals, message " + message.name()
                    + " has " + message.signals().size());
        }
        return message.presentSignals(data, length, into);
    }

    /**
     * The physical values of the signals present in a frame of {@code length} bytes, in the file's order: the
     * signals a shorter frame does not reach and the ones its multiplexers do not select are left out.
     */
    public static Map<String, Double> decode(DbcMessage message, byte[] data, int length) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (DbcSignal signal : message.signals()) {
            if (isPresent(signal, data, length)) {
                values.put(signal.name(), decode(signal, data));
            }
        }
        return values;
    }

    /**
     * A payload of the message's length with these physical values; signals not given are raw 0. Refuses (an
     * {@link IllegalArgumentException} naming the signal) a name the message does not have, a value the signal
     * cannot carry, and a multiplexed signal that the given multiplexer values do not select.
     */
    public static byte[] encode(DbcMessage message, Map<String, ? extends Number> physicalValues) {
        byte[] data = new byte[message.length()];
        for (Map.Entry<String, ? extends Number> entry : physicalValues.entrySet()) {
            DbcSignal signal = signalOf(message, entry.getKey());
            double value = entry.getValue().doubleValue();
            if (encode(signal, value, data)) {
                throw new IllegalArgumentException("signal " + message.name() + "." + signal.name() + ": " + value
                        + " is outside what it carries, " + rangeOf(signal));
            }
        }
        for (String name : physicalValues.keySet()) {
            DbcSignal signal = signalOf(message, name);
            if (!isPresent(signal, data, data.length)) {
                DbcSignal multiplexer = signal.selectedBy();
                throw new IllegalArgumentException("signal " + message.name() + "." + name + " is not in this frame: "
                        + "its multiplexer " + multiplexer.name() + " is " + decodeRaw(multiplexer, data)
                        + " (or not selected itself)");
            }
        }
        return data;
    }

    private static DbcSignal signalOf(DbcMessage message, String name) {
        return message.signal(name).orElseThrow(() -> new IllegalArgumentException("message " + message.name()
                + " has no signal " + name + "; it has " + message.signals().stream().map(DbcSignal::name).toList()));
    }

    /** In words: the file's [min|max] and the physical values of the raw bits' ends. */
    static String rangeOf(DbcSignal signal) {
        String bits = signal.bitLength() + "-bit " + (signal.valueType() != DbcSignal.ValueType.INTEGER
                ? signal.valueType().name().toLowerCase() : signal.isSigned() ? "signed" : "unsigned");
        String range = signal.hasRange() ? "[" + signal.minimum() + "|" + signal.maximum() + "]"
                + (signal.unit().isEmpty() ? "" : " " + signal.unit()) + " in " : "";
        return range + bits + " raw with factor " + signal.factor() + " and offset " + signal.offset();
    }
}
