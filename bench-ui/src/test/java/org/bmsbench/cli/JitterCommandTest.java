package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code bmsbench jitter}'s options; JitterCommandIT runs it on the wall clock. */
class JitterCommandTest {
    private static final String SCENARIO = "../scenarios/drive-wltc-96s.yaml";

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
