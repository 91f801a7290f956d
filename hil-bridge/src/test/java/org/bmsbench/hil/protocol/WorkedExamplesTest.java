package org.bmsbench.hil.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bmsbench.port.ContactorId;
import org.bmsbench.port.Measurements;
import org.junit.jupiter.api.Test;

/**
 * The example frames of docs/hil-protocol.md, byte for byte (their CRCs were checked against an independent
 * CRC-32C), and back.
 */
class WorkedExamplesTest {
    static final String HEARTBEAT = "03 01 02 01 03 E8 03 01 05 FB B7 5B 27 00";
    static final String CONTACTOR = "04 01 21 07 01 06 01 A1 F6 C8 70 00";
    static final String BALANCE = "04 01 20 08 03 D0 07 02 0C 02 05 05 5C CD D1 DE 00";
    static final String MEASUREMENT = "04 01 10 2A 04 60 E3 16 01 01 01 01 02 96 01 01 02 04 02 04 02 02 0B 01 94 90"
            + " 86 90 FF FF 8D 90 FD 0B D3 FF 36 01 C7 CF FF FF D2 39 01 03 C6 39 01 05 03 A0 25 26 05 B7 A3 6A 85 00";

    private final FrameEncoder encoder = new FrameEncoder();

    @Test
    void shouldEncodeTheHeartbeatExample() {
        Messages.heartbeat(encoder, 1000);
        assertThat(Hex.of(encoder.wire(), encoder.finish(0))).isEqualTo(HEARTBEAT);
    }

    @Test
    void shouldEncodeTheContactorExample() {
        Messages.contactor(encoder, ContactorId.MAIN_POSITIVE.wireCode(), true);
        assertThat(Hex.of(encoder.wire(), encoder.finish(7))).isEqualTo(CONTACTOR);
    }

    @Test
    void shouldEncodeTheBalanceExample() {
        Messages.balance(encoder, 2000, 0, new byte[] {0x05, 0x00}, 12); // the first and third of 12 cells
        assertThat(Hex.of(encoder.wire(), encoder.finish(8))).isEqualTo(BALANCE);
    }

    @Test
    void shouldEncodeAndDecodeTheMeasurementExample() {
        Measurements m = example();
        MeasurementCodec.encode(encoder, m, 1_500_000L, 150, MeasurementCodec.STATUS_SIMULATED);
        assertThat(Hex.of(encoder.wire(), encoder.finish(42))).isEqualTo(MEASUREMENT);

        Measurements back = new Measurements(4, 2, 1);
        MeasurementCodec codec = new MeasurementCodec();
        int[] seen = new int[2];
        FrameDecoder decoder = new FrameDecoder((type, seq, buf, offset, length) -> {
            seen[0] = type;
            seen[1] = seq;
            assertThat(codec.decode(buf, offset, length, back, 77L)).isEqualTo(MeasurementCodec.Result.NEW_CONVERSION);
        });
        byte[] wire = Hex.bytes(MEASUREMENT);
        decoder.accept(wire, 0, wire.length);

        assertThat(seen).containsExactly(MessageType.MEASUREMENT.wireCode(), 42);
        assertThat(codec.boardTimeUs()).isEqualTo(1_500_000L);
        assertThat(codec.status()).isEqualTo(MeasurementCodec.STATUS_SIMULATED);
        assertThat(back.cellVoltageV(0)).isCloseTo(3.7012, within(1e-9));
        assertThat(back.cellVoltageV(2)).isNaN();
        assertThat(back.temperatureC(1)).isCloseTo(-4.5, within(1e-9));
        assertThat(back.boardTemperatureC(0)).isCloseTo(31.0, within(1e-9));
        assertThat(back.packCurrentA()).isCloseTo(-12.345, within(1e-9));
        assertThat(back.packVoltageV()).isCloseTo(14.802, within(1e-9)); // 14.8015 V rounds to the mV
        assertThat(back.contactorClosed(ContactorId.MAIN_NEGATIVE)).isTrue();
        assertThat(back.contactorClosed(ContactorId.PRECHARGE)).isFalse();
        assertThat(back.isolationResistanceOhm()).isEqualTo(2.5e6);
        assertThat(back.sequence()).isEqualTo(1);
        assertThat(back.cellTimestampNs()).isEqualTo(77L);
    }

    @Test
    void shouldFitA96CellReportAt100HzInAThirdOf921600Baud() {
        int wire = MeasurementCodec.wireBytes(96, 32, 8);
        assertThat(wire).isEqualTo(319);
        double bitsPerSecond = wire * 10.0 * 100; // 8N1: ten bits a byte
        assertThat(bitsPerSecond / 921_600).isLessThan(0.35);
    }

    static Measurements example() {
        Measurements m = new Measurements(4, 2, 1);
        m.setCellVoltageV(0, 3.7012);
        m.setCellVoltageV(1, 3.6998);
        m.setCellVoltageV(2, Double.NaN);
        m.setCellVoltageV(3, 3.7005);
        m.setTemperatureC(0, 25.3);
        m.setTemperatureC(1, -4.5);
        m.setBoardTemperatureC(0, 31.0);
        m.setPackCurrentA(-12.345);
        m.setPackVoltageV(14.8015);
        m.setLinkVoltageV(14.79);
        m.setContactorClosed(ContactorId.MAIN_POSITIVE, true);
        m.setContactorClosed(ContactorId.MAIN_NEGATIVE, true);
        m.setIsolationResistanceOhm(2.5e6);
        return m;
    }
}
