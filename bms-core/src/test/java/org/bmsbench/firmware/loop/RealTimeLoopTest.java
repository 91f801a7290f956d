package org.bmsbench.firmware.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop on an injected clock; RealTimeLoopIT runs it against the machine's. */
class RealTimeLoopTest {
    /** A clock that moves 100 us whenever the loop idles, and by whatever a tick costs. */
    private static final class SteppingClock implements Clock {
        long nowNs;

        @Override
        public long nanoTime() {
            return nowNs;
        }
    }

    @Test
    void shouldTickOncePerPeriodOnSchedule() {
        SteppingClock clock = new SteppingClock();
        List<Long> ticks = new ArrayList<>();
        RealTimeLoop loop = new RealTimeLoop(ticks::add, clock, remaining -> clock.nowNs += 100_000, 1_000_000);
        loop.run(10_000_000);
        assertThat(ticks).containsExactly(0L, 1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L, 5_000_000L,
                6_000_000L, 7_000_000L, 8_000_000L, 9_000_000L);
        assertThat(loop.skippedPeriods()).isZero();
    }

    @Test
    void shouldSkipLostPeriodsInsteadOfBunchingTicks() {
        SteppingClock clock = new SteppingClock();
        List<Long> ticks = new ArrayList<>();
        RealTimeLoop loop = new RealTimeLoop(now -> {
            ticks.add(now);
            if (now == 2_000_000L) {
                clock.nowNs += 3_500_000; // this tick stalls for 3.5 ms
            }
        }, clock, remaining -> clock.nowNs += 100_000, 1_000_000);
        loop.run(8_000_000);
        // the stalled tick ends at 5.5 ms: the 3, 4 and 5 ms periods are gone, the next tick is at 6 ms
        assertThat(ticks).containsExactly(0L, 1_000_000L, 2_000_000L, 5_500_000L, 6_000_000L, 7_000_000L);
        assertThat(loop.skippedPeriods()).isEqualTo(2);
    }
}
