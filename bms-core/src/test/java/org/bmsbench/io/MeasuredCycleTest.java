package org.bmsbench.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.bmsbench.config.ConfigException;
import org.bmsbench.sim.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuredCycleTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void shouldReadColumnsByNameInAnyOrderAndIgnoreOthers() throws IOException {
        Path file = write("cycle.csv", "step,current_a,time_s,voltage_v\n1,0.5,0.0,4.1\n1,1.5,0.1,4.0\n2,-1,0.1,4.2\n");
        MeasuredCycle cycle = MeasuredCycle.read(file);
        assertThat(cycle.samples()).isEqualTo(3);
        assertThat(cycle.timeS()).containsExactly(0.0, 0.1, 0.1);
        assertThat(cycle.currentA()).containsExactly(0.5, 1.5, -1.0);
        assertThat(cycle.voltageV()).hasValueSatisfying(v -> assertThat(v).containsExactly(4.1, 4.0, 4.2));
        assertThat(cycle.temperatureC()).isEmpty();
        assertThat(cycle.dischargedAh()).isEmpty();
    }

    @Test
    void shouldReadGzipWhateverTheFileIsCalled() throws IOException {
        Path file = dir.resolve("compressed.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("time_s,current_a\n0,1\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(MeasuredCycle.read(file).currentA()).containsExactly(1.0, 2.0);
    }

    @Test
    void shouldNameWhatIsWrongWithAFile() throws IOException {
        assertThatThrownBy(() -> MeasuredCycle.read(write("a.csv", "time_s,amps\n0,1\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("a.csv:1: missing column 'current_a'; the header has: time_s, amps; "
                        + "required: time_s, current_a");
        assertThatThrownBy(() -> MeasuredCycle.read(write("b.csv", "time_s,current_a\n0,1\n1,2\n0.5,3\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("b.csv:4: time_s: time_s must not decrease: 0.5 follows 1.0 on line 3");
        assertThatThrownBy(() -> MeasuredCycle.read(write("c.csv", "time_s,current_a\n0,1\n1,two\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("c.csv:3: current_a: expected a number, got 'two'");
        assertThatThrownBy(() -> MeasuredCycle.read(write("d.csv", "time_s,current_a\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no data rows under the header");
        assertThatThrownBy(() -> MeasuredCycle.read(dir.resolve("missing.csv")))
                .isInstanceOf(ConfigException.class).hasMessageEndingWith("missing.csv: no such file");
    }

    @Test
    void shouldRefuseWhatIsNotAPlainNumberOrNotAReading() throws IOException {
        for (String text : new String[] {"1d", "0x1p3", "NaN", "Infinity", "1e", ".", "1.2.3", "--1", "1e400"}) {
            assertThatThrownBy(() -> MeasuredCycle.read(write("n.csv", "time_s,current_a\n0,1\n1," + text + "\n")))
                    .as(text).isInstanceOf(ConfigException.class)
                    .hasMessageEndingWith(text.equals("1e400") ? "n.csv:3: current_a: expected a finite number, got"
                            + " '1e400'" : "n.csv:3: current_a: expected a number, got '" + text + "'");
        }
        assertThat(MeasuredCycle.read(write("ok.csv", "time_s,current_a\n0,-1.5e-3\n.5,+2.\n")).currentA())
                .containsExactly(-1.5e-3, 2.0);
        assertThatThrownBy(() -> MeasuredCycle.read(write("i.csv", "time_s,current_a\n0,1\n1,1e300\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("i.csv:3: current_a: a current must be from -100000.0 to 100000.0, got 1.0E300");
        assertThatThrownBy(() -> MeasuredCycle.read(write("t.csv", "time_s,current_a,temperature_c\n0,1,25\n1,1,-300\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("t.csv:3: temperature_c: a temperature must be from -273.15 to 1000.0, got -300.0");
    }

    @Test
    void shouldRefuseAFileThatIsNotARegularFile() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThatThrownBy(() -> MeasuredCycle.read(fifo)).isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("pipe.csv: not a regular file");
    }

    @Test
    void shouldStopAtTheRowLimitInsteadOfFillingTheMemory() throws IOException {
        // a gzip that expands without end: the limit is met long before the end, with the line it was met on
        Path bomb = dir.resolve("bomb.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            out.write("time_s,current_a\n".getBytes(StandardCharsets.UTF_8));
            byte[] row = "1,1\n".getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k < 100; k++) {
                out.write(row);
            }
        }
        String old = System.getProperty(NumericCsv.MAX_ROWS_PROPERTY);
        System.setProperty(NumericCsv.MAX_ROWS_PROPERTY, "50");
        try {
            assertThatThrownBy(() -> MeasuredCycle.read(bomb)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("bomb.csv.gz:52: more than 50 rows: the bench reads at most that many");
        } finally {
            if (old == null) {
                System.clearProperty(NumericCsv.MAX_ROWS_PROPERTY);
            } else {
                System.setProperty(NumericCsv.MAX_ROWS_PROPERTY, old);
            }
        }
    }

    @Test
    void shouldReadTheReferenceMeasurements() {
        MeasuredCycle cycle = MeasuredCycle.read(ReferenceData.file("cells/panasonic-18650pf/25degC_US06.csv.gz"));
        assertThat(cycle.samples()).isEqualTo(48061);
        assertThat(cycle.temperatureC()).isPresent();
        double[] ah = cycle.dischargedAh().orElseThrow();
        assertThat(ah[ah.length - 1]).isBetween(2.5, 3.0);
    }

    @Test
    void shouldLoadABundledCycleByNameOrAFileByPath() throws IOException {
        assertThat(SpeedTraces.load("nedc").durationS()).isEqualTo(1179.0); // 1180 samples, 0 to 1179 s
        Path file = write("ramp.csv", "time_s,speed_mps\n0,0\n10,20\n20,0\n");
        assertThat(SpeedTraces.load(file.toString()).distanceM()).isEqualTo(200.0);
        assertThatThrownBy(() -> SpeedTraces.load("wltc"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("wltc: not a bundled drive cycle (udds, hwfet, us06, wltc-3b, nedc) nor a path to a .csv speed trace");
        Path backwards = write("backwards.csv", "time_s,speed_mps\n0,0\n10,20\n5,0\n");
        assertThatThrownBy(() -> SpeedTraces.load(backwards.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("backwards.csv:4: time_s: time_s must increase from row to row: 5.0 follows 10.0 on line 3");
        Path reversing = write("reversing.csv", "time_s,speed_mps\n0,0\n1,-2\n");
        assertThatThrownBy(() -> SpeedTraces.load(reversing.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("reversing.csv:3: speed_mps: speed_mps must be 0.0 or more, got -2.0");
    }
}
