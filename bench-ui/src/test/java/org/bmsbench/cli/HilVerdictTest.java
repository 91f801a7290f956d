package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.hil.emulator.BoardEmulator;
import org.bmsbench.hil.host.HilPort;
import org.bmsbench.hil.host.HilSession;
import org.bmsbench.hil.transport.InMemoryLink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code hil}'s exit status: what the firmware judged, on an injected clock, not the machine's punctuality. */
class HilVerdictTest {
    private final InMemoryLink link = new InMemoryLink();
    private HilSession<HilPort> session;

    @BeforeEach
    void connect() throws InterruptedException {
        BoardEmulator board = new BoardEmulator(ScenarioFiles.read(
                Path.of("../hil-bridge/src/test/resources/scenarios/hil-drive.yaml")), link.a());
        board.step(0); // its HELLO, in the line when the host says its own: no board thread on the wall clock
        HilPort port = HilPort.connect(link.b(), "test", TimeUnit.SECONDS.toNanos(30));
        assertThat(port).isNotNull();
        BmsConfig config = BmsConfigFiles.defaults();
        session = new HilSession<>(config, port);
    }

    @Test
    void shouldBeZeroWithoutFaults() {
        StringWriter text = new StringWriter();
        assertThat(HilCommand.verdict(new PrintWriter(text, true), session)).isZero();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void shouldSayTheHostWasOverloadedWhenTheLoopMissedItsPeriod() {
        long toleranceNs = session.firmware().config().tasks().overrunToleranceNs();
        session.firmware().tick(0);
        session.firmware().tick(toleranceNs + 2_000_000L); // the next fast tick, far too late
        StringWriter text = new StringWriter();
        assertThat(HilCommand.verdict(new PrintWriter(text, true), session)).isEqualTo(1);
        assertThat(text.toString()).startsWith("host overloaded: 0 of 0 periods skipped, p99.9 ")
                .contains("CONTROL_LOOP_OVERRUN");
    }

    @Test
    void shouldSayTheHostWasOverloadedWhenMoreThanATenthOfThePeriodsWereSkipped() {
        // as measured with two CPU hogs on 2 cores: 12 469 of 30 000 periods skipped, no tick past the tolerance
        StringWriter text = new StringWriter();
        assertThat(HilCommand.verdict(new PrintWriter(text, true), session.firmware().diagnosis(), 17_531, 12_469,
                11_796_500L)).isEqualTo(1);
        assertThat(text.toString()).isEqualTo(String.format("host overloaded: 12469 of 30000 periods skipped, p99.9"
                + " 11.8 ms late; more than 10 %% of the periods (give the loop a core of its own)%n"));
        // idle, with the board beside it: 1 140 of 30 000
        assertThat(HilCommand.verdict(new PrintWriter(new StringWriter(), true), session.firmware().diagnosis(),
                28_860, 1_140, 4_337_700L)).isZero();
    }
}
