package org.bmsbench.hil.protocol;

import org.bmsbench.port.ContactorId;
import org.bmsbench.port.Measurements;

/**
 * The MEASUREMENT message: a board's readings in fixed-point, little-endian ({@code docs/hil-protocol.md}):
 * cell voltages in 100 uV, temperatures in 0.1 degC, current in mA, voltages in mV, isolation in ohm, each
 * with a value that means "invalid". The host's decoder keeps the last conversion count, to tell new cell data
 * from a repeat. Allocates nothing.
 */
public final class MeasurementCodec {
    /** Any bleed switch is on. */
    public static final int STATUS_BALANCING = 1;
    /** The board stopped hearing the host and released the coils and bleed switches. */
    public static final int STATUS_HOST_WATCHDOG = 1 << 1;
    /** The board is a simulation. */
    public static final int STATUS_SIMULATED = 1 << 2;

    static final int INVALID_U16 = 0xFFFF;
    static final int INVALID_I16 = -0x8000;
    static final int INVALID_I32 = Integer.MIN_VALUE;
    static final int INVALID_U32 = -1;
    private static final int FIXED_BYTES = 8 + 4 + 2 + 2 + 2 + 1 + 4 + 4 + 4 + 1 + 4;

    /** What {@link #decode} found. */
    public enum Result { NEW_CONVERSION, SAME_CONVERSION, MALFORMED, WRONG_COUNTS }

    private long conversion = -1;
    private long boardTimeUs;
    private int status;

    /** The payload size for these channel counts. */
    public static int payloadBytes(int cells, int temperatures, int boards) {
        return FIXED_BYTES + 2 * (cells + temperatures + boards);
    }

    /** A whole frame on the wire for these counts, worst case for stuffing, with its delimiter. */
    public static int wireBytes(int cells, int temperatures, int boards) {
        return Cobs.maxEncodedLength(Frames.HEADER_BYTES + payloadBytes(cells, temperatures, boards)
                + Frames.CRC_BYTES) + 1;
    }

    /** Writes a MEASUREMENT of {@code m} into {@code e}; the caller finishes the frame. */
    public static void encode(FrameEncoder e, Measurements m, long boardTimeUs, long conversion, int status) {
        int cells = m.cellChannelCount();
        int temperatures = m.temperatureSensorCount();
        int boards = m.boardCount();
        e.begin(MessageType.MEASUREMENT).put64(boardTimeUs).put32((int) conversion).put16(status).put16(cells)
                .put16(temperatures).put8(boards);
        for (int c = 0; c < cells; c++) {
            e.put16(fixedU16(m.cellVoltageV(c), 1e4));
        }
        for (int t = 0; t < temperatures; t++) {
            e.put16(fixedI16(m.temperatureC(t)));
        }
        for (int b = 0; b < boards; b++) {
            e.put16(fixedI16(m.boardTemperatureC(b)));
        }
        e.put32(fixedI32(m.packCurrentA() * 1e3)).put32(fixedU32(m.packVoltageV() * 1e3))
                .put32(fixedU32(m.linkVoltageV() * 1e3));
        int contactors = 0;
        for (int k = 0; k < ContactorId.COUNT; k++) {
            ContactorId id = ContactorId.of(k);
            if (m.contactorClosed(id)) {
                contactors |= 1 << id.wireCode(); // a contactor's feedback bit is its wire code
            }
        }
        e.put8(contactors).put32(fixedU32(m.isolationResistanceOhm()));
    }

    /**
     * Reads a MEASUREMENT payload into {@code into} (which must have the same channel counts), stamping it with
     * the host's {@code nowNs}; a new conversion count completes a conversion.
     */
    public Result decode(byte[] b, int offset, int length, Measurements into, long nowNs) {
        if (length < FIXED_BYTES) {
            return Result.MALFORMED;
        }
        int cells = Bytes.u16(b, offset + 14);
        int temperatures = Bytes.u16(b, offset + 16);
        int boards = Bytes.u8(b, offset + 18);
        if (length != payloadBytes(cells, temperatures, boards)) {
            return Result.MALFORMED;
        }
        if (cells != into.cellChannelCount() || temperatures != into.temperatureSensorCount()
                || boards != into.boardCount()) {
            return Result.WRONG_COUNTS;
        }
        boardTimeUs = Bytes.i64(b, offset);
        long count = Bytes.u32(b, offset + 8);
        status = Bytes.u16(b, offset + 12);
        boolean fresh = count != conversion;
        int at = offset + 19;
        if (fresh) {
            for (int c = 0; c < cells; c++, at += 2) {
                into.setCellVoltageV(c, fromU16(Bytes.u16(b, at), 1e-4));
            }
            for (int t = 0; t < temperatures; t++, at += 2) {
                into.setTemperatureC(t, fromI16(Bytes.i16(b, at)));
            }
            for (int k = 0; k < boards; k++, at += 2) {
                into.setBoardTemperatureC(k, fromI16(Bytes.i16(b, at)));
            }
        } else {
            at += 2 * (cells + temperatures + boards);
        }
        int current = Bytes.i32(b, at);
        into.setPackCurrentA(current == INVALID_I32 ? Double.NaN : current * 1e-3);
        into.setPackVoltageV(fromU32(Bytes.i32(b, at + 4), 1e-3));
        into.setLinkVoltageV(fromU32(Bytes.i32(b, at + 8), 1e-3));
        int contactors = Bytes.u8(b, at + 12);
        for (int k = 0; k < ContactorId.COUNT; k++) {
            ContactorId id = ContactorId.of(k);
            into.setContactorClosed(id, (contactors & 1 << id.wireCode()) != 0);
        }
        into.setIsolationResistanceOhm(fromU32(Bytes.i32(b, at + 13), 1.0));
        into.setTimestampNs(nowNs);
        if (fresh) {
            conversion = count;
            into.completeConversion(nowNs);
            return Result.NEW_CONVERSION;
        }
        return Result.SAME_CONVERSION;
    }

    /** Forgets the last conversion count (a board that restarted counts from zero again). */
    public void reset() {
        conversion = -1;
    }

    /** The board's clock in the last report, us. */
    public long boardTimeUs() {
        return boardTimeUs;
    }

    /** The status bits of the last report. */
    public int status() {
        return status;
    }

    static int fixedU16(double v, double scale) {
        if (Double.isNaN(v)) {
            return INVALID_U16;
        }
        return (int) Math.max(0, Math.min(0xFFFE, Math.round(v * scale)));
    }

    static int fixedI16(double v) {
        if (Double.isNaN(v)) {
            return INVALID_I16;
        }
        return (int) Math.max(-0x7FFF, Math.min(0x7FFF, Math.round(v * 10)));
    }

    static int fixedI32(double v) {
        if (Double.isNaN(v)) {
            return INVALID_I32;
        }
        return (int) Math.max(-Integer.MAX_VALUE, Math.min(Integer.MAX_VALUE, Math.round(v)));
    }

    static int fixedU32(double v) {
        if (Double.isNaN(v)) {
            return INVALID_U32;
        }
        return (int) Math.max(0, Math.min(0xFFFF_FFFEL, Math.round(v)));
    }

    private static double fromU16(int raw, double scale) {
        return raw == INVALID_U16 ? Double.NaN : raw * scale;
    }

    private static double fromI16(int raw) {
        return raw == INVALID_I16 ? Double.NaN : raw * 0.1;
    }

    private static double fromU32(int raw, double scale) {
        return raw == INVALID_U32 ? Double.NaN : (raw & 0xFFFF_FFFFL) * scale;
    }
}
