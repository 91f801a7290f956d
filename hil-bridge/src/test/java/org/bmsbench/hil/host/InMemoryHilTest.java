package org.bmsbench.hil.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bmsbench.hil.emulator.BoardEmulator;
import org.bmsbench.hil.protocol.MeasurementCodec;
import org.bmsbench.hil.transport.InMemoryLink;
import org.bmsbench.port.ContactorId;
import org.bmsbench.sim.PlantFault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The board emulator's side of the protocol, driven by the host's port without a firmware, over an in-memory
 * link: the board's own watchdogs, fault injection, the report rate. Board and host are stepped here, on one
 * thread and one simulated clock (a scenario step at a time), so that what the board does after 800 ms of a
 * quiet host, or how many reports come in a second, is the code's answer and not the machine's punctuality.
 */
class InMemoryHilTest {
    private final InMemoryLink link = new InMemoryLink();
    private BoardEmulator board;
    private HilPort port;
    private long stepNs;
    private long nowNs;

    @BeforeEach
    void connect() throws InterruptedException {
        board = new BoardEmulator(HilRig.scenario("hil-drive"), link.a());
        stepNs = board.scenario().stepNs();
        board.step(0); // its call, before it has heard any host: in the line when the host says HELLO
        port = HilPort.connect(link.b(), "test", TimeUnit.SECONDS.toNanos(30));
        assertThat(port).isNotNull();
        assertThat(port.board().cells()).isEqualTo(96);
        assertThat(port.board().name()).isEqualTo("bmsbench emulator hil-drive");
        stepUntil(() -> port.stats().measurements() > 0, 1000); // the board has heard the HELLO and reports
    }

    private BoardEmulator board() {
        return board;
    }

    /** One scenario step of both sides; the host says nothing when {@code hostTalks} is false. */
    private void step(boolean hostTalks) {
        nowNs += stepNs;
        board.step(nowNs);
        if (hostTalks) {
            port.poll(nowNs);
        }
    }

    @Test
    void shouldStartASessionWhenTheHostsFirstHelloIsLost() throws InterruptedException {
        // a second board on its own link, both sides stepped here on one simulated clock: the board's own HELLO
        // call (not an answer) reaches the host, whose first HELLO is lost; the host must go on saying HELLO until
        // the board reports
        InMemoryLink lossy = new InMemoryLink();
        BoardEmulator other = new BoardEmulator(HilRig.scenario("hil-drive"), lossy.a());
        other.step(0); // its call, before it has heard any host
        HilPort host = HilPort.connect(new FirstWriteLost(lossy.b()), "test", TimeUnit.SECONDS.toNanos(2));
        assertThat(host).as("the board's call is in the line already").isNotNull();
        long stepNs = TimeUnit.MILLISECONDS.toNanos(10);
        long nowNs = 0;
        while (host.stats().measurements() == 0 && nowNs < TimeUnit.SECONDS.toNanos(3)) {
            nowNs += stepNs;
            other.step(nowNs);
            host.poll(nowNs);
        }
        assertThat(host.stats().measurements()).as("reports").isPositive();
        assertThat(host.handshaken()).isTrue();
        assertThat(nowNs).as("the session starts within one HELLO retry").isLessThanOrEqualTo(HilPort.HELLO_RETRY_NS);
    }

    @Test
    void shouldRefuseABoardWhoseReportsCannotBeFramed() {
        InMemoryLink other = new InMemoryLink();
        org.bmsbench.hil.protocol.FrameEncoder encoder = new org.bmsbench.hil.protocol.FrameEncoder();
        new org.bmsbench.hil.protocol.Hello(org.bmsbench.hil.protocol.Hello.Role.BOARD, 65_535, 8, 2, 10, 0, "huge")
                .encode(encoder);
        other.a().write(encoder.wire(), 0, encoder.finish());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> HilPort.connect(other.b(), "test", TimeUnit.SECONDS.toNanos(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("declares 65535 cells")
                .hasMessageContaining("would not fit the protocol's 1016-byte payload");
    }

    /** A stream whose first write is lost on the way, as a frame lost to line noise. */
    private static final class FirstWriteLost implements org.bmsbench.hil.transport.ByteStream {
        private final org.bmsbench.hil.transport.ByteStream inner;
        private boolean lost;

        FirstWriteLost(org.bmsbench.hil.transport.ByteStream inner) {
            this.inner = inner;
        }

        @Override
        public int read(byte[] buf, int offset, int length) {
            return inner.read(buf, offset, length);
        }

        @Override
        public void write(byte[] buf, int offset, int length) {
            if (lost) {
                inner.write(buf, offset, length);
            }
            lost = true;
        }

        @Override
        public boolean isUp() {
            return inner.isUp();
        }

        @Override
        public long connections() {
            return inner.connections();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void shouldReleaseTheCoilsWhenTheHostGoesQuiet() {
        port.commandContactor(ContactorId.MAIN_NEGATIVE, true);
        stepUntil(() -> board().plant().contactor(ContactorId.MAIN_NEGATIVE).isCoilEnergised(), 500);

        for (long quiet = 0; quiet < 800_000_000L; quiet += stepNs) {
            step(false); // the host says nothing for 800 ms
        }
        assertThat(board().plant().contactor(ContactorId.MAIN_NEGATIVE).isCoilEnergised()).isFalse();
        assertThat(board().events()).anySatisfy(e -> assertThat(e.type()).isEqualTo("host_watchdog"));
        stepUntil(() -> (port.boardStatus() & MeasurementCodec.STATUS_HOST_WATCHDOG) == 0
                && board().events().stream().anyMatch(e -> e.type().equals("host_back")), 500);
    }

    @Test
    void shouldStopBleedingWhenBalanceCommandsStop() {
        boolean[] on = new boolean[96];
        on[3] = true;
        port.commandBalancing(nowNs, on, false);
        stepUntil(() -> board().plant().pack().isBalancing(3), 500);
        assertThat(board().plant().pack().isBalancing(2)).isFalse();
        // heartbeats go on, BALANCE does not: the board's 2 s timeout turns the switch off
        stepUntil(() -> !board().plant().pack().isBalancing(3), 3000);
        stepUntil(() -> board().events().stream().anyMatch(e -> e.type().equals("balance_timeout")), 500);
    }

    @Test
    void shouldInjectFaultsAndRefuseNonsense() {
        port.injectFault(PlantFault.Type.CELL_VOLTAGE_SENSOR_OFFSET.wireCode(), true, 4, 0.3);
        stepUntil(() -> port.stats().acks() >= 1, 500);
        assertThat(port.stats().rejected()).isZero();
        assertThat(board().events()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("fault_injected");
            assertThat(e.subject()).isEqualTo("cell_voltage_sensor_offset");
        });
        port.injectFault(200, true, 0, 0);
        port.injectFault(PlantFault.Type.CELL_VOLTAGE_SENSOR_OFFSET.wireCode(), true, 500, 0.3); // no channel 501
        stepUntil(() -> port.stats().rejected() == 2, 500);
    }

    @Test
    void shouldReportAtTheRateAskedFor() {
        runFor(1000);
        long atDefault = count(1000);
        port.setReportPeriod(50);
        runFor(200);
        long slower = count(1000);
        assertThat(atDefault).as("reports in a second at 10 ms").isBetween(90L, 105L);
        assertThat(slower).as("reports in a second at 50 ms").isBetween(17L, 22L);
    }

    private long count(long ms) {
        long before = port.stats().measurements() + port.stats().repeatedConversions();
        runFor(ms);
        return port.stats().measurements() + port.stats().repeatedConversions() - before;
    }

    /** Both sides for {@code ms} of simulated time. */
    private void runFor(long ms) {
        long end = nowNs + ms * 1_000_000L;
        while (nowNs < end) {
            step(true);
        }
    }

    /** Both sides until {@code condition}, which must come within {@code ms} of simulated time. */
    private void stepUntil(BooleanSupplier condition, long ms) {
        long end = nowNs + ms * 1_000_000L;
        while (!condition.getAsBoolean() && nowNs < end) {
            step(true);
        }
        assertThat(condition.getAsBoolean()).as("within %d ms", ms).isTrue();
    }
}
