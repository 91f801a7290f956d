package org.bmsbench.firmware.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParkThenSpinTest {
    private final SimulatedClock clock = new SimulatedClock(0);
    private final List<Long> parks = new ArrayList<>();

    private long oversleepNs;

    /** A park that sleeps what it is asked and {@link #oversleepNs} more. */
    private ParkThenSpin oversleeping(long ns) {
        oversleepNs = ns;
        return new ParkThenSpin(clock, sleepNs -> {
            parks.add(sleepNs);
            clock.advance(sleepNs + oversleepNs);
        });
    }

    @Test
    void shouldLearnTheOversleepBeforeTheClockCounts() {
        ParkThenSpin idle = oversleeping(600_000L);
        idle.prepare(1_000_000L);
        assertThat(parks).hasSize(ParkThenSpin.CALIBRATION_PARKS).containsOnly(500_000L);
        assertThat(idle.marginNs()).isEqualTo(900_000L); // the oversleep and half again
        parks.clear();
        idle.idle(950_000L); // within the margin and its 100 us: spins
        assertThat(parks).isEmpty();
        idle.idle(5_000_000L); // parks short of the tick by the margin
        assertThat(parks).containsExactly(4_100_000L);
    }

    @Test
    void shouldLetTheMarginDecayOnceTheMachineStopsOversleeping() {
        ParkThenSpin idle = oversleeping(1_000_000L);
        idle.prepare(20_000_000L);
        assertThat(idle.marginNs()).isEqualTo(1_500_000L);
        oversleepNs = 0;
        idle.idle(10_000_000L);
        assertThat(idle.marginNs()).isEqualTo(1_485_000L); // 1 % a park
        for (int k = 0; k < 1000; k++) {
            idle.idle(10_000_000L);
        }
        assertThat(idle.marginNs()).isEqualTo(ParkThenSpin.MIN_MARGIN_NS);
    }
}
