package org.bmsbench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.junit.jupiter.api.Test;

/** A run shows what the BMS saw beside the plant's truth: its measured cells, the cell that tripped, its sigma. */
class BmsViewTest {
    private static final Path OVERVOLTAGE = Path.of("..", "scenarios", "fault-overvoltage-sensor.yaml");

    @Test
    void shouldNameTheCellWhoseMeasuredVoltageTrippedTheFault() {
        ScenarioResult result = new ScenarioRunner().run(ScenarioFiles.read(OVERVOLTAGE));

        ScenarioEvent.FaultChanged trip = result.events().stream()
                .filter(e -> e instanceof ScenarioEvent.FaultChanged f && f.raised()
                        && f.id() == FaultId.CELL_OVERVOLTAGE && f.level() == FaultLevel.FATAL)
                .map(e -> (ScenarioEvent.FaultChanged) e).findFirst().orElseThrow();
        // the scenario offsets cell 17's channel (index 16) by 0.25 V on cells near 4.04 V
        assertThat(trip.cell()).isEqualTo(16);
        assertThat(trip.value()).isCloseTo(4.29, within(0.02));
        assertThat(trip.unit()).isEqualTo("V");
        assertThat(trip.detail()).matches("fatal, 4\\.2\\d{4} V, cell 17");
        // the BMS saw the offset, the plant's cells never went near it
        assertThat(result.max(Signal.CELL_VOLTAGE_MAX_MEASURED_V)).isGreaterThanOrEqualTo(trip.value());
        assertThat(result.max(Signal.CELL_VOLTAGE_MAX_V)).isLessThan(4.1);
        assertThat(result.max(Signal.CELL_VOLTAGE_SPREAD_MEASURED_V)).isGreaterThan(0.2);
    }

    @Test
    void shouldCarryNoCellOnAFaultThatIsNotOneCells() {
        ScenarioEvent.FaultChanged f = new ScenarioEvent.FaultChanged(0, FaultId.ISOLATION_LOW, FaultLevel.WARNING,
                true, 90_000);

        assertThat(f.cell()).isEqualTo(-1);
        assertThat(f.detail()).isEqualTo("warning, 90000.0 Ohm");
    }

    @Test
    void shouldSummariseTheRunInBucketsThatCoverItAll() {
        ScenarioResult result = new ScenarioRunner().run(ScenarioFiles.read(OVERVOLTAGE));
        SignalSeries series = result.series();

        assertThat(series.buckets()).isEqualTo(SignalSeries.BUCKETS);
        assertThat(series.startS(series.buckets() - 1) + series.widthS()).isGreaterThanOrEqualTo(result.simulatedS());
        double highest = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < series.buckets(); k++) {
            highest = Math.max(highest, series.max(Signal.CELL_VOLTAGE_MAX_MEASURED_V, k));
            assertThat(series.min(Signal.PACK_CURRENT_A, k)).isLessThanOrEqualTo(series.max(Signal.PACK_CURRENT_A, k));
        }
        assertThat(highest).isEqualTo(result.max(Signal.CELL_VOLTAGE_MAX_MEASURED_V));
        assertThat(result.max(Signal.SOC_SIGMA)).isGreaterThan(0);
    }
}
