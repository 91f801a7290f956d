package org.bmsbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table2D;
import org.junit.jupiter.api.Test;

class CellFileWriterTest {
    private static final CellParameters PRESET = CellFiles.preset("panasonic-18650pf");

    @Test
    void shouldWriteAFileThatReadsBackToTheSameCell() {
        String text = CellFileWriter.write(PRESET, null, List.of("Written by the test."));
        CellParameters back = CellFiles.parse(ConfigNode.parse("written.yaml", text));

        assertThat(text).startsWith("# Written by the test.\n\nformat: bmsbench-cell/1\n");
        assertThat(back.name()).isEqualTo(PRESET.name());
        assertThat(back.source()).isEqualTo(PRESET.source());
        assertSameTable(back.ocvV(), PRESET.ocvV());
        assertSameTable(back.r0Ohm(), PRESET.r0Ohm());
        for (int k = 0; k < PRESET.rcPairs().size(); k++) {
            RcPair written = back.rcPairs().get(k);
            assertSameTable(written.resistanceOhm(), PRESET.rcPairs().get(k).resistanceOhm());
            assertSameTable(written.tauS(), PRESET.rcPairs().get(k).tauS());
        }
        assertThat(back.hysteresis().decayRate()).isEqualTo(PRESET.hysteresis().decayRate());
        assertSameTable(back.hysteresis().maxV(), PRESET.hysteresis().maxV());
        assertThat(back.capacityAh().values()).containsExactly(PRESET.capacityAh().values());
        assertThat(back.thermal()).isEqualTo(PRESET.thermal());
        assertThat(back.leakResistanceOhm()).isEqualTo(PRESET.leakResistanceOhm());
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(110));
    }

    @Test
    void shouldKeepTheFitRecord() {
        CellFitRecord record = new CellFitRecord("bmsbench fit", 2, 0.0098,
                List.of(new CellFitRecord.FileEntry("ocv.csv", "ocv", 25.2),
                        new CellFitRecord.FileEntry("hppc.csv", "pulses", 25.8)),
                List.of(new CellFitRecord.PulseEntry("hppc.csv", 25.8, 0.5, 2.9, 0.0012)),
                List.of(new CellFitRecord.DriveEntry("us06.csv", "fit", 29.4, 0.0123),
                        new CellFitRecord.DriveEntry("cycle.csv", "check", 12.1, 0.0211)));
        String text = CellFileWriter.write(PRESET, record, List.of());
        ConfigNode root = ConfigNode.parse("written.yaml", text);

        assertThat(CellFiles.fitRecord(root.get("fit"))).isEqualTo(record);
    }

    @Test
    void shouldRejectAFitRecordWithAnUnknownTest() {
        String text = CellFileWriter.write(PRESET, null, List.of())
                + "fit:\n  tool: x\n  rc_pairs: 2\n  tester_offset_a: 0\n  files:\n"
                + "    - {file: a.csv, test: drive, temperature_c: 25}\n  pulses: []\n";
        assertThatThrownBy(() -> CellFiles.parse(ConfigNode.parse("bad.yaml", text)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("test must be ocv or pulses, got 'drive'");
    }

    private static void assertSameTable(Table2D actual, Table2D expected) {
        assertThat(actual.soc()).containsExactly(expected.soc());
        assertThat(actual.temperatureC()).containsExactly(expected.temperatureC());
        assertThat(actual.values()).isDeepEqualTo(expected.values());
    }
}
