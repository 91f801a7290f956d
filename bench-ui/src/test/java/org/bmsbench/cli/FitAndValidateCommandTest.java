package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bmsbench.config.CellFitRecord;
import org.bmsbench.config.CellFiles;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.fit.FittedTables;
import org.bmsbench.fit.SyntheticTest;
import org.bmsbench.model.CellParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmsbench fit} and {@code validate} end to end, on tests recorded from the bundled cell. */
class FitAndValidateCommandTest {
    @TempDir
    static Path dir;

    static Path ocv;
    static Path hppc;
    static Path drive;

    @BeforeAll
    static void recordTests() throws IOException {
        CellParameters cell = CellFiles.preset("panasonic-18650pf");
        ocv = dir.resolve("ocv.csv");
        new SyntheticTest(cell, 1.0, 1.0, 25.0).rest(3600, 60).until(0.145, 2.5, 60).rest(3600, 60)
                .until(-0.145, 4.2, 60).rest(3600, 60).write(ocv);
        hppc = dir.resolve("hppc.csv");
        SyntheticTest pulses = new SyntheticTest(cell, 1.0, 1.0, 25.0).rest(600, 1);
        for (int point = 0; point < 6; point++) {
            for (double current : new double[] {2.9, 5.8}) {
                pulses.rest(10, 0.1).current(current, 10, 0.1).rest(2, 0.1).rest(598, 1);
            }
            pulses.unlogged(0.97, 1500).unlogged(0, 1800);
        }
        pulses.write(hppc);
        drive = dir.resolve("drive.csv");
        SyntheticTest driving = new SyntheticTest(cell, 1.0, 1.0, 25.0);
        for (int cycle = 0; cycle < 40; cycle++) {
            driving.current(8.0, 20, 0.1).current(1.0, 60, 0.1).current(-2.0, 10, 0.1).rest(30, 0.1);
        }
        driving.rest(600, 1).write(drive);
    }

    @Test
    void shouldFitACellFileThatValidatesOnADriveItDidNotSee() throws IOException {
        Console console = new Console();
        Path cell = dir.resolve("fitted.yaml");
        int code = console.run("fit", "--ocv", ocv.toString(), "--hppc", hppc.toString(), "--out", cell.toString(),
                "--source", "Recorded from the bundled cell by the test.");
        assertThat(code).as(console.err.toString()).isZero();
        assertThat(console.out.toString()).contains("ocv.csv: low-rate test at 0.145 A").contains("hppc.csv: 6 soc"
                + " points at 25.0 degC").contains("wrote " + cell);
        String text = Files.readString(cell);
        assertThat(text).startsWith("# Written by bmsbench fit").contains("name: fitted")
                .contains("Recorded from the bundled cell by the test. Fitted by bmsbench fit").contains("\nfit:");
        CellParameters fitted = CellFiles.read(cell);
        assertThat(fitted.rcPairs()).hasSize(2);
        assertPrintsTheRowsItWrote(console, fitted);

        Console validate = new Console();
        Path plot = dir.resolve("drive.png");
        code = validate.run("validate", "--cell", cell.toString(), "--data", drive.toString(), "--initial-soc",
                "0.8", "--json", "--plot", plot.toString(), "--current-alignment", "previous");
        assertThat(code).as(validate.err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(validate.out.toString());
        assertThat(json.get("samples").asInt()).isGreaterThan(48_000);
        assertThat(json.get("initial_soc").asDouble()).isEqualTo(0.8);
        // 5.4 mV when written: most of it in the top 10 % of soc, where the fitted pairs are the next set's (the
        // first set's are left out, see CellFit) and the source's are smaller
        assertThat(json.get("voltage_rmse_v").asDouble()).as("the fitted model against its source").isLessThan(0.007);
        assertThat(json.get("voltage_max_abs_error_v").asDouble()).isLessThan(0.05);
        assertThat(json.get("soc_rmse_after_300s").asDouble()).isLessThan(0.01);
        assertThat(json.get("soc_max_abs_error_after_300s").asDouble()).isLessThan(0.02);
        assertThat(json.has("soc_rmse")).isTrue();
        assertThat(json.has("soc_max_abs_error")).isTrue();
        byte[] png = Files.readAllBytes(plot);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void shouldValidateTheBundledCellOnItsOwnDriveToWithinRounding() {
        Console console = new Console();
        // the synthetic tester logs each current as it applies it: the previous sample's current flowed
        int code = console.run("validate", "--cell", "panasonic-18650pf", "--data", drive.toString(),
                "--current-alignment", "previous");
        assertThat(code).as(console.err.toString()).isZero();
        assertThat(console.out.toString()).contains("terminal voltage: 0.0 mV RMS")
                .contains("soc (ekf from 1.000)");
        // read as a logger that samples both together, the same log is off by the current steps' R0 drops
        Console sameSample = new Console();
        assertThat(sameSample.run("validate", "--cell", "panasonic-18650pf", "--data", drive.toString())).isZero();
        assertThat(sameSample.out.toString()).doesNotContain("terminal voltage: 0.0 mV RMS");
    }

    @Test
    void shouldValidateSeveralFilesWithATableTheAggregateAndTheNewFigures() throws IOException {
        Path folder = dir.resolve("drives");
        Files.createDirectories(folder);
        Files.copy(drive, folder.resolve("a.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(drive, folder.resolve("b.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Console table = new Console();
        int code = table.run("validate", "--cell", "panasonic-18650pf", "--data", folder.toString(),
                "--current-alignment", "previous", "--initial-soc", "0.8");
        assertThat(code).as(table.err.toString()).isZero();
        assertThat(table.out.toString()).contains("panasonic-18650pf on 2 files, ekf from 0.800")
                .contains("a.csv").contains("b.csv").contains("all (pooled; worst max)");

        Console json = new Console();
        code = json.run("validate", "--cell", "panasonic-18650pf", "--data", folder.resolve("a.csv").toString(),
                folder.resolve("b.csv").toString(), "--current-alignment", "previous", "--initial-soc", "0.8",
                "--json");
        assertThat(code).as(json.err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out.toString());
        assertThat(root.get("files")).hasSize(2);
        JsonNode first = root.get("files").get(0);
        for (String key : new String[] {"voltage_rmse_v", "soc_rmse_after_300s", "voltage_rmse_above_5pct_soc_v",
            "soc_rmse_above_5pct_soc", "soc_3sigma_coverage", "time_to_within_2pct_s"}) {
            assertThat(first.has(key)).as(key).isTrue();
        }
        // the model is the recording's own cell: exact voltage, a soc that converges and a band that holds it
        assertThat(first.get("voltage_rmse_above_5pct_soc_v").asDouble()).isLessThan(1e-4);
        assertThat(first.get("time_to_within_2pct_s").asDouble()).isLessThan(60);
        assertThat(first.get("soc_3sigma_coverage").asDouble()).isGreaterThan(0.95);
        JsonNode aggregate = root.get("aggregate");
        assertThat(aggregate.get("files").asInt()).isEqualTo(2);
        assertThat(aggregate.get("soc_rmse_after_300s").asDouble())
                .isCloseTo(first.get("soc_rmse_after_300s").asDouble(), org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void shouldRefineOnADriveAndReportTheResidualOnEveryDrive() throws IOException {
        Console console = new Console();
        Path cell = dir.resolve("refined.yaml");
        int code = console.run("fit", "--ocv", ocv.toString(), "--hppc", hppc.toString(), "--dynamic",
                drive.toString(), "--check", drive.toString(), "--current-alignment", "previous", "--out",
                cell.toString());
        assertThat(code).as(console.err.toString()).isZero();
        assertThat(console.out.toString()).contains("dynamic fit: scales of R0").contains("drive.csv")
                .contains("fit ").contains("check");
        String text = Files.readString(cell);
        assertThat(text).contains("refined on drive.csv").contains("  drives:")
                .contains("- {file: \"drive.csv\", use: fit, temperature_c: 25.0, residual_rms_v: ")
                .contains("- {file: \"drive.csv\", use: check, temperature_c: 25.0, residual_rms_v: ");
        assertPrintsTheRowsItWrote(console, CellFiles.read(cell)); // the refined rows, not the pulse fit's
        CellFitRecord record = CellFiles.fitRecord(ConfigNode.read(cell).get("fit"));
        // the drive came from the bundled cell: refined, the model follows it within a few millivolts
        assertThat(record.drives()).hasSize(2).allSatisfy(d -> assertThat(d.residualRmsV()).isLessThan(0.006));
    }

    @Test
    void shouldExplainFilesItCannotUseWithExitCodeTwo() throws IOException {
        Path noVoltage = dir.resolve("no-voltage.csv");
        Files.writeString(noVoltage, "time_s,current_a\n0,0\n1,1\n");
        assertBadInput(new String[] {"validate", "--cell", "panasonic-18650pf", "--data", noVoltage.toString()},
                "no-voltage.csv: no voltage_v column");
        Path backwards = dir.resolve("backwards.csv");
        Files.writeString(backwards, "time_s,current_a,voltage_v\n0,0,4.1\n2,1,4.0\n1,1,4.0\n");
        assertBadInput(new String[] {"validate", "--cell", "panasonic-18650pf", "--data", backwards.toString()},
                "backwards.csv:4");
        assertBadInput(new String[] {"fit", "--ocv", ocv.toString(), "--hppc", ocv.toString(), "--out",
                dir.resolve("x.yaml").toString()}, "ocv.csv: no current pulses found");
        assertBadInput(new String[] {"fit", "--ocv", hppc.toString(), "--hppc", hppc.toString(), "--out",
                dir.resolve("x.yaml").toString()}, "hppc.csv: not a low-rate OCV test");
        assertBadInput(new String[] {"fit", "--ocv", ocv.toString(), "--hppc", hppc.toString(), "--hppc",
                hppc.toString(), "--out", dir.resolve("x.yaml").toString()},
                "hppc.csv: a second pulse test at 25.0 degC (hppc.csv): give one per temperature");
        assertBadInput(new String[] {"fit", "--ocv", ocv.toString(), "--hppc", hppc.toString(), "--rc-pairs", "3",
                "--out", dir.resolve("x.yaml").toString()}, "--rc-pairs must be 1 or 2, got 3");
        assertBadInput(new String[] {"validate", "--cell", "panasonic-18650pf", "--data", drive.toString(),
                "--estimator", "ukf"}, "--estimator must be ekf, spkf or coulomb, got 'ukf'");
        assertBadInput(new String[] {"fit", "--ocv", ocv.toString(), "--hppc", hppc.toString(), "--check",
                drive.toString(), "--out", dir.resolve("x.yaml").toString()},
                "--check reports the dynamic fit's error on other drives: give the drives to fit with --dynamic");
        assertBadInput(new String[] {"validate", "--cell", "panasonic-18650pf", "--data", drive.toString(),
                "--current-alignment", "next"}, "--current-alignment must be same-sample or previous, got 'next'");
        Path empty = dir.resolve("empty-folder");
        Files.createDirectories(empty);
        assertBadInput(new String[] {"validate", "--cell", "panasonic-18650pf", "--data", empty.toString()},
                "empty-folder: no .csv or .csv.gz files in this folder");
    }

    /** Every row of R0 and the RC pairs the file holds is printed, as the file holds it, and in its order. */
    private static void assertPrintsTheRowsItWrote(Console console, CellParameters written) {
        List<String> rows = FittedTables.rows(written);
        assertThat(rows).hasSize(1 + written.r0Ohm().soc().length);
        assertThat(console.out.toString().lines().toList()).containsSequence(rows);
    }

    private static void assertBadInput(String[] args, String message) {
        Console console = new Console();
        assertThat(console.run(args)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(console.err.toString()).startsWith("bmsbench: ").contains(message).doesNotContain("\tat ");
    }
}
