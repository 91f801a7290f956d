package org.bmsbench.can.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBusCounters;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.dbc.DbcCodec;
import org.bmsbench.can.dbc.DbcDatabase;
import org.bmsbench.can.dbc.DbcMessage;
import org.bmsbench.can.dbc.DbcSignal;
import org.bmsbench.firmware.FirmwareHarness;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.junit.jupiter.api.Test;

class BmsCanNodeTest {
    private static final long MS = FirmwareHarness.MS;

    /** The vehicle's side of the bus: what it queued for the BMS, and every frame the BMS sent, with its time. */
    private static final class TestBus implements CanBus {
        final ArrayDeque<CanFrame> toBms = new ArrayDeque<>();
        final CanFrame[] sent = new CanFrame[20_000];
        int sentCount;
        long nowNs;
        final CanBusCounters counters = new CanBusCounters();

        TestBus() {
            for (int i = 0; i < sent.length; i++) {
                sent[i] = new CanFrame();
            }
        }

        @Override
        public void send(CanFrame frame) {
            sent[sentCount++].copyFrom(frame).timestampNs(nowNs);
        }

        @Override
        public boolean receive(CanFrame into) {
            CanFrame next = toBms.poll();
            if (next == null) {
                return false;
            }
            into.copyFrom(next);
            return true;
        }

        @Override
        public boolean isUp() {
            return true;
        }

        @Override
        public CanBusCounters counters() {
            return counters;
        }

        @Override
        public String address() {
            return "test";
        }

        @Override
        public void close() {
        }

        List<CanFrame> sentWithId(int id) {
            List<CanFrame> frames = new ArrayList<>();
            for (int i = 0; i < sentCount; i++) {
                if (sent[i].id() == id) {
                    frames.add(sent[i]);
                }
            }
            return frames;
        }
    }

    private final FirmwareHarness h = FirmwareHarness.defaults(); // 12 channels at 3.7 V, 25 degC
    private final TestBus bus = new TestBus();

    private void run(BmsCanNode node, long ms) {
        for (long k = 0; k < ms; k++) {
            h.runMs(1);
            bus.nowNs = h.nowNs;
            node.afterTick(h.nowNs);
        }
    }

    private static CanFrame frame(CanProfile profile, String message, Map<String, ? extends Number> values) {
        DbcMessage m = profile.database().message(message).orElseThrow();
        byte[] data = DbcCodec.encode(m, values);
        return new CanFrame().set(m.id(), m.extended(), data, data.length);
    }

    /** The vehicle sends {@code request} every 100 ms for {@code ms}. */
    private void vehicle(BmsCanNode node, CanFrame request, long ms) {
        for (long t = 0; t < ms; t += 100) {
            bus.toBms.add(request);
            run(node, 100);
        }
    }

    private static double value(CanProfile profile, CanFrame frame, String signal) {
        DbcMessage m = profile.database().message(frame.id(), frame.extended());
        return DbcCodec.decode(m.signal(signal).orElseThrow(), frame.data());
    }

    @Test
    void shouldCloseOnTheVehiclesRequestAndSendEachMessageAtItsCycleTime() {
        CanProfile profile = CanProfile.BMSBENCH;
        BmsCanNode node = new BmsCanNode(profile, h.firmware, bus);
        vehicle(node, frame(profile, "VcuRequest", Map.of("StateRequest", 1)), 2000);
        assertThat(h.firmware.state()).isEqualTo(BmsState.NORMAL);

        DbcDatabase db = profile.database();
        List<CanFrame> status = bus.sentWithId(db.message("BmsStatus").orElseThrow().id());
        assertThat(status).hasSize(20); // every 100 ms for 2 s
        assertThat(status.get(1).timestampNs() - status.get(0).timestampNs()).isEqualTo(100 * MS);
        CanFrame last = status.get(status.size() - 1);
        assertThat(value(profile, last, "BmsState")).isEqualTo(BmsState.NORMAL.wireCode());
        assertThat(value(profile, last, "PositiveContactorClosed")).isEqualTo(1);
        assertThat(value(profile, last, "AliveCounter")).isEqualTo(19 % 16);
        assertThat(bus.sentWithId(db.message("BmsCellTemperatureExtremes").orElseThrow().id())).hasSize(2);

        CanFrame pack = last(bus.sentWithId(db.message("BmsPackValues").orElseThrow().id()));
        assertThat(value(profile, pack, "PackVoltage")).isCloseTo(12 * 3.7, within(0.02));
        CanFrame extremes = last(bus.sentWithId(db.message("BmsCellVoltageExtremes").orElseThrow().id()));
        assertThat(value(profile, extremes, "MinCellVoltage")).isCloseTo(3.7, within(0.001));

        // 12 channels, 4 per frame: groups 0, 1, 2 in turn, one frame every 10 ms
        List<CanFrame> cells = bus.sentWithId(db.message("BmsCellVoltages").orElseThrow().id());
        assertThat(cells).hasSize(200);
        assertThat(cells.subList(0, 4)).extracting(f -> value(profile, f, "CellGroup"))
                .containsExactly(0.0, 1.0, 2.0, 0.0);
        assertThat(value(profile, cells.get(2), "CellVoltageD")).isCloseTo(3.7, within(0.001));
    }

    @Test
    void shouldRaiseTheCommunicationLossWhenTheVehicleStopsAndReportItOnTheBus() {
        CanProfile profile = CanProfile.BMSBENCH;
        BmsCanNode node = new BmsCanNode(profile, h.firmware, bus);
        vehicle(node, frame(profile, "VcuRequest", Map.of("StateRequest", 1)), 2000);
        run(node, 1500);
        assertThat(h.firmware.state()).isEqualTo(BmsState.ERROR);
        CanFrame faults = last(bus.sentWithId(profile.database().message("BmsFaults").orElseThrow().id()));
        assertThat(value(profile, faults, "VehicleCommunicationLoss")).isEqualTo(3); // fatal
        CanFrame status = last(bus.sentWithId(profile.database().message("BmsStatus").orElseThrow().id()));
        assertThat(value(profile, status, "BmsState")).isEqualTo(BmsState.ERROR.wireCode());
        assertThat(value(profile, status, "HighestFaultLevel")).isEqualTo(3);

        // the vehicle is back, asks for standby, then resets the faults with a rising edge
        vehicle(node, frame(profile, "VcuRequest", Map.of("StateRequest", 0)), 500);
        vehicle(node, frame(profile, "VcuRequest", Map.of("StateRequest", 0, "ResetFaults", 1)), 500);
        assertThat(h.firmware.state()).isEqualTo(BmsState.STANDBY);
    }

    @Test
    void shouldSpeakFoxbmsToToolsMadeForIt() {
        CanProfile profile = CanProfile.FOXBMS;
        BmsCanNode node = new BmsCanNode(profile, h.firmware, bus);
        vehicle(node, frame(profile, "f_BmsStateRequest", Map.of("RequestBmsMode", 1)), 2000);
        assertThat(h.firmware.state()).isEqualTo(BmsState.NORMAL);
        DbcDatabase db = profile.database();
        CanFrame state = last(bus.sentWithId(db.message("f_BmsState").orElseThrow().id()));
        assertThat(value(profile, state, "BmsState")).isEqualTo(7); // foxBMS's NORMAL
        CanFrame pack = last(bus.sentWithId(db.message("f_PackValuesP0").orElseThrow().id()));
        assertThat(value(profile, pack, "BatteryVoltage")).isCloseTo(44.4, within(0.1));
        CanFrame minMax = last(bus.sentWithId(db.message("f_PackMinMaxCellVoltage").orElseThrow().id()));
        assertThat(value(profile, minMax, "MaximumCellVoltage")).isEqualTo(3700);
        // foxBMS's f_CellVoltages: 5400 ms for its 54 multiplexer values, so a frame every 100 ms
        List<CanFrame> cells = bus.sentWithId(db.message("f_CellVoltages").orElseThrow().id());
        assertThat(cells).hasSize(20);
        assertThat(cells.subList(0, 4)).extracting(f -> value(profile, f, "f_CellVoltages_Mux"))
                .containsExactly(0.0, 1.0, 2.0, 0.0);
        assertThat(value(profile, cells.get(1), "CellVoltage_005")).isEqualTo(3700);
        assertThat(value(profile, cells.get(1), "CellVoltage_005_invalidFlag")).isZero();
    }

    @Test
    void shouldCarryEveryFaultInTheBmsbenchFaultsMessage() {
        DbcMessage faults = CanProfile.BMSBENCH.database().message("BmsFaults").orElseThrow();
        assertThat(faults.signals()).extracting(s -> BmsbenchProfile.faultOf(s.name()))
                .containsExactlyInAnyOrder(FaultId.values());
    }

    @Test
    void shouldCountFramesNoOneDecodesAndShortRequests() {
        BmsCanNode node = new BmsCanNode(CanProfile.BMSBENCH, h.firmware, bus);
        bus.toBms.add(CanFrame.of(0x7F0, "00"));
        bus.toBms.add(CanFrame.of(0x200, "01")); // VcuRequest is 8 bytes
        run(node, 10);
        assertThat(bus.counters.unknownIds()).isEqualTo(1);
        assertThat(bus.counters.malformed()).isEqualTo(1);
        assertThat(h.firmware.state()).isEqualTo(BmsState.STANDBY);
    }

    @Test
    void shouldAllocateNothingOnTheTickAfterStartUp() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (CanProfile profile : CanProfile.values()) {
            FirmwareHarness harness = FirmwareHarness.defaults();
            TestBus quiet = new TestBus();
            BmsCanNode node = new BmsCanNode(profile, harness.firmware, quiet);
            CanFrame request = frame(profile, profile.request().message(), Map.of());
            long before = 0;
            for (int k = 0; k < 20_000; k++) {
                if (k == 10_000) {
                    before = threads.getThreadAllocatedBytes(thread);
                }
                if (k % 100 == 0) {
                    quiet.toBms.add(request); // before the measurement: the deque's nodes are the test's
                }
                harness.runMs(1);
                if (quiet.sentCount > quiet.sent.length - 100) {
                    quiet.sentCount = 0;
                }
                node.afterTick(harness.nowNs);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            // ArrayDeque.add allocates nothing once grown; one allocation per tick would be 10 000 objects
            assertThat(allocated).as(profile + ": bytes allocated by 10 s of ticks").isLessThan(1024);
        }
    }

    private static CanFrame last(List<CanFrame> frames) {
        assertThat(frames).isNotEmpty();
        return frames.get(frames.size() - 1);
    }
}
