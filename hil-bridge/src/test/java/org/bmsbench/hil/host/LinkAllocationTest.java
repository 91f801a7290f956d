package org.bmsbench.hil.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.bmsbench.firmware.loop.IdleStrategy;
import org.bmsbench.hil.emulator.BoardEmulator;
import org.bmsbench.hil.emulator.EmulatorRun;
import org.bmsbench.hil.protocol.FrameEncoder;
import org.bmsbench.hil.protocol.MeasurementCodec;
import org.bmsbench.hil.transport.InMemoryLink;
import org.bmsbench.port.Measurements;
import org.junit.jupiter.api.Test;

/** The host's side of the link allocates nothing per frame: decode, measurement copy, heartbeats, commands. */
class LinkAllocationTest {
    @Test
    void shouldAllocateNothingPerReadOnceRunning() throws InterruptedException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        InMemoryLink link = new InMemoryLink();
        EmulatorRun emulator = new EmulatorRun(new BoardEmulator(HilRig.scenario("hil-drive"), link.a()));
        Thread thread = new Thread(() -> emulator.run(TimeUnit.SECONDS.toNanos(20), IdleStrategy.parkThenSpin()));
        thread.start();
        try {
            HilPort port = HilPort.connect(link.b(), "test", TimeUnit.SECONDS.toNanos(2));
            Measurements into = port.newMeasurements();
            boolean[] bleed = new boolean[port.cellChannelCount()];
            long self = Thread.currentThread().getId();
            long before = 0;
            long frames = 0;
            long start = System.nanoTime();
            for (int k = 0; k < 3000; k++) {
                if (k == 1000) { // warmed up: count from here
                    before = threads.getThreadAllocatedBytes(self);
                    frames = port.decoder().frames();
                }
                long now = System.nanoTime() - start;
                port.read(now, into);
                bleed[k % bleed.length] = !bleed[k % bleed.length];
                port.commandBalancing(now, bleed, false);
                Thread.sleep(1);
            }
            long allocated = threads.getThreadAllocatedBytes(self) - before;
            assertThat(port.decoder().frames() - frames).as("frames decoded while measured").isGreaterThan(150);
            assertThat(allocated).as("bytes allocated by 2000 reads and balancing commands").isZero();
        } finally {
            emulator.stop();
            thread.join();
        }
    }

    @Test
    void shouldEncodeAndDecodeA96CellReportWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Measurements m = new Measurements(96, 32, 8);
        for (int c = 0; c < 96; c++) {
            m.setCellVoltageV(c, 3.6 + c * 1e-3);
        }
        Measurements back = new Measurements(96, 32, 8);
        FrameEncoder encoder = new FrameEncoder();
        MeasurementCodec codec = new MeasurementCodec();
        org.bmsbench.hil.protocol.FrameDecoder decoder = new org.bmsbench.hil.protocol.FrameDecoder(
                (type, seq, buf, offset, length) -> codec.decode(buf, offset, length, back, seq));
        long self = Thread.currentThread().getId();
        long before = 0;
        // warm up long enough for the JIT to settle (C2 compiles after ~10 000 calls and may materialise an object
        // once while it does), then count
        for (int k = 0; k < 300_000; k++) {
            if (k == 200_000) {
                before = threads.getThreadAllocatedBytes(self);
            }
            MeasurementCodec.encode(encoder, m, k, k, 0);
            int n = encoder.finish();
            decoder.accept(encoder.wire(), 0, n);
        }
        assertThat(threads.getThreadAllocatedBytes(self) - before).isZero();
        assertThat(decoder.frames()).isEqualTo(300_000);
        assertThat(back.cellVoltageV(95)).isCloseTo(3.695, org.assertj.core.api.Assertions.within(1e-9));
    }
}
