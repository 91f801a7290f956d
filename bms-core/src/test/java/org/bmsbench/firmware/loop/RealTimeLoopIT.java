package org.bmsbench.firmware.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop against the machine's clock: an integration test (the wall clock, a busy machine's waits). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealTimeLoopIT {
    @Test
    void shouldRunAgainstTheMachineClockAndStopOnRequest() throws InterruptedException {
        long[] count = new long[1];
        RealTimeLoop loop = new RealTimeLoop(now -> count[0]++, Clock.SYSTEM, IdleStrategy.parkThenSpin(), 1_000_000);
        Thread runner = new Thread(() -> loop.run(60_000_000_000L));
        long startNs = System.nanoTime();
        runner.start();
        long deadline = startNs + TimeUnit.SECONDS.toNanos(30);
        while (loop.ticks() == 0 && System.nanoTime() < deadline) { // it ticks: waited for, not slept 200 ms on
            Thread.sleep(1);
        }
        Thread.sleep(200);
        loop.stop();
        runner.join(30_000);
        long elapsedNs = System.nanoTime() - startNs;
        assertThat(runner.isAlive()).as("stopped on request").isFalse();
        // it ticked, and not faster than once a millisecond of the time it ran (260 in 200 ms before: a sleep
        // on a busy machine may last longer, and the loop then ticks more, at its period)
        assertThat(loop.ticks()).isBetween(1L, elapsedNs / 1_000_000L + 1);
    }
}
