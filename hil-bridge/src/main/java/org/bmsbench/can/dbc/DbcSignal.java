package org.bmsbench.can.dbc;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bmsbench.can.CanFdLengths;

/**
 * One signal of a DBC message ({@code SG_}): where its bits are, how its raw value reads, how the raw value scales
 * to the physical one ({@code physical = raw * factor + offset}), and, in a multiplexed message, which multiplexer
 * values select it. Its bit layout is worked out once here, so {@link DbcCodec} reads and writes it without
 * allocating.
 */
public final class DbcSignal {
    /** DBC's {@code @1} (Intel, little-endian) and {@code @0} (Motorola, big-endian). */
    public enum ByteOrder { LITTLE_ENDIAN, BIG_ENDIAN }

    /** The raw bits as an integer, or ({@code SIG_VALTYPE_} 1 and 2) an IEEE 754 float or double. */
    public enum ValueType { INTEGER, FLOAT, DOUBLE }

    private final String name;
    private final int startBit;
    private final int bitLength;
    private final ByteOrder byteOrder;
    private final boolean signed;
    private final ValueType valueType;
    private final double factor;
    private final double offset;
    private final double minimum;
    private final double maximum;
    private final String unit;
    private final List<String> receivers;
    private final boolean multiplexer;
    private final DbcSignal selectedBy;
    private final long[] selectingRanges;
    private final SortedMap<Long, String> valueDescriptions;
    private final String comment;
    private final Map<String, String> attributes;

    // the layout: byte i of the payload holds bits that sit at `shiftBase + shiftStep * i` in the raw value
    // (a negative shift: the byte's low bits are below the signal's least significant bit)
    private final int firstByte;
    private final int lastByte;
    private final int shiftBase;
    private final int shiftStep;
    private final long mask;

    /**
     * @param startBit        DBC's start bit: the least significant bit for Intel, the most significant one for
     *                        Motorola, both numbered {@code byte * 8 + bit} (bit 0 the byte's least significant)
     * @param multiplexer     whether this signal selects others ({@code M}, or {@code mNM} when cascaded)
     * @param selectedBy      the multiplexer that selects this signal, or null when it is always present
     * @param selectingRanges inclusive ranges {@code [lo0, hi0, lo1, hi1, ...]} of {@code selectedBy}'s raw value
     *                        that select this signal; empty when {@code selectedBy} is null
     */
    public DbcSignal(String name, int startBit, int bitLength, ByteOrder byteOrder, boolean signed,
            ValueType valueType, double factor, double offset, double minimum, double maximum, String unit,
            List<String> receivers, boolean multiplexer, DbcSignal selectedBy, long[] selectingRanges,
            Map<Long, String> valueDescriptions, String comment, Map<String, String> attributes) {
        if (bitLength < 1 || bitLength > 64) {
            throw new IllegalArgumentException("signal " + name + ": length " + bitLength + " bits, expected 1-64");
        }
        if (startBit < 0 || startBit >= CanFdLengths.MAX_LENGTH * 8) {
            throw new IllegalArgumentException("signal " + name + ": start bit " + startBit + ", expected 0-"
                    + (CanFdLengths.MAX_LENGTH * 8 - 1));
        }
        if (valueType == ValueType.FLOAT && bitLength != 32 || valueType == ValueType.DOUBLE && bitLength != 64) {
            throw new IllegalArgumentException("signal " + name + ": a " + valueType.name().toLowerCase()
                    + " needs " + (valueType == ValueType.FLOAT ? 32 : 64) + " bits, not " + bitLength);
        }
        if (factor == 0 || !Double.isFinite(factor) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("signal " + name + ": factor " + factor + " and offset " + offset
                    + ", expected a finite non-zero factor and a finite offset");
        }
        if (Double.isNaN(minimum) || Double.isNaN(maximum)) {
            throw new IllegalArgumentException("signal " + name + ": minimum and maximum must be numbers");
        }
        if ((selectedBy == null) != (selectingRanges.length == 0) || selectingRanges.length % 2 != 0) {
            throw new IllegalArgumentException("signal " + name + ": a multiplexer needs its selecting values");
        }
        if (selectedBy != null && !selectedBy.multiplexer) {
            throw new IllegalArgumentException("signal " + name + " is selected by " + selectedBy.name
                    + ", which is not a multiplexer");
        }
        this.name = name;
        this.startBit = startBit;
        this.bitLength = bitLength;
        this.byteOrder = byteOrder;
        this.signed = signed;
        this.valueType = valueType;
        this.factor = factor;
        this.offset = offset;
        this.minimum = minimum;
        this.maximum = maximum;
        this.unit = unit;
        this.receivers = List.copyOf(receivers);
        this.multiplexer = multiplexer;
        this.selectedBy = selectedBy;
        this.selectingRanges = selectingRanges.clone();
        this.valueDescriptions = new TreeMap<>(valueDescriptions);
        this.comment = comment;
        this.attributes = Map.copyOf(attributes);
        if (byteOrder == ByteOrder.LITTLE_ENDIAN) {
            firstByte = startBit / 8;
            lastByte = (startBit + bitLength - 1) / 8;
            shiftBase = -startBit;
            shiftStep = 8;
        } else {
            // Motorola numbers bits in a sawtooth: within a byte downwards, then on to the next byte's bit 7.
            // Counted from the payload's first bit in transmission order, the signal is one straight run.
            int msb = startBit / 8 * 8 + 7 - startBit % 8;
            int lsb = msb + bitLength - 1;
            firstByte = msb / 8;
            lastByte = lsb / 8;
            shiftBase = lsb - 7;
            shiftStep = -8;
        }
        if (lastByte >= CanFdLengths.MAX_LENGTH) {
            throw new IllegalArgumentException("signal " + name + " ends beyond byte " + CanFdLengths.MAX_LENGTH);
        }
        mask = bitLength == 64 ? -1L : (1L << bitLength) - 1;
    }

    public String name() {
        return name;
    }

    public int startBit() {
        return startBit;
    }

    public int bitLength() {
        return bitLength;
    }

    public ByteOrder byteOrder() {
        return byteOrder;
    }

    public boolean isSigned() {
        return signed;
    }

    public ValueType valueType() {
        return valueType;
    }

    public double factor() {
        return factor;
    }

    public double offset() {
        return offset;
    }

    public double minimum() {
        return minimum;
    }

    public double maximum() {
        return maximum;
    }

    /**
     * Whether the file gives this signal a physical range: DBC writes {@code [0|0]} for none (and a minimum
     * above the maximum means none either).
     */
    public boolean hasRange() {
        return !(minimum == 0 && maximum == 0) && minimum <= maximum;
    }

    public String unit() {
        return unit;
    }

    public List<String> receivers() {
        return receivers;
    }

    /** Whether this signal's value selects other signals of its message. */
    public boolean isMultiplexer() {
        return multiplexer;
    }

    /** The multiplexer that selects this signal, or null when the signal is in every frame of its message. */
    public DbcSignal selectedBy() {
        return selectedBy;
    }

    /** Whether multiplexer value {@code raw} selects this signal (always false for a signal not multiplexed). */
    public boolean isSelectedBy(long raw) {
        for (int i = 0; i < selectingRanges.length; i += 2) {
            if (raw >= selectingRanges[i] && raw <= selectingRanges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The multiplexer values selecting this signal as inclusive ranges {@code [lo0, hi0, lo1, hi1, ...]}. */
    public long[] selectingRanges() {
        return selectingRanges.clone();
    }

    /** The value table ({@code VAL_}): raw value to its name, e.g. 0 "Disabled", 1 "Enabled". */
    public SortedMap<Long, String> valueDescriptions() {
        return Collections.unmodifiableSortedMap(valueDescriptions);
    }

    /** The signal's {@code CM_}, empty when it has none. */
    public String comment() {
        return comment;
    }

    /** The signal's attributes ({@code BA_ ... SG_}), with their defaults; enum values by their name. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** The payload length in bytes this signal needs to be complete. */
    public int bytesNeeded() {
        return lastByte + 1;
    }

    int firstByte() {
        return firstByte;
    }

    int lastByte() {
        return lastByte;
    }

    int shiftBase() {
        return shiftBase;
    }

    int shiftStep() {
        return shiftStep;
    }

    long mask() {
        return mask;
    }

    @Override
    public String toString() {
        return name + " " + startBit + "|" + bitLength + "@" + (byteOrder == ByteOrder.LITTLE_ENDIAN ? 1 : 0)
                + (signed ? "-" : "+");
    }
}
