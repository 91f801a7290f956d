package org.bmsbench.hil.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsbench.hil.emulator.BoardEmulator;
import org.bmsbench.hil.protocol.FrameEncoder;
import org.bmsbench.hil.protocol.MeasurementCodec;
import org.bmsbench.hil.transport.InMemoryLink;
import org.bmsbench.port.Measurements;
import org.bmsbench.realtime.AllocationWindows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The host's side of the link allocates nothing per frame: decode, measurement copy, heartbeats, commands. The
 * board runs on a thread of its own (its allocations are not the host's), stepped in lockstep with the host on one
 * simulated clock, so that the frames in a window are the same however busy the machine is.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LinkAllocationTest {
    /** A board on its own thread, stepped to the time the test gives it, and waited for. */
    private static final class LockstepBoard implements AutoCloseable {
        private final BoardEmulator board;
        private final Thread thread;
        private volatile long target = Long.MIN_VALUE;
        private volatile long done = Long.MIN_VALUE;
        private volatile boolean running = true;

        LockstepBoard(BoardEmulator board) {
            this.board = board;
            this.thread = new Thread(this::run, "lockstep board");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (running) {
                long t = target;
                if (t != done) {
                    board.step(t);
                    done = t;
                } else {
                    Thread.yield();
                }
            }
        }

        /** Steps the board at {@code nowNs} and returns once it has (allocates nothing on the caller's thread). */
        void stepAt(long nowNs) {
            target = nowNs;
            while (done != nowNs) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    @Test
    void shouldAllocateNothingPerReadOnceRunning() throws InterruptedException {
        InMemoryLink link = new InMemoryLink();
        BoardEmulator emulator = new BoardEmulator(HilRig.scenario("hil-drive"), link.a());
        long stepNs = emulator.scenario().stepNs();
        emulator.step(0); // its HELLO, in the line for the host's connect
        try (LockstepBoard board = new LockstepBoard(emulator)) {
            HilPort port = HilPort.connect(link.b(), "test", TimeUnit.SECONDS.toNanos(30));
            assertThat(port).isNotNull();
            Measurements into = port.newMeasurements();
            boolean[] bleed = new boolean[port.cellChannelCount()];
            long[] nowNs = {0};
            long[] nextBoardNs = {stepNs};
            long[] k = {0};
            // 1 ms of the host's loop a call: a read, a balancing command; the board steps at its own period
            Runnable thousandReads = () -> {
                for (int n = 0; n < 1000; n++, k[0]++) {
                    nowNs[0] += 1_000_000L;
                    if (nowNs[0] >= nextBoardNs[0]) {
                        board.stepAt(nowNs[0]);
                        nextBoardNs[0] += stepNs;
                    }
                    port.read(nowNs[0], into);
                    bleed[(int) (k[0] % bleed.length)] = !bleed[(int) (k[0] % bleed.length)];
                    port.commandBalancing(nowNs[0], bleed, false);
                }
            };
            for (int w = 0; w < 3; w++) {
                thousandReads.run(); // warm up
            }
            long frames = port.decoder().frames();
            List<Long> windows = AllocationWindows.untilNone(5, thousandReads);
            assertThat(port.decoder().frames() - frames).as("frames decoded while measured")
                    .isGreaterThanOrEqualTo(100L * windows.size());
            assertThat(windows.get(windows.size() - 1)).as("bytes allocated by 1000 reads and balancing commands,"
                    + " in windows %s", windows).isZero();
        }
    }

    @Test
    void shouldEncodeAndDecodeA96CellReportWithoutAllocating() {
        Measurements m = new Measurements(96, 32, 8);
        for (int c = 0; c < 96; c++) {
            m.setCellVoltageV(c, 3.6 + c * 1e-3);
        }
        Measurements back = new Measurements(96, 32, 8);
        FrameEncoder encoder = new FrameEncoder();
        MeasurementCodec codec = new MeasurementCodec();
        org.bmsbench.hil.protocol.FrameDecoder decoder = new org.bmsbench.hil.protocol.FrameDecoder(
                (type, seq, buf, offset, length) -> codec.decode(buf, offset, length, back, seq));
        int[] k = {0};
        Runnable hundredThousand = () -> {
            for (int n = 0; n < 100_000; n++, k[0]++) {
                MeasurementCodec.encode(encoder, m, k[0], k[0], 0);
                int length = encoder.finish();
                decoder.accept(encoder.wire(), 0, length);
            }
        };
        // warm up long enough for C2 to compile (after ~10 000 calls), then count in windows
        hundredThousand.run();
        hundredThousand.run();
        List<Long> windows = AllocationWindows.untilNone(5, hundredThousand);
        assertThat(windows.get(windows.size() - 1)).as("bytes allocated in windows %s", windows).isZero();
        assertThat(decoder.frames()).isEqualTo(k[0]);
        assertThat(back.cellVoltageV(95)).isCloseTo(3.695, org.assertj.core.api.Assertions.within(1e-9));
    }
}
