package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BmsBenchTest {
    @TempDir
    Path dir;

    private final Console console = new Console();
    private final StringWriter out = console.out;
    private final StringWriter err = console.err;

    private int run(String... args) {
        return console.run(args);
    }

    @Test
    void shouldDriveAPackThroughACycleAndWriteItsTrace() throws IOException {
        Path trace = dir.resolve("trace.csv");
        int code = run("plant", "--cycle", "us06", "--series", "12", "--parallel", "2", "--trace", trace.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("12s2p panasonic-18650pf")
                .contains("stopped at 600.")
                .contains("end of the cycle");
        List<String> lines = Files.readAllLines(trace);
        assertThat(lines.get(0)).startsWith("time_s,pack_current_a,pack_voltage_v");
        assertThat(lines).hasSizeBetween(600, 603); // one row a second
    }

    @Test
    void shouldStopAtACellVoltageLimitWithoutABms() {
        int code = run("plant", "--cycle", "us06", "--repeat", "20", "--series", "4", "--soc", "0.2",
                "--car-battery-kwh", "5");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("below its 2.50 V limit");
    }

    @Test
    void shouldExplainBadInputWithExitCodeTwo() throws IOException {
        Path cell = dir.resolve("bad-cell.yaml");
        Files.writeString(cell, "format: bmsbench-cell/1\nname: x\n");
        assertThat(run("plant", "--cell", cell.toString())).isEqualTo(2);
        assertThat(err.toString()).as("stderr").hasToString("bmsbench: " + cell + ":1:1: missing required key 'source'" + System.lineSeparator());
        assertThat(run("plant", "--series", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("bmsbench: --series must be 1 or more, got 0");
        assertThat(run("plant", "--step-ms", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--step-ms must be above 0 and at most 1000, got 0.0");
        assertThat(run("plant", "--car-battery-kwh", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--car-battery-kwh must be above 0, got 0.0");
        assertThat(run("plant", "--cycle", "wltc")).isEqualTo(2);
        assertThat(err.toString()).contains("wltc: not a bundled drive cycle");
        assertThat(out.toString()).isEmpty(); // refused before anything ran
    }
}
