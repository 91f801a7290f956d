package org.bmsbench.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.bmsbench.firmware.loop.SimulatedClock;
import org.junit.jupiter.api.Test;

class JitQuietTest {
    private final SimulatedClock clock = new SimulatedClock(0);

    /** A compiler that finishes a compilation every {@code everyNs} until {@code busyUntilNs}. */
    private JitQuiet compiler(long everyNs, long busyUntilNs) {
        return new JitQuiet(() -> Math.min(clock.nanoTime(), busyUntilNs) / everyNs, clock, clock::advance);
    }

    @Test
    void shouldWaitUntilNoCompilationFinishedForTheQuietWindow() {
        long waited = compiler(30_000_000L, 2_000_000_000L).await(500_000_000L, 10_000_000_000L);
        // the last compilation ends at 1.98 s and is seen at the next 20 ms poll; then 0.5 s of quiet
        assertThat(waited).isBetween(1_980_000_000L, 2_000_000_000L);
        assertThat(clock.nanoTime()).isBetween(waited + 500_000_000L, waited + 520_000_000L);
    }

    @Test
    void shouldReturnAtOnceWhenTheCompilerIsAlreadyQuiet() {
        assertThat(compiler(30_000_000L, 0).await(500_000_000L, 10_000_000_000L)).isZero();
        assertThat(clock.nanoTime()).isEqualTo(500_000_000L);
    }

    @Test
    void shouldGiveUpAtTheTimeoutWhileTheCompilerIsStillBusy() {
        assertThat(compiler(30_000_000L, Long.MAX_VALUE).await(500_000_000L, 3_000_000_000L)).isEqualTo(-1);
        assertThat(clock.nanoTime()).isBetween(3_000_000_000L, 3_020_000_000L);
    }

    @Test
    void shouldReadThisJvmsCompiler() {
        JitQuiet jvm = JitQuiet.ofThisJvm();
        assertThat(jvm).isNotNull(); // HotSpot reports its compilation time
        assertThat(jvm.await(0, 1_000_000_000L)).isZero(); // no quiet window: nothing to wait for
    }
}
