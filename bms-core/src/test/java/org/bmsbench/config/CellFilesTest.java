package org.bmsbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Table1D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CellFilesTest {
    private static String smallCell() throws IOException {
        try (InputStream in = CellFilesTest.class.getResourceAsStream("/cells/small-cell.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static CellParameters parse(String yaml) {
        return CellFiles.parse(ConfigNode.parse("cell.yaml", yaml));
    }

    @Test
    void shouldReadEveryKeyOfAValidFile() throws IOException {
        CellParameters cell = parse(smallCell());
        assertThat(cell.name()).isEqualTo("small-cell");
        assertThat(cell.capacityAh().valueAt(12.5)).isCloseTo(2.75, within(1e-12));
        assertThat(cell.ocvV().valueAt(0.25, 25)).isCloseTo(3.35, within(1e-12));
        assertThat(cell.r0Ohm().valueAt(0.5, 12.5)).isCloseTo(0.035, within(1e-12));
        assertThat(cell.rcPairs()).hasSize(2);
        assertThat(cell.rcPairs().get(1).tauS().valueAt(0.9, 0)).isEqualTo(300.0);
        assertThat(cell.hysteresis().decayRate()).isEqualTo(Table1D.constant(40.0));
        assertThat(cell.hysteresis().maxV().valueAt(0.5, 25)).isCloseTo(0.015, within(1e-12));
        assertThat(cell.coulombicEfficiency()).isEqualTo(Table1D.constant(0.999));
        assertThat(cell.leakResistanceOhm()).isEqualTo(45000.0);
        assertThat(cell.thermal().heatCapacityJPerK()).isCloseTo(39.84, within(1e-9));
    }

    @Test
    void shouldTreatOptionalBlocksAsAbsent() throws IOException {
        String yaml = smallCell()
                .replaceAll("(?s)hysteresis:.*?coulombic_efficiency: 0.999\n", "")
                .replace("leak_resistance_ohm: 4.5e4\n", "");
        CellParameters cell = parse(yaml);
        assertThat(cell.hysteresis().isPresent()).isFalse();
        assertThat(cell.coulombicEfficiency()).isEqualTo(Table1D.constant(1.0));
        assertThat(cell.leakResistanceOhm()).isInfinite();
    }

    /** Each row: the text to replace, its replacement, and the start of the expected message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "- [3.0, 3.7, 4.2]|- [3.0, 3.7, 3.65]|cell.yaml:14:18: ocv.voltage_v[0][2]: OCV must rise with SOC: 3.65 at soc 1.0 is not above 3.7 at soc 0.5 (25.0 degC)",
        "soc: [0.0, 0.5, 1.0]|soc: [0.0, 0.5, 0.5]|cell.yaml:11:19: ocv.soc[2]: the soc axis must strictly increase: 0.5 follows 0.5",
        "- [0.03, 0.02]|- [0.03, -0.02]|cell.yaml:20:14: r0.resistance_ohm[1][1]: R0 must be positive, got -0.02 at soc 1.0, 25.0 degC",
        "tau_s: [[300]]|tau_s: [[0]]|cell.yaml:29:14: rc_pairs[1].tau_s[0][0]: RC time constant must be positive, got 0.0",
        "- [0.05, 0.04]|- [0.05]|cell.yaml:19:7: r0.resistance_ohm[0]: row 0 (0.0 degC) has 1 values, expected 2 (one per soc point)",
        "capacity_ah: [2.6, 2.9]|capacity_ah: [2.6, 0]|cell.yaml:9:22: capacity.capacity_ah[1]: capacity must be positive, got 0.0 at 25.0 degC",
        "mass_kg: 0.048|mass_kg: heavy|cell.yaml:38:12: thermal.mass_kg: expected a number, got text 'heavy'",
        "mass_kg: 0.048|mass_kg: 0|cell.yaml:38:12: thermal.mass_kg: mass_kg must be a finite number above zero, got 0.0",
        "coulombic_efficiency: 0.999|coulombic_efficiency: 1.2|cell.yaml:35:23: coulombic_efficiency: coulombic_efficiency must be in (0, 1], got 1.2",
        "{min_v: 2.5, max_v: 4.2}|{min_v: 4.3, max_v: 4.2}|cell.yaml:6:17: voltage_limits: min_v (4.3 V) must be below max_v (4.2 V)",
        "name: small-cell|name: Small Cell|cell.yaml:3:7: name: name must be lower-case letters, digits and '-', got 'Small Cell'",
        "format: bmsbench-cell/1|format: bmsbench-cell/2|cell.yaml:2:9: format: expected 'bmsbench-cell/1', got 'bmsbench-cell/2'",
        "decay_rate: 40|decay_rat: 40|cell.yaml:31:3: hysteresis.decay_rat: unknown key 'decay_rat'; expected one of: decay_rate, instantaneous_v, max_v, soc, temperature_c",
        "source: hand-made for the loader tests|sauce: x|cell.yaml:5:1: sauce: unknown key 'sauce'",
        "leak_resistance_ohm: 4.5e4|leak_resistance_ohm: .nan|cell.yaml:36:22: leak_resistance_ohm: expected a finite number, got .nan",
    })
    void shouldNameFileLineAndKeyOfEachProblem(String original, String replacement, String expected) throws IOException {
        String yaml = smallCell();
        assertThat(yaml).contains(original);
        String broken = yaml.replace(original, replacement);
        assertThatThrownBy(() -> parse(broken))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(expected);
    }

    @Test
    void shouldRejectADuplicateKey() throws IOException {
        String yaml = smallCell().replace("mass_kg: 0.048", "mass_kg: 0.048\n  mass_kg: 0.05");
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class)
                .hasMessage("cell.yaml:39:3: thermal.mass_kg: duplicate key 'mass_kg'");
    }

    @Test
    void shouldNameAMissingRequiredKey() throws IOException {
        String yaml = smallCell().replaceAll("(?s)r0:.*?rc_pairs:", "rc_pairs:");
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class)
                .hasMessage("cell.yaml:2:1: missing required key 'r0'");
    }

    @Test
    void shouldReportBrokenYamlWithItsLine() {
        assertThatThrownBy(() -> parse("format: bmsbench-cell/1\nname: [unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cell.yaml:3:1: not valid YAML: expected ',' or ']', but got <stream end> "
                        + "(while parsing a flow sequence that starts at line 2)");
    }

    @Test
    void shouldExplainAnUnknownPresetOrMissingFile() {
        assertThatThrownBy(() -> CellFiles.load("lg-m50"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("lg-m50: not a bundled cell preset (panasonic-18650pf) nor a path to a .yaml cell file");
        assertThatThrownBy(() -> CellFiles.load("no/such/cell.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no/such/cell.yaml: no such file");
    }
}
