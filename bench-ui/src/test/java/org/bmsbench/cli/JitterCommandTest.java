package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code bmsbench jitter}: it runs and reports; it measures nothing here (the figures are in docs/performance.md). */
class JitterCommandTest {
    private static final String SCENARIO = "../scenarios/drive-wltc-96s.yaml";

    @Test
    void shouldReportTickLatenessAfterAShortRun() {
        Console console = new Console();
        assertThat(console.run("jitter", SCENARIO, "--duration-s", "1")).as(console.err.toString()).isZero();
        assertThat(console.out.toString()).contains("drive-wltc-96s on the wall clock for 1 s, park idle (JIT warm-up:"
                        + " 600 simulated s, then compiling")
                // a second of 1 ms ticks: 1000 when the loop kept up, fewer when a busy machine made it skip periods
                // (876 under stress-ng --cpu 2 on 2 cores); how many is the machine's punctuality, not the command's
                .containsPattern("tick lateness \\([1-9]\\d* ticks, corrected for coordinated omission\\): p50 [0-9.]+"
                        + " us")
                .containsPattern("max [0-9.]+ us \\(at \\d+\\.\\d{3} s\\)") // the last tick may be the latest
                .containsPattern("plant at 1\\.0 s");
    }

    @Test
    void shouldPublishTelemetryOnlyFromTheMeasuredRun() {
        Console console = new Console();
        assertThat(console.run("jitter", SCENARIO, "--duration-s", "1", "--telemetry")).as(console.err.toString())
                .isZero();
        // 10 Hz status and 1 Hz cells over a second, and the last; none from the warm-up's 600 simulated seconds
        assertThat(console.out.toString()).contains(", MQTT telemetry to tcp://127.0.0.1:")
                .containsPattern("mqtt bmsbench/jitter: (9|10|11) status, [12] cells, \\d+ events acknowledged; 0"
                        + " telemetry dropped")
                .contains("connected 1 times, 0 failed attempts");
    }

    @Test
    void shouldExitOneWhenTheLatenessIsAboveTheGate() {
        // 1 ns: no loop on a wall clock starts its ticks closer than that (nanoTime alone takes tens of ns)
        Console console = new Console();
        assertThat(console.run("jitter", SCENARIO, "--duration-s", "0.2", "--max-p999-us", "0.001")).isEqualTo(1);
        assertThat(console.out.toString()).containsPattern("p99.9 lateness [0-9.]+ us is above --max-p999-us 0.0");
    }

    @Test
    void shouldRefuseBadOptions() {
        Console idle = new Console();
        assertThat(idle.run("jitter", SCENARIO, "--idle", "nap")).isEqualTo(2);
        assertThat(idle.err.toString()).contains("--idle must be park, spin or yield, got 'nap'");
        Console duration = new Console();
        assertThat(duration.run("jitter", SCENARIO, "--duration-s", "0")).isEqualTo(2);
        assertThat(duration.err.toString()).contains("--duration-s must be above zero");
        Console gate = new Console();
        assertThat(gate.run("jitter", SCENARIO, "--max-p999-us", "0")).isEqualTo(2);
        assertThat(gate.err.toString()).contains("--max-p999-us must be above zero");
    }
}
