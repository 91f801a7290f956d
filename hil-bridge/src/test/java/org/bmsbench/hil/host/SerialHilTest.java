package org.bmsbench.hil.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.hil.transport.SerialLink;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioEvent;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HIL path over real pseudo-terminals from socat: the emulated board on one end, the firmware on the other,
 * through jSerialComm, in real time.
 */
class SerialHilTest {
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
            rig.startEmulator(board, TimeUnit.SECONDS.toNanos(15));
            rig.startHost(host, TimeUnit.SECONDS.toNanos(8));
            rig.awaitHost();
            assertThat(faultsRaised(rig.hostEvents())).isEqualTo(faultsRaised(simulated.events()))
                    .contains("CELL_OVERVOLTAGE fatal");
            assertThat(rig.host.firmware().state()).isEqualTo(BmsState.ERROR);
            assertThat(rig.host.port().stats().measurements()).as("100 Hz reports for 8 s").isGreaterThan(600);
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
            rig.startEmulator(board, TimeUnit.SECONDS.toNanos(60));
            rig.startHost(host, TimeUnit.SECONDS.toNanos(60));
            awaitState(rig, BmsState.NORMAL, 5);
            Thread.sleep(1000); // driving, precharge relay open

            long killedAtNs = rig.host.nowNs();
            rig.stopEmulator(); // the board dies: no more frames, its port closed, the pty gone
            board.close();
            pty.close();
            awaitState(rig, BmsState.ERROR, 2);
            List<ScenarioEvent> events = rig.hostEvents();
            double killedAtS = killedAtNs / 1e9;
            ScenarioEvent lost = first(events, "fault_raised", "AFE_COMMUNICATION_LOSS");
            ScenarioEvent error = events.stream().filter(e -> e.type().equals("state_changed")
                    && e.subject().equals("error") && e.timeS() > killedAtS).findFirst().orElseThrow();
            assertThat(lost.timeS() - killedAtS).as("fault after the board died, s").isBetween(0.2, 0.45);
            assertThat(error.timeS() - killedAtS).as("contactors open after the board died, s").isLessThan(0.5);

            long measurementsBefore = rig.host.port().stats().measurements();
            try (PtyPair again = new PtyPair(boardPath, hostPath);
                 SerialLink newBoard = new SerialLink(boardPath.toString(), BAUD)) {
                rig.startEmulator(newBoard, TimeUnit.SECONDS.toNanos(60));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
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
            rig.startEmulator(board, TimeUnit.SECONDS.toNanos(15));
            rig.startHost(host, TimeUnit.SECONDS.toNanos(8));
            rig.awaitHost();
            var d = rig.host.port().decoder();
            assertThat(relay.corrupted()).isPositive();
            assertThat(d.crcErrors() + d.stuffingErrors() + d.tooShort() + d.oversized()).isPositive();
            assertThat(rig.host.port().stats().measurements()).isGreaterThan(500);
            assertThat(faultsRaised(rig.hostEvents())).contains("CELL_OVERVOLTAGE fatal");
        }
    }

    private static Set<String> faultsRaised(List<ScenarioEvent> events) {
        return events.stream().filter(e -> e.type().equals("fault_raised"))
                .map(e -> e.subject() + " " + e.detail().split(",")[0]).collect(Collectors.toCollection(TreeSet::new));
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
