package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final StringWriter text = new StringWriter();

    @Test
    void shouldDrawABarOverFinishedAndRunningScenariosOnATerminal() {
        try (Progress progress = new Progress(new PrintWriter(text), 4, false, true)) {
            progress.started("wltc");
            progress.started("charge");
            progress.of("wltc").simulated(3600, 0.5);
            progress.of("charge").simulated(1800, Double.NaN); // an end not known in advance
            assertThat(progress.line()).matches(
                    "\\[###-----------------] {2}13%  0/4 done, \\d+\\.\\d s charge 30 min 00 s wltc 50%");
        }
        assertThat(text.toString()).as("nothing printed before the first redraw").isEmpty();
    }

    @Test
    void shouldSayHowLongIsLeftAtThePaceSoFarOnceTheRunHasGoneAWhile() {
        long[] nowMs = {1_000};
        try (Progress progress = new Progress(new PrintWriter(text), 2, false, true, () -> nowMs[0])) {
            progress.started("wltc");
            progress.of("wltc").simulated(1800, 0.5); // a quarter of the run
            nowMs[0] += 4_000;
            assertThat(progress.line()).doesNotContain("left"); // the first seconds' pace is the JIT's
            nowMs[0] += 26_000;
            assertThat(progress.line()).isEqualTo("[#####---------------]  25%  0/2 done, 30.0 s, about 1 min 30 s left"
                    + " wltc 50%");
        }
    }

    @Test
    void shouldPrintAPlainLinePerScenarioWhenNotATerminal() {
        Progress progress = new Progress(new PrintWriter(text), 2, false, false);
        progress.started("a");
        progress.failed("a", "the scenario could not run: boom");
        progress.close();
        assertThat(text.toString()).isEqualTo("[1/2] ERROR a: the scenario could not run: boom"
                + System.lineSeparator());
    }
}
