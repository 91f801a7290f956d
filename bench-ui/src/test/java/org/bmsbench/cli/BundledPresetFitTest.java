package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bmsbench.config.CellFiles;
import org.bmsbench.sim.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled preset is what {@code bmsbench fit} writes from the data set's low-rate test and its four pulse
 * tests, byte for byte: the command in docs/characterisation.md regenerates it.
 */
class BundledPresetFitTest {
    private static final String DATA = "cells/panasonic-18650pf/";
    private static final String CITATION = "Kollmeyer, P., \"Panasonic 18650PF Li-ion Battery Data\", Mendeley Data,"
            + " 2018, doi:10.17632/wykht8y7tg.1 (CC BY 4.0).";

    @TempDir
    Path dir;

    @Test
    void shouldRegenerateTheBundledPresetFromTheMeasurements() throws IOException {
        Path out = dir.resolve("panasonic-18650pf.yaml");
        Console console = new Console();
        int code = console.run("fit", "--ocv", data("25degC_C20_OCV.csv.gz"),
                "--hppc", data("25degC_HPPC.csv.gz"), "--hppc", data("10degC_HPPC.csv.gz"),
                "--hppc", data("0degC_HPPC.csv.gz"), "--hppc", data("n10degC_HPPC.csv.gz"),
                "--name", "panasonic-18650pf",
                "--description", CellFiles.preset("panasonic-18650pf").description(),
                "--source", CITATION, "--out", out.toString());
        assertThat(code).as(console.err.toString()).isZero();
        assertThat(Files.readString(out)).isEqualTo(bundled());
    }

    private static String data(String name) {
        return ReferenceData.file(DATA + name).toString();
    }

    private static String bundled() throws IOException {
        try (InputStream in = BundledPresetFitTest.class.getResourceAsStream(
                "/org/bmsbench/cells/panasonic-18650pf.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
