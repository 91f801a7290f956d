package org.bmsbench.can.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicInteger;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.dbc.DbcCodec;
import org.bmsbench.can.dbc.DbcMessage;
import org.bmsbench.port.ContactorId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sensor port against frames written by hand: rounds, errors, bad input. */
class CanSensorPortTest {
    private static final long MS = 1_000_000L;
    private static final AtomicInteger TESTS = new AtomicInteger();
    private final String name = "virtual:sensor-port-" + TESTS.incrementAndGet();
    private final CanBus device = CanBuses.open(name);
    private final CanBus bms = CanBuses.open(name);
    private final SensorMessages messages = new SensorMessages(6, 2, 1);
    private final CanSensorPort port = new CanSensorPort(bms, new CanSensorPort.Layout(6, 2, 1));
    private final byte[] data = new byte[8];

    @AfterEach
    void close() {
        device.close();
        bms.close();
    }

    private void send(DbcMessage message, int length) {
        device.send(new CanFrame().set(message.id(), false, data, length));
        java.util.Arrays.fill(data, (byte) 0);
    }

    /** Frame {@code m} of AFE_CellVoltages with every cell in it at {@code mv}, channel {@code invalid} flagged. */
    private void cellFrame(int m, double mv, int invalid) {
        DbcCodec.encodeRaw(messages.cellMux, m, data);
        for (int c = 4 * m; c < Math.min(6, 4 * m + 4); c++) {
            DbcCodec.encode(messages.cellValueMv[c], mv, data);
            DbcCodec.encodeRaw(messages.cellInvalid[c], c == invalid ? 1 : 0, data);
        }
        send(messages.cellVoltages, 8);
    }

    @Test
    void shouldMakeAConversionOfAWholeRoundOnly() {
        cellFrame(0, 3700, -1);
        port.poll(MS);
        assertThat(port.latest().sequence()).as("half a round").isZero();
        cellFrame(1, 3700, 5);
        port.poll(2 * MS);
        assertThat(port.latest().sequence()).isEqualTo(1);
        assertThat(port.latest().cellTimestampNs()).isEqualTo(2 * MS);
        assertThat(port.latest().cellVoltageV(0)).isCloseTo(3.7, within(1e-9));
        assertThat(port.latest().cellVoltageV(5)).as("flagged invalid").isNaN();
        // a round whose second frame is lost: dropped when the next begins, never half applied
        cellFrame(0, 3800, -1);
        cellFrame(0, 3900, -1);
        cellFrame(1, 3900, -1);
        port.poll(3 * MS);
        assertThat(port.stats().incompleteRounds()).isEqualTo(1);
        assertThat(port.latest().sequence()).isEqualTo(2);
        assertThat(port.latest().cellVoltageV(0)).isCloseTo(3.9, within(1e-9));
    }

    @Test
    void shouldTakeTheCellSensorsThenTheBoardsFromTheTemperatureRound() {
        DbcCodec.encodeRaw(messages.temperatureMux, 0, data);
        DbcCodec.encode(messages.temperatureValueC[0], 25, data);
        DbcCodec.encode(messages.temperatureValueC[1], -10, data);
        DbcCodec.encode(messages.temperatureValueC[2], 41, data);
        send(messages.cellTemperatures, 8);
        port.poll(MS);
        assertThat(port.latest().temperatureC(0)).isEqualTo(25);
        assertThat(port.latest().temperatureC(1)).isEqualTo(-10);
        assertThat(port.latest().boardTemperatureC(0)).isEqualTo(41);
    }

    @Test
    void shouldReadTheIvtAndTheIsolationMonitorWithTheirErrorFlags() {
        DbcCodec.encode(messages.current.value, -12_345, data); // mA: charging
        send(messages.current.message, 6);
        DbcCodec.encode(messages.packVoltage.value, 22_200, data);
        send(messages.packVoltage.message, 6);
        DbcCodec.encode(messages.isolationKohm, 850, data);
        send(messages.isolation, 6);
        port.poll(5 * MS);
        assertThat(port.latest().packCurrentA()).isCloseTo(-12.345, within(1e-9));
        assertThat(port.latest().timestampNs()).isEqualTo(5 * MS);
        assertThat(port.latest().packVoltageV()).isCloseTo(22.2, within(1e-9));
        assertThat(port.latest().isolationResistanceOhm()).isCloseTo(850_000, within(1e-6));
        DbcCodec.encode(messages.current.value, 1_000, data);
        DbcCodec.encodeRaw(messages.current.errors[2], 1, data); // channel error
        send(messages.current.message, 6);
        DbcCodec.encodeRaw(messages.isolationOutdated, 1, data);
        send(messages.isolation, 6);
        port.poll(6 * MS);
        assertThat(port.latest().packCurrentA()).isNaN();
        assertThat(port.latest().isolationResistanceOhm()).isNaN();
    }

    @Test
    void shouldCountWhatItCannotUse() {
        send(messages.current.message, 5); // one byte short
        DbcCodec.encodeRaw(messages.cellMux, 7, data); // a multiplexer value past this pack's two frames
        send(messages.cellVoltages, 8);
        DbcCodec.encodeRaw(messages.infoCells, 96, data);
        send(messages.boardInfo, 8);
        port.poll(MS);
        assertThat(port.stats().malformed()).isEqualTo(2);
        assertThat(port.stats().wrongLayout()).isEqualTo(1);
        assertThat(port.latest().packCurrentA()).isNaN();
    }

    @Test
    void shouldCommandTheCoilsOnChangeAndEveryHundredMilliseconds() {
        CanFrame in = new CanFrame();
        port.poll(0);
        assertThat(device.receive(in)).as("the first poll's command").isTrue();
        assertThat(in.id()).isEqualTo(messages.contactorCommand.id());
        port.commandContactor(ContactorId.PRECHARGE, true);
        assertThat(device.receive(in)).isTrue();
        assertThat(DbcCodec.decodeRaw(messages.coil[ContactorId.PRECHARGE.ordinal()], in.data())).isEqualTo(1);
        port.poll(50 * MS);
        assertThat(device.receive(in)).as("nothing due at 50 ms").isFalse();
        port.poll(100 * MS);
        assertThat(device.receive(in)).as("the refresh").isTrue();
        assertThat(DbcCodec.decodeRaw(messages.coil[ContactorId.PRECHARGE.ordinal()], in.data())).isEqualTo(1);
    }

    @Test
    void shouldRefuseAPackFoxbmsFramesCannotHold() {
        assertThatThrownBy(() -> new SensorMessages(217, 10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("foxBMS's AFE_CellVoltages has no CellVoltage_216: 217 cells do not fit its"
                        + " multiplexed frames");
        assertThatThrownBy(() -> new SensorMessages(96, 170, 11)).hasMessageContaining("170 temperature sensors and"
                + " 11 boards do not fit");
    }
}
