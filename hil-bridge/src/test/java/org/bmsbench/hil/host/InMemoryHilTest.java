package org.bmsbench.hil.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bmsbench.firmware.loop.IdleStrategy;
import org.bmsbench.hil.emulator.BoardEmulator;
import org.bmsbench.hil.emulator.EmulatorRun;
import org.bmsbench.hil.protocol.MeasurementCodec;
import org.bmsbench.hil.transport.InMemoryLink;
import org.bmsbench.port.ContactorId;
import org.bmsbench.sim.PlantFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The board emulator's side of the protocol, driven by the host's port without a firmware, over an in-memory
 * link: the board's own watchdogs, fault injection, the report rate.
 */
class InMemoryHilTest {
    private final InMemoryLink link = new InMemoryLink();
    private EmulatorRun emulator;
    private Thread thread;
    private HilPort port;

    @BeforeEach
    void connect() throws InterruptedException {
        emulator = new EmulatorRun(new BoardEmulator(HilRig.scenario("hil-drive"), link.a()));
        thread = new Thread(() -> emulator.run(TimeUnit.SECONDS.toNanos(30), IdleStrategy.parkThenSpin()));
        thread.start();
        port = HilPort.connect(link.b(), "test", TimeUnit.SECONDS.toNanos(2));
        assertThat(port).isNotNull();
        assertThat(port.board().cells()).isEqualTo(96);
        assertThat(port.board().name()).isEqualTo("bmsbench emulator hil-drive");
    }

    @AfterEach
    void stop() throws InterruptedException {
        emulator.stop();
        thread.join();
    }

    private BoardEmulator board() {
        return emulator.emulator();
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
        new org.bmsbench.hil.protocol.Hello(org.bmsbench.hil.protocol.Hello.BOARD, 65_535, 8, 2, 10, 0, "huge")
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
    void shouldReleaseTheCoilsWhenTheHostGoesQuiet() throws InterruptedException {
        port.commandContactor(ContactorId.MAIN_NEGATIVE, true);
        pollUntil(() -> board().plant().contactor(ContactorId.MAIN_NEGATIVE).isCoilEnergised(), 500);

        Thread.sleep(800); // the host says nothing
        assertThat(board().plant().contactor(ContactorId.MAIN_NEGATIVE).isCoilEnergised()).isFalse();
        assertThat(board().events()).anySatisfy(e -> assertThat(e.type()).isEqualTo("host_watchdog"));
        pollUntil(() -> (port.boardStatus() & MeasurementCodec.STATUS_HOST_WATCHDOG) == 0
                && board().events().stream().anyMatch(e -> e.type().equals("host_back")), 500);
    }

    @Test
    void shouldStopBleedingWhenBalanceCommandsStop() throws InterruptedException {
        boolean[] on = new boolean[96];
        on[3] = true;
        port.commandBalancing(System.nanoTime(), on, false);
        pollUntil(() -> board().plant().pack().isBalancing(3), 500);
        assertThat(board().plant().pack().isBalancing(2)).isFalse();
        // heartbeats go on, BALANCE does not: the board's 2 s timeout turns the switch off
        pollUntil(() -> !board().plant().pack().isBalancing(3), 3000);
        // the board switches the bleed off and then logs why, on its own thread: wait for the log, not the switch
        pollUntil(() -> board().events().stream().anyMatch(e -> e.type().equals("balance_timeout")), 500);
    }

    @Test
    void shouldInjectFaultsAndRefuseNonsense() throws InterruptedException {
        port.injectFault(PlantFault.Type.CELL_VOLTAGE_SENSOR_OFFSET.wireCode(), true, 4, 0.3);
        pollUntil(() -> port.stats().acks() >= 1, 500);
        assertThat(port.stats().rejected()).isZero();
        assertThat(board().events()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("fault_injected");
            assertThat(e.subject()).isEqualTo("cell_voltage_sensor_offset");
        });
        port.injectFault(200, true, 0, 0);
        port.injectFault(PlantFault.Type.CELL_VOLTAGE_SENSOR_OFFSET.wireCode(), true, 500, 0.3); // no channel 501
        pollUntil(() -> port.stats().rejected() == 2, 500);
    }

    @Test
    void shouldReportAtTheRateAskedFor() throws InterruptedException {
        pollFor(1000);
        long atDefault = count(1000);
        port.setReportPeriod(50);
        pollFor(200);
        long slower = count(1000);
        assertThat(atDefault).as("reports in a second at 10 ms").isBetween(90L, 105L);
        assertThat(slower).as("reports in a second at 50 ms").isBetween(17L, 22L);
    }

    private long count(long ms) throws InterruptedException {
        long before = port.stats().measurements() + port.stats().repeatedConversions();
        pollFor(ms);
        return port.stats().measurements() + port.stats().repeatedConversions() - before;
    }

    private void pollFor(long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < end) {
            port.poll(System.nanoTime());
            Thread.sleep(1);
        }
    }

    private void pollUntil(BooleanSupplier condition, long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            port.poll(System.nanoTime());
            Thread.sleep(1);
        }
        assertThat(condition.getAsBoolean()).as("within %d ms", ms).isTrue();
    }
}
