package org.bmsbench.hil.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.hil.transport.SerialLink;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioEvent;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.bmsbench.port.ContactorId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HIL path over real pseudo-terminals from socat: the emulated board on one end, the firmware on the other,
 * through jSerialComm, in real time. An integration test (socat, the wall clock): it asserts the faults, states and
 * their order, never how punctual the machine was; its waits are a busy machine's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SerialHilIT {
    private static final int BAUD = 921_600;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsSocat() {
        assertThat(PtyPair.available()).as("socat must be installed for the serial HIL tests (apt-get install socat)")
                .isTrue();
    }

    @Test
    void shouldRaiseTheSameFaultsAsTheSimulatedRun() throws Exception {
        Scenario scenario = HilRig.scenario("hil-overvoltage");
        ScenarioResult simulated = new ScenarioRunner().run(scenario);
        try (PtyPair pty = new PtyPair(dir.resolve("board"), dir.resolve("host"));
             SerialLink board = new SerialLink(pty.a.toString(), BAUD);
             SerialLink host = new SerialLink(pty.b.toString(), BAUD);
             HilRig rig = new HilRig(scenario)) {
            // the board's plant runs on its own clock, which falls behind the wall clock on a busy machine (lost
            // periods are skipped): the host runs until its firmware has raised what the simulated run raised (by
            // 3.5 s into the scenario), not for a fixed wall time the board might not have simulated that in
            rig.startEmulator(board, TimeUnit.SECONDS.toNanos(120));
            rig.startHost(host, TimeUnit.SECONDS.toNanos(120));
            awaitFaults(rig, simulated.events(), 60);
            awaitState(rig, BmsState.ERROR, 30); // the fatal fault's reaction, a tick or so later
            rig.close();
            assertThat(onlyTheScenariosFaults(faultsRaised(rig.hostEvents())))
                    .isEqualTo(faultsRaised(simulated.events())).contains("CELL_OVERVOLTAGE fatal");
            assertThat(rig.host.firmware().state()).isEqualTo(BmsState.ERROR);
            // the reports' count is the machine's punctuality (100 Hz on an idle one); that they came is the link's
            assertThat(rig.host.port().stats().measurements()).as("reports").isPositive();
            assertThat(rig.host.port().decoder().crcErrors()).isZero();
        }
    }

    @Test
    void shouldOpenTheContactorsWhenTheBoardDiesAndReconnectWhenItReturns() throws Exception {
        Scenario scenario = HilRig.scenario("hil-drive");
        Path boardPath = dir.resolve("board");
        Path hostPath = dir.resolve("host");
        PtyPair pty = new PtyPair(boardPath, hostPath);
        try (SerialLink host = new SerialLink(hostPath.toString(), BAUD);
             HilRig rig = new HilRig(scenario)) {
            SerialLink board = new SerialLink(boardPath.toString(), BAUD);
            rig.startEmulator(board, TimeUnit.SECONDS.toNanos(150));
            rig.startHost(host, TimeUnit.SECONDS.toNanos(150));
            awaitState(rig, BmsState.NORMAL, 60);
            // driving: the main contactors closed and the precharge relay open on the board
            awaitCondition(() -> !rig.emulator.emulator().plant().contactor(ContactorId.PRECHARGE).isCoilEnergised()
                    && rig.emulator.emulator().plant().contactor(ContactorId.MAIN_POSITIVE).isCoilEnergised(),
                    "precharge relay open, main positive closed", 60);

            long killedAtNs = rig.host.nowNs();
            rig.stopEmulator(); // the board dies: no more frames, its port closed, the pty gone
            board.close();
            pty.close();
            awaitState(rig, BmsState.ERROR, 30);
            List<ScenarioEvent> events = rig.hostEvents();
            double killedAtS = killedAtNs / 1e9;
            ScenarioEvent lost = first(events, "fault_raised", "AFE_COMMUNICATION_LOSS");
            ScenarioEvent error = events.stream().filter(e -> e.type().equals("state_changed")
                    && e.subject().equals("error") && e.timeS() > killedAtS).findFirst().orElseThrow();
            // the order is the firmware's; how soon after the board died the host's loop saw the silence is the
            // machine's punctuality (0.2-0.45 s on an idle one; the reaction time on the firmware's own clock is
            // FaultReactionTest.shouldOpenWhenTheCellDataGoesStaleWithin500Milliseconds's)
            assertThat(lost.timeS()).as("fault after the board died, s").isGreaterThan(killedAtS);
            assertThat(error.timeS()).as("contactors open once the fault is raised, s")
                    .isGreaterThanOrEqualTo(lost.timeS());

            long measurementsBefore = rig.host.port().stats().measurements();
            try (PtyPair again = new PtyPair(boardPath, hostPath);
                 SerialLink newBoard = new SerialLink(boardPath.toString(), BAUD)) {
                rig.startEmulator(newBoard, TimeUnit.SECONDS.toNanos(60));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a busy machine's
                while (rig.host.port().stats().measurements() < measurementsBefore + 100
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(rig.host.port().stats().measurements()).as("reports after the board came back")
                        .isGreaterThanOrEqualTo(measurementsBefore + 100);
                assertThat(rig.host.port().stats().reconnections()).isPositive();
                assertThat(host.losses()).isPositive();
                assertThat(rig.host.firmware().diagnosis().highestRaised(FaultId.AFE_COMMUNICATION_LOSS))
                        .as("the fault clears with fresh data").isNull();
                rig.close();
            }
        }
    }

    @Test
    void shouldKeepTheLinkRunningThroughCorruptedBytes() throws Exception {
        Scenario scenario = HilRig.scenario("hil-overvoltage");
        try (PtyPair boardSide = new PtyPair(dir.resolve("board"), dir.resolve("relay-board"));
             PtyPair hostSide = new PtyPair(dir.resolve("relay-host"), dir.resolve("host"));
             SerialLink board = new SerialLink(boardSide.a.toString(), BAUD);
             SerialLink host = new SerialLink(hostSide.b.toString(), BAUD);
             CorruptingRelay relay = new CorruptingRelay(new SerialLink(boardSide.b.toString(), BAUD),
                     new SerialLink(hostSide.a.toString(), BAUD), 2e-4, new Random(5));
             HilRig rig = new HilRig(scenario)) {
            relay.start();
            rig.startEmulator(board, TimeUnit.SECONDS.toNanos(120));
            rig.startHost(host, TimeUnit.SECONDS.toNanos(120));
            awaitFaults(rig, List.of(new ScenarioEvent.FaultChanged(0, FaultId.CELL_OVERVOLTAGE, FaultLevel.FATAL, true,
                    Double.NaN)), 60);
            rig.close();
            var d = rig.host.port().decoder();
            assertThat(relay.corrupted()).isPositive();
            assertThat(d.crcErrors() + d.stuffingErrors() + d.tooShort() + d.oversized()).isPositive();
            // how many reports came through is the machine's punctuality (over 500 in 8 s on an idle one)
            assertThat(rig.host.port().stats().measurements()).isPositive();
            assertThat(faultsRaised(rig.hostEvents())).contains("CELL_OVERVOLTAGE fatal");
        }
    }

    private static Set<String> faultsRaised(List<ScenarioEvent> events) {
        return raisedFaults(events).map(f -> f.id().name() + " " + f.level().id())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Stream<ScenarioEvent.FaultChanged> raisedFaults(List<ScenarioEvent> events) {
        return events.stream().filter(e -> e instanceof ScenarioEvent.FaultChanged f && f.raised())
                .map(e -> (ScenarioEvent.FaultChanged) e);
    }

    /**
     * The faults without the host's own CONTROL_LOOP_OVERRUN: a loop that shares a busy machine's cores may start a
     * tick later than the scenario's tolerance, which is the machine's punctuality, not the scenario's outcome.
     */
    private static Set<String> onlyTheScenariosFaults(Set<String> faults) {
        return faults.stream().filter(f -> !f.startsWith("CONTROL_LOOP_OVERRUN "))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits until the host's firmware has raised each fault of {@code raised} at its level, or higher. */
    private static void awaitFaults(HilRig rig, List<ScenarioEvent> raised, int seconds) throws InterruptedException {
        List<ScenarioEvent.FaultChanged> faults = raisedFaults(raised).toList();
        awaitCondition(() -> faults.stream().allMatch(f -> {
            FaultLevel level = rig.host.firmware().diagnosis().highestRaised(f.id());
            return level != null && level.compareTo(f.level()) >= 0;
        }), "the host raised " + faultsRaised(raised), seconds);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as(what + " within " + seconds + " s").isTrue();
    }

    private static ScenarioEvent first(List<ScenarioEvent> events, String type, String subject) {
        return events.stream().filter(e -> e.type().equals(type) && e.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + subject + " in " + events));
    }

    private static void awaitState(HilRig rig, BmsState state, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (rig.host.firmware().state() != state && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(rig.host.firmware().state()).isEqualTo(state);
    }
}
