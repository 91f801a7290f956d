package org.bmsbench.can.dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bmsbench.can.CanFdLengths;
import org.bmsbench.can.dbc.DbcSignal.ValueType;
import org.junit.jupiter.api.Test;

class DbcCodecTest {
    private static byte[] hex(String bytes) {
        return HexFormat.ofDelimiter(" ").parseHex(bytes);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    /**
     * motohawk.dbc's ExampleMessage, all Motorola: Enable 7|1 is byte 0 bit 7; AverageRadius 6|6 (0.1 m) is byte 0
     * bits 6..1; Temperature 0|12 signed (0.01, 250 degK) starts at byte 0 bit 0 (its sign bit) and runs on
     * through byte 1 and byte 2's bits 7..5.
     * Temperature 244.00 degK: raw (244 - 250) / 0.01 = -600, in 12 bits 4096 - 600 = 3496 = 0xDA8
     * = 1101 1010 1000. Byte 0 = Enable 1, radius 3.2 m (raw 32 = 100000), sign bit 1 = 1 100000 1 = 0xC1;
     * byte 1 = bits 10..3 = 1011 0101 = 0xB5; byte 2 = bits 2..0 (000) in bits 7..5 = 0x00.
     */
    @Test
    void shouldDecodeAMotorolaSignedSignalWorkedByHand() {
        DbcMessage example = DbcFiles.read("cantools-tests/motohawk.dbc").message(496, false);
        byte[] frame = hex("C1 B5 00 00 00 00 00 00");
        DbcSignal temperature = example.signal("Temperature").orElseThrow();
        assertThat(DbcCodec.decodeRaw(temperature, frame)).isEqualTo(-600);
        assertThat(DbcCodec.decode(example, frame, 8)).containsOnlyKeys("Temperature", "AverageRadius", "Enable");
        assertThat(DbcCodec.decode(temperature, frame)).isCloseTo(244.00, within(1e-9));
        assertThat(DbcCodec.decode(example.signal("AverageRadius").orElseThrow(), frame)).isCloseTo(3.2, within(1e-9));
        assertThat(DbcCodec.decode(example.signal("Enable").orElseThrow(), frame)).isEqualTo(1);
        assertThat(hex(DbcCodec.encode(example, Map.of("Temperature", 244.0, "AverageRadius", 3.2, "Enable", 1))))
                .isEqualTo("C1 B5 00 00 00 00 00 00");
    }

    /**
     * foxBMS's f_PackValuesP0 (0x233), four signed Motorola signals back to back:
     * BatteryVoltage 7|15 (0.1 V) = byte 0, byte 1 bits 7..1; BusVoltage 8|15 (0.1 V) = byte 1 bit 0, byte 2,
     * byte 3 bits 7..2; Power 25|17 (0.01 kW) = byte 3 bits 1..0, byte 4, byte 5 bits 7..1; Current 40|17 (0.01 A)
     * = byte 5 bit 0, bytes 6 and 7.
     * 400.0 V = raw 4000 = 000 1111 1010 0000: byte 0 = 0x1F, byte 1 = 0100000 << 1 = 0x40.
     * 399.5 V = raw 3995 = 000 1111 1001 1011: byte 1 bit 0 = 0, byte 2 = 0011 1110 = 0x3E, byte 3 = 011011 << 2.
     * -4.93 kW = raw -493 = 2^17 - 493 = 0x1FE13 = 1 1111 1110 0001 0011: byte 3 |= 11 -> 0x6F, byte 4 = 0xFC,
     * byte 5 = 0010011 << 1 = 0x26. -12.34 A = raw -1234 = 0x1FB2E: byte 5 |= 1 -> 0x27, byte 6 = 0xFB, byte 7 = 0x2E.
     */
    @Test
    void shouldDecodeFoxBmsPackValuesWorkedByHand() {
        DbcMessage packValues = DbcFiles.read("foxbms/foxbms.dbc").message("f_PackValuesP0").orElseThrow();
        byte[] frame = hex("1F 40 3E 6F FC 27 FB 2E");
        Map<String, Double> values = DbcCodec.decode(packValues, frame, 8);
        assertThat(values.get("BatteryVoltage")).isCloseTo(400.0, within(1e-9));
        assertThat(values.get("BusVoltage")).isCloseTo(399.5, within(1e-9));
        assertThat(values.get("Power")).isCloseTo(-4.93, within(1e-9));
        assertThat(values.get("Current")).isCloseTo(-12.34, within(1e-9));
        assertThat(hex(DbcCodec.encode(packValues, Map.of("BatteryVoltage", 400.0, "BusVoltage", 399.5,
                "Power", -4.93, "Current", -12.34)))).isEqualTo("1F 40 3E 6F FC 27 FB 2E");
    }

    /**
     * Intel, unsigned, across a byte boundary and not byte-aligned: padding_bit_order.dbc's MSG1 has E 0|1 and
     * F 1|15, so F is byte 0's bits 7..1 (low 7 bits of F) and byte 1 (high 8 bits).
     * Bytes 03 80: E = 1; F = (0x03 >> 1) | (0x80 << 7) = 0x0001 | 0x4000 = 16385.
     * abs.dbc's Yaw_Rate 0|16 (0.005, -163.84 deg/s): bytes 00 80 = raw 0x8000 = 32768, 32768 * 0.005 - 163.84 = 0.
     * Bytes 9A 01 = raw 0x019A = 410: 410 * 0.005 - 163.84 = -161.79.
     */
    @Test
    void shouldDecodeIntelSignalsAcrossByteBoundariesWorkedByHand() {
        DbcMessage msg1 = DbcFiles.read("cantools-tests/padding_bit_order.dbc").message("MSG1").orElseThrow();
        byte[] frame = hex("03 80 00 00 00 00 00 00");
        assertThat(DbcCodec.decode(msg1.signal("E").orElseThrow(), frame)).isEqualTo(1);
        assertThat(DbcCodec.decodeRaw(msg1.signal("F").orElseThrow(), frame)).isEqualTo(16385);
        assertThat(hex(DbcCodec.encode(msg1, Map.of("E", 1, "F", 16385)))).isEqualTo("03 80 00 00 00 00 00 00");

        DbcSignal yawRate = DbcFiles.read("cantools-tests/abs.dbc").message(112, false).signal("Yaw_Rate")
                .orElseThrow();
        assertThat(DbcCodec.decode(yawRate, hex("00 80 00 00 00 00 00 00"))).isCloseTo(0.0, within(1e-9));
        assertThat(DbcCodec.decode(yawRate, hex("9A 01 00 00 00 00 00 00"))).isCloseTo(-161.79, within(1e-9));
    }

    /**
     * floating_point.dbc: Message2's Signal1 0|32 and Signal2 32|32 are IEEE floats (SIG_VALTYPE_ 1), little-endian.
     * 1.5f = 0x3FC00000 -> 00 00 C0 3F; -2.25f = 0xC0100000 -> 00 00 10 C0. Message1's Signal1 0|64 is a double
     * (SIG_VALTYPE_ 2): 1.0 = 0x3FF0000000000000 -> 00 00 00 00 00 00 F0 3F.
     */
    @Test
    void shouldDecodeFloatsWorkedByHand() {
        DbcDatabase floats = DbcFiles.read("cantools-tests/floating_point.dbc");
        DbcMessage message2 = floats.message(1025, false);
        assertThat(DbcCodec.decode(message2, hex("00 00 C0 3F 00 00 10 C0"), 8))
                .containsEntry("Signal1", 1.5).containsEntry("Signal2", -2.25);
        assertThat(hex(DbcCodec.encode(message2, Map.of("Signal1", 1.5, "Signal2", -2.25))))
                .isEqualTo("00 00 C0 3F 00 00 10 C0");
        assertThat(DbcCodec.decode(floats.message(1024, false), hex("00 00 00 00 00 00 F0 3F"), 8))
                .containsEntry("Signal1", 1.0);
    }

    /**
     * foxBMS's f_CellVoltages (0x250): the multiplexer f_CellVoltages_Mux 7|8 is byte 0; with it at 1 the frame
     * carries cells 4-7. CellVoltage_004 m1 11|13 (mV) = byte 1 bits 3..0, byte 2, byte 3 bit 7; its invalid
     * flag 12|1 = byte 1 bit 4; CellVoltage_005 m1 30|13 = byte 3 bits 6..0, byte 4 bits 7..2.
     * 3700 mV = 0 1110 0111 0100: byte 1 = 0111 = 0x07, byte 2 = 0011 1010 = 0x3A, byte 3 bit 7 = 0.
     * 3650 mV = 0 1110 0100 0010: byte 3 bits 6..0 = 0111001 -> 0x39, byte 4 = 000010 << 2 = 0x08.
     */
    @Test
    void shouldDecodeAMultiplexedMessageWorkedByHand() {
        DbcMessage cells = DbcFiles.read("foxbms/foxbms.dbc").message("f_CellVoltages").orElseThrow();
        byte[] frame = hex("01 07 3A 39 08 00 00 00");
        Map<String, Double> values = DbcCodec.decode(cells, frame, 8);
        assertThat(values).containsEntry("f_CellVoltages_Mux", 1.0).containsEntry("CellVoltage_004", 3700.0)
                .containsEntry("CellVoltage_005", 3650.0).containsEntry("CellVoltage_006", 0.0)
                .containsEntry("CellVoltage_004_invalidFlag", 0.0).doesNotContainKey("CellVoltage_000")
                .hasSize(1 + 8); // the multiplexer, 4 voltages and their 4 flags
        assertThat(DbcCodec.isPresent(cells.signal("CellVoltage_000").orElseThrow(), frame, 8)).isFalse();
        assertThat(hex(DbcCodec.encode(cells, Map.of("f_CellVoltages_Mux", 1, "CellVoltage_004", 3700,
                "CellVoltage_005", 3650)))).isEqualTo("01 07 3A 39 08 00 00 00");
    }

    @Test
    void shouldFollowCascadedMultiplexers() {
        DbcMessage cascaded = DbcFiles.read("cantools-tests/issue_184_extended_mux_cascaded.dbc").messages().get(0);
        // MUX_A 0|8 = 2 selects muxed_A_2_MUX_B 8|8, which at 1 selects muxed_B_1 24|8 (signed: 0xFB = -5)
        Map<String, Double> values = DbcCodec.decode(cascaded, hex("02 01 00 FB 00 00 00 00"), 8);
        assertThat(values).containsExactly(Map.entry("muxed_B_1", -5.0), Map.entry("muxed_A_2_MUX_B", 1.0),
                Map.entry("MUX_A", 2.0));
        // MUX_A 1 selects muxed_A_1 in the same byte; muxed_B_1 is not there, as its multiplexer is not
        assertThat(DbcCodec.decode(cascaded, hex("01 01 00 FB 00 00 00 00"), 8))
                .containsOnlyKeys("muxed_A_1", "MUX_A");
        assertThatThrownBy(() -> DbcCodec.encode(cascaded, Map.of("MUX_A", 1, "muxed_B_1", -5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("muxed_B_1 is not in this frame");
    }

    @Test
    void shouldLeaveOutSignalsAShortFrameDoesNotReach() {
        DbcMessage variable = DbcFiles.read("cantools-tests/variable_dlc.dbc").message("TestMessage1").orElseThrow();
        assertThat(DbcCodec.decode(variable, hex("01 02"), 2)).containsExactly(Map.entry("Signal1", 1.0),
                Map.entry("Signal2", 2.0));
    }

    @Test
    void shouldClampOnTheHotPathAndRefuseInTheMapApi() {
        DbcMessage example = DbcFiles.read("cantools-tests/motohawk.dbc").message(496, false);
        DbcSignal temperature = example.signal("Temperature").orElseThrow(); // [229.52|270.47] degK
        byte[] data = new byte[8];
        assertThat(DbcCodec.encode(temperature, 300.0, data)).isTrue();
        assertThat(DbcCodec.decode(temperature, data)).isCloseTo(270.47, within(1e-9));
        assertThat(DbcCodec.encode(temperature, -1e9, data)).isTrue();
        assertThat(DbcCodec.decode(temperature, data)).isCloseTo(229.52, within(1e-9));
        assertThat(DbcCodec.encode(temperature, 250.004, data)).isFalse(); // in range: rounded, not clamped
        assertThat(DbcCodec.decode(temperature, data)).isCloseTo(250.0, within(1e-9));
        assertThat(DbcCodec.encode(temperature, Double.NaN, data)).isTrue();
        assertThat(DbcCodec.decodeRaw(temperature, data)).isZero();

        // no [min|max] ([0|0]): the raw bits are the limit; signed 8 bits is -128..127
        DbcSignal foo = DbcFiles.read("cantools-tests/signed.dbc").message("Message378910").orElseThrow()
                .signal("s8").orElseThrow();
        assertThat(DbcCodec.encode(foo, 1000, data)).isTrue();
        assertThat(DbcCodec.decode(foo, data)).isEqualTo(127);
        assertThat(DbcCodec.encode(foo, -1000, data)).isTrue();
        assertThat(DbcCodec.decode(foo, data)).isEqualTo(-128);

        assertThatThrownBy(() -> DbcCodec.encode(example, Map.of("Temperature", 300.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signal ExampleMessage.Temperature: 300.0 is outside what it carries, [229.52|270.47]"
                        + " degK in 12-bit signed raw with factor 0.01 and offset 250.0");
        assertThatThrownBy(() -> DbcCodec.encode(example, Map.of("Pressure", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message ExampleMessage has no signal Pressure; it has [Temperature, AverageRadius,"
                        + " Enable]");
    }

    /**
     * CAN FD: 64-bit signals that start mid-byte span nine bytes of a 12-byte payload (DLC code 9).
     * Intel I 4|64: byte 0's bits 7..4 are the value's bits 3..0, bytes 1-7 its bits 11..4 up to 59..52, byte 8's
     * bits 3..0 its bits 63..60. 0x8123456789ABCDEF: byte 0 = F0, then DE BC 9A 78 56 34 12, byte 8 = 08.
     * Motorola M 3|64 (its most significant bit at byte 0 bit 3): byte 0 bits 3..0 = the top nibble 8, bytes 1-7 the
     * next 56 bits (12 34 56 78 9A BC DE), byte 8 bits 7..4 the last nibble F: 08 12 34 56 78 9A BC DE F0.
     */
    @Test
    void shouldSpanNineBytesOfACanFdPayloadWorkedByHand() {
        DbcDatabase fd = DbcReader.parse("fd.dbc", """
                BO_ 2147483904 Wide: 12 Node
                 SG_ I : 4|64@1+ (1,0) [0|0] "" Node
                BO_ 2147483905 WideBig: 12 Node
                 SG_ M : 3|64@0+ (1,0) [0|0] "" Node
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long raw = 0x8123456789ABCDEFL;
        DbcSignal intel = fd.message(0x100, true).signal("I").orElseThrow();
        byte[] data = new byte[CanFdLengths.lengthOf(9)];
        DbcCodec.encodeRaw(intel, raw, data);
        assertThat(hex(data)).isEqualTo("F0 DE BC 9A 78 56 34 12 08 00 00 00");
        assertThat(DbcCodec.decodeRaw(intel, data)).isEqualTo(raw);
        DbcSignal motorola = fd.message(0x101, true).signal("M").orElseThrow();
        data = new byte[12];
        DbcCodec.encodeRaw(motorola, raw, data);
        assertThat(hex(data)).isEqualTo("08 12 34 56 78 9A BC DE F0 00 00 00");
        assertThat(DbcCodec.decodeRaw(motorola, data)).isEqualTo(raw);
        // unsigned 64 bits: the raw value above 2^63 reads as the positive number it is
        assertThat(DbcCodec.decode(motorola, data)).isEqualTo(0x1.02468acf1357ap63); // 9.305357566071263E18
    }

    @Test
    void shouldWriteOnlyTheSignalsBits() {
        DbcMessage packValues = DbcFiles.read("foxbms/foxbms.dbc").message("f_PackValuesP0").orElseThrow();
        byte[] data = hex("FF FF FF FF FF FF FF FF");
        DbcCodec.encodeRaw(packValues.signal("BusVoltage").orElseThrow(), 0, data); // byte 1 bit 0 .. byte 3 bit 2
        assertThat(hex(data)).isEqualTo("FF FE 00 03 FF FF FF FF");
    }

    /**
     * Every signal of every file: in-range values (the ends of the signal's range, the middle, a negative one when
     * it is signed, floats for the float signals) encoded, then decoded to the same value within half a step.
     */
    @Test
    void shouldRoundTripEverySignalOfEveryFile() throws IOException {
        int signals = 0;
        for (Path file : DbcFiles.readable()) {
            for (DbcMessage message : DbcReader.read(file).messages()) {
                for (DbcSignal signal : message.signals()) {
                    for (double value : valuesOf(signal)) {
                        byte[] data = new byte[message.length()];
                        select(signal, data);
                        DbcCodec.encode(signal, value, data);
                        String what = file.getFileName() + " " + message.name() + "." + signal + " = " + value;
                        assertThat(DbcCodec.isPresent(signal, data, data.length)).as(what).isTrue();
                        double tolerance = signal.valueType() == ValueType.FLOAT
                                ? Math.abs(value) * 1e-7 * Math.abs(signal.factor())
                                : Math.abs(signal.factor()) / 2 + 4 * Math.ulp(Math.abs(value));
                        assertThat(DbcCodec.decode(signal, data)).as(what).isCloseTo(value, within(tolerance));
                    }
                    signals++;
                }
            }
        }
        assertThat(signals).isGreaterThan(3000);
    }

    /**
     * The index of a message's multiplexed signals finds what looking at every signal finds: for every message of
     * every file, frames selecting each signal in turn, random frames, and frames cut short.
     */
    @Test
    void shouldFindTheSignalsAFrameCarriesAsCheckingEachWould() throws IOException {
        java.util.Random random = new java.util.Random(21);
        int frames = 0;
        for (Path file : DbcFiles.readable()) {
            for (DbcMessage message : DbcReader.read(file).messages()) {
                DbcSignal[] into = new DbcSignal[message.signals().size()];
                List<byte[]> payloads = new ArrayList<>();
                for (DbcSignal signal : message.signals()) {
                    byte[] data = new byte[message.length()];
                    random.nextBytes(data);
                    select(signal, data);
                    payloads.add(data);
                }
                for (byte[] data : payloads) {
                    for (int length : new int[] {data.length, data.length / 2}) {
                        List<DbcSignal> expected = message.signals().stream()
                                .filter(s -> DbcCodec.isPresent(s, data, length)).toList();
                        int n = DbcCodec.presentSignals(message, data, length, into);
                        assertThat(java.util.Arrays.asList(into).subList(0, n)).as(message + " " + hex(data))
                                .containsExactlyInAnyOrderElementsOf(expected);
                        frames++;
                    }
                }
            }
        }
        assertThat(frames).isGreaterThan(6000);
    }

    /** Sets the multiplexers (cascaded too) to the first value that selects {@code signal}. */
    private static void select(DbcSignal signal, byte[] data) {
        DbcSignal multiplexer = signal.selectedBy();
        if (multiplexer != null) {
            select(multiplexer, data);
            DbcCodec.encodeRaw(multiplexer, signal.selectingRanges()[0], data);
        }
    }

    private static List<Double> valuesOf(DbcSignal signal) {
        List<Double> values = new ArrayList<>();
        double lo;
        double hi;
        if (signal.valueType() != ValueType.INTEGER) {
            lo = signal.hasRange() ? signal.minimum() : -1234.5625;
            hi = signal.hasRange() ? signal.maximum() : 98765.25;
        } else {
            int bits = signal.bitLength();
            double rawLo = signal.isSigned() ? -Math.scalb(1.0, bits - 1) : 0;
            double rawHi = Math.scalb(1.0, signal.isSigned() ? bits - 1 : bits) - 1;
            if (bits > 53) { // the last raw value a double holds below 2^n
                rawHi = Math.nextDown(Math.scalb(1.0, signal.isSigned() ? bits - 1 : bits));
            }
            double a = rawLo * signal.factor() + signal.offset();
            double b = rawHi * signal.factor() + signal.offset();
            lo = Math.min(a, b);
            hi = Math.max(a, b);
            if (signal.hasRange()) {
                lo = Math.max(lo, signal.minimum());
                hi = Math.min(hi, signal.maximum());
            }
            if (signal.isSigned() && lo < signal.offset() - signal.factor()
                    && signal.offset() - Math.abs(signal.factor()) <= hi) {
                values.add(signal.offset() - Math.abs(signal.factor())); // raw -1 (or +1 for a negative factor)
            }
        }
        values.add(lo);
        values.add(hi);
        values.add(lo + (hi - lo) / 3);
        return values;
    }
}
