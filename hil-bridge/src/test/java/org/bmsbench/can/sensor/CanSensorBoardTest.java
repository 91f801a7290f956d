package org.bmsbench.can.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBusSplit;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.profile.BmsCanNode;
import org.bmsbench.can.profile.CanProfile;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.port.ContactorId;
import org.bmsbench.scenario.FirmwareEvents;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioEvent;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The firmware against a scenario's pack whose sensors are on CAN (foxBMS's AFE messages, an IVT-S, an iso165C and
 * the bench's I/O node), both ends in this process on a virtual bus and on one injected clock: the same faults as
 * the simulated run, for a scenario exercising each device.
 */
class CanSensorBoardTest {
    private static final long MS = 1_000_000L;
    private static final AtomicInteger BENCHES = new AtomicInteger();

    /** The emulated board and the BMS with its sensor port and vehicle node, stepped together. */
    private static final class Bench implements AutoCloseable {
        final Scenario scenario;
        final CanBoardEmulator board;
        final CanBusSplit bms;
        final CanSensorPort port;
        final BmsFirmware firmware;
        final BmsCanNode node;
        final FirmwareEvents events;
        final List<ScenarioEvent> seen = new ArrayList<>();
        long nowNs;
        boolean hostSilent;

        Bench(Scenario scenario) throws InterruptedException {
            this(scenario, CanProfile.FOXBMS);
        }

        Bench(Scenario scenario, CanProfile profile) throws InterruptedException {
            this(scenario, profile, 0);
        }

        Bench(Scenario scenario, CanProfile profile, long minRoundNs) throws InterruptedException {
            this.scenario = scenario;
            String bus = "virtual:sensor-bench-" + BENCHES.incrementAndGet();
            CanBus boardEnd = CanBuses.open(bus);
            CanBus bmsEnd = CanBuses.open(bus);
            board = new CanBoardEmulator(scenario, boardEnd, profile.id(), minRoundNs);
            board.step(0); // its layout goes out at once
            bms = new CanBusSplit(bmsEnd, SensorMessages::isSensorId);
            CanSensorPort.Layout layout = CanSensorPort.layoutIn(bms.claimed());
            assertThat(layout).isNotNull();
            port = new CanSensorPort(bms.claimed(), layout);
            firmware = new BmsFirmware(scenario.bms(), port);
            node = new BmsCanNode(profile, firmware, bms.rest());
            events = new FirmwareEvents(firmware.events());
            while (!port.hasData()) { // the port's first command starts the board; the firmware waits for data
                nowNs += MS;
                if (nowNs % scenario.stepNs() == 0) {
                    board.step(nowNs);
                }
                port.poll(nowNs);
            }
        }

        /** Runs both ends on a 1 ms tick until {@code endNs}, the board stepping at its scenario's step. */
        boolean runUntil(long endNs) {
            boolean running = true;
            while (nowNs < endNs && running) {
                nowNs += MS;
                if (nowNs % scenario.stepNs() == 0) {
                    running = board.step(nowNs);
                }
                if (!hostSilent) {
                    firmware.tick(nowNs);
                    node.afterTick(nowNs);
                }
                events.drain(seen, null);
            }
            return running;
        }

        @Override
        public void close() {
            board.close();
            bms.close();
        }
    }

    private static Scenario scenario(String file) {
        return ScenarioFiles.read(Path.of(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/scenarios/hil-overvoltage.yaml",
            "../scenarios/fault-current-sensor-loss.yaml", "../scenarios/fault-isolation-low.yaml",
            "../scenarios/fault-temperature-sensor-open.yaml", "../scenarios/fault-precharge-failure.yaml",
            "../scenarios/fault-contactor-welded.yaml", "../scenarios/fault-afe-communication-loss.yaml"})
    void shouldRaiseTheSimulatedRunsFaults(String file) throws Exception {
        Scenario scenario = scenario(file);
        ScenarioResult simulated = new ScenarioRunner().run(scenario);
        try (Bench bench = new Bench(scenario)) {
            bench.runUntil(Long.MAX_VALUE);
            assertThat(faultsRaised(bench.seen)).isEqualTo(faultsRaised(simulated.events())).isNotEmpty();
            assertThat(bench.port.stats().incompleteRounds()).isZero();
            assertThat(bench.port.stats().malformed()).isZero();
            assertThat(bench.board.malformed()).isZero();
        }
    }

    @Test
    void shouldShareTheBusWithTheBmsbenchVehicleMessagesToo() throws Exception {
        Scenario scenario = scenario("src/test/resources/scenarios/hil-overvoltage.yaml");
        ScenarioResult simulated = new ScenarioRunner().run(scenario);
        try (Bench bench = new Bench(scenario, CanProfile.BMSBENCH)) {
            bench.runUntil(Long.MAX_VALUE);
            assertThat(faultsRaised(bench.seen)).isEqualTo(faultsRaised(simulated.events()));
            assertThat(bench.board.vehicle().framesReceived()).as("the BMS's bmsbench messages").isPositive();
            assertThat(bench.bms.rest().counters().unknownIds()).isZero();
        }
    }

    @Test
    void shouldReadThePackAsTheAfeAndSensorsMeasureIt() throws Exception {
        try (Bench bench = new Bench(scenario("src/test/resources/scenarios/hil-overvoltage.yaml"))) {
            bench.runUntil(2_000 * MS);
            // a conversion every 10 ms and a temperature round every 100 ms (and one at the start), plant's clock
            assertThat(bench.port.stats().conversions()).isBetween(195L, 201L);
            assertThat(bench.port.stats().temperatureRounds()).isBetween(20L, 21L);
            assertThat(bench.firmware.state()).isEqualTo(BmsState.PRECHARGE); // a second per weld check here
            var truth = bench.board.plant().measurements();
            var seen = bench.port.latest();
            for (int c = 0; c < truth.cellChannelCount(); c++) { // mV on the bus
                assertThat(seen.cellVoltageV(c)).isCloseTo(truth.cellVoltageV(c), within(0.0006));
            }
            for (int s = 0; s < truth.temperatureSensorCount(); s++) { // whole degC on the bus
                assertThat(seen.temperatureC(s)).isCloseTo(truth.temperatureC(s), within(0.51));
            }
            assertThat(seen.boardTemperatureC(truth.boardCount() - 1))
                    .isCloseTo(truth.boardTemperatureC(truth.boardCount() - 1), within(0.51));
            assertThat(seen.packCurrentA()).isCloseTo(truth.packCurrentA(), within(0.1)); // the last 10 ms result
            assertThat(seen.packVoltageV()).isCloseTo(truth.packVoltageV(), within(0.001));
            assertThat(seen.linkVoltageV()).isCloseTo(truth.linkVoltageV(), within(0.001));
            assertThat(seen.isolationResistanceOhm()).isCloseTo(truth.isolationResistanceOhm(), within(500.0));
            for (ContactorId id : ContactorId.values()) {
                assertThat(seen.contactorClosed(id)).as(id.id()).isEqualTo(truth.contactorClosed(id));
            }
            assertThat(seen.contactorClosed(ContactorId.MAIN_NEGATIVE)).isTrue();
        }
    }

    @Test
    void shouldSendFewerWholeRoundsOnASlowerBus() throws Exception {
        Scenario scenario = scenario("src/test/resources/scenarios/hil-overvoltage.yaml");
        ScenarioResult simulated = new ScenarioRunner().run(scenario);
        try (Bench bench = new Bench(scenario, CanProfile.FOXBMS, 50 * MS)) {
            bench.runUntil(2_000 * MS);
            assertThat(bench.port.stats().conversions()).as("a round every 50 ms").isBetween(39L, 41L);
            assertThat(bench.port.stats().temperatureRounds()).as("every 100 ms, as before").isBetween(20L, 21L);
            bench.runUntil(Long.MAX_VALUE);
            assertThat(bench.port.stats().incompleteRounds()).isZero();
            assertThat(faultsRaised(bench.seen)).isEqualTo(faultsRaised(simulated.events()));
        }
    }

    @Test
    void shouldBleedTheCellsTheFirmwareCommands() throws Exception {
        try (Bench bench = new Bench(scenario("src/test/resources/scenarios/hil-overvoltage.yaml"))) {
            bench.runUntil(100 * MS);
            boolean[] on = new boolean[bench.port.cellChannelCount()];
            on[3] = true;
            on[50] = true; // the second bleed group
            on[95] = true;
            bench.port.commandBalancing(bench.nowNs, on, false);
            bench.runUntil(110 * MS);
            for (int c = 0; c < on.length; c++) {
                assertThat(bench.board.plant().pack().isBalancing(c)).as("channel " + c).isEqualTo(on[c]);
            }
        }
    }

    @Test
    void shouldReleaseEveryCoilWhenTheBmsFallsSilent() throws Exception {
        try (Bench bench = new Bench(scenario("../scenarios/fault-current-sensor-loss.yaml"))) {
            bench.runUntil(2_000 * MS);
            assertThat(bench.board.plant().measurements().contactorClosed(ContactorId.MAIN_POSITIVE)).isTrue();
            bench.hostSilent = true;
            bench.runUntil(2_600 * MS);
            assertThat(bench.board.events()).anyMatch(e -> e instanceof ScenarioEvent.BoardEvent b
                    && b.action() == ScenarioEvent.BoardAction.HOST_WATCHDOG);
            bench.runUntil(2_700 * MS);
            for (ContactorId id : ContactorId.values()) {
                assertThat(bench.board.plant().measurements().contactorClosed(id)).as(id.id()).isFalse();
            }
        }
    }

    @Test
    void shouldAllocateNothingOnEitherEndOnceRunning() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (Bench bench = new Bench(scenario("../scenarios/fault-current-sensor-loss.yaml"))) {
            bench.runUntil(5_000 * MS); // closed and driving: no more events until the fault at 200 s
            long before = threads.getThreadAllocatedBytes(thread);
            bench.runUntil(25_000 * MS);
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            // 20 000 ticks, 2 000 conversions of 24 frames each way: one object a frame would be megabytes
            assertThat(allocated).as("bytes allocated by 20 s of both ends").isLessThan(4096);
            assertThat(bench.port.stats().conversions()).isGreaterThan(2_400);
        }
    }

    private static Set<String> faultsRaised(List<ScenarioEvent> events) {
        return events.stream().filter(e -> e instanceof ScenarioEvent.FaultChanged f && f.raised())
                .map(e -> (ScenarioEvent.FaultChanged) e).map(f -> f.id().name() + " " + f.level().id())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
