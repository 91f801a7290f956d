package org.bmsbench.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacer on a clock moved by hand: what it waits is recorded, never slept. */
class PacerTest {
    private long nowNs = 5_000_000_000L;
    private final List<Long> waitsNs = new ArrayList<>();

    private Pacer pacer(double speed) {
        return new Pacer(speed, () -> nowNs, waitsNs::add);
    }

    @Test
    void shouldWaitUntilTheWallClockCatchesUpWithTheSimulationAtItsSpeed() {
        Pacer pacer = pacer(2.0);
        pacer.hold(10.0); // the first step starts the wall clock
        nowNs += 100_000_000L;
        pacer.hold(11.0); // 1 s simulated at 2x is due 0.5 s after the start; 0.1 s has passed
        assertThat(waitsNs).containsExactly(400_000_000L);
    }

    @Test
    void shouldNotWaitWhenBehindNorMakeUpForAStall() {
        Pacer pacer = pacer(1.0);
        pacer.hold(0.0);
        nowNs += 2_000_000_000L; // a 1 s stall
        pacer.hold(1.0);
        assertThat(waitsNs).isEmpty();
        pacer.hold(1.5); // the next half second is paced from the stall's end, not run at once
        assertThat(waitsNs).containsExactly(500_000_000L);
    }

    @Test
    void shouldMakeUpSmallLatenessToHoldTheSpeedOnAverage() {
        Pacer pacer = pacer(1.0);
        pacer.hold(0.0);
        nowNs += 1_050_000_000L; // 50 ms late: jitter, not a stall
        pacer.hold(1.0);
        pacer.hold(1.5);
        assertThat(waitsNs).containsExactly(450_000_000L);
    }

    @Test
    void shouldRunAsFastAsItGoesAtNaNAndStartAgainAtANewSpeed() {
        Pacer pacer = pacer(Double.NaN);
        pacer.hold(0.0);
        pacer.hold(100.0);
        assertThat(waitsNs).isEmpty();

        nowNs += 1_000_000_000L;
        pacer.setSpeed(4.0, 100.0);
        pacer.hold(101.0);
        assertThat(waitsNs).containsExactly(250_000_000L);
        assertThat(pacer.speed()).isEqualTo(4.0);
    }

    @Test
    void shouldRefuseASpeedOfZeroOrBelow() {
        assertThatThrownBy(() -> pacer(0.0)).hasMessageContaining("above zero");
        assertThatThrownBy(() -> pacer(1.0).setSpeed(-1.0, 0)).hasMessageContaining("got -1.0");
    }
}
