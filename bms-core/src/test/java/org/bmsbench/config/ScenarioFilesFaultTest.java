package org.bmsbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmsbench.port.ContactorId;
import org.bmsbench.scenario.ScheduledFault;
import org.bmsbench.sim.PlantFault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The {@code faults:} list of a scenario file: every fault type with its target and value keys, and what is said
 * when one is wrong (a 4s2p pack: 4 channels, 8 cells, 8 temperature sensors).
 */
class ScenarioFilesFaultTest {
    private static final String HEAD = "name: s\npack: {series: 4, parallel: 2, initial: {soc: 0.5}}\n"
            + "simulation: {duration_s: 10}\nexpect:\n  - {state: normal, by_s: 1}\nfaults:\n";

    private static ScheduledFault read(String fault) {
        return ScenarioFiles.parse(ConfigNode.parse("s.yaml", HEAD + "  - " + fault + "\n"), Path.of("."))
                .faults().get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{at_s: 1, type: cell_voltage_sensor_offset, cell: 4, value_v: -0.3}|CELL_VOLTAGE_SENSOR_OFFSET|3|-0.3",
        "{at_s: 1, type: cell_voltage_sensor_stuck, cell: 1, value_v: 4.2}|CELL_VOLTAGE_SENSOR_STUCK|0|4.2",
        "{at_s: 1, type: cell_voltage_sensor_stuck, cell: 2}|CELL_VOLTAGE_SENSOR_STUCK|1|NaN",
        "{at_s: 1, type: cell_voltage_sensor_nan, cell: 2}|CELL_VOLTAGE_SENSOR_NAN|1|NaN",
        "{at_s: 1, type: open_wire, cell: 3}|OPEN_WIRE|2|NaN",
        "{at_s: 1, type: temperature_sensor_offset, sensor: 8, value_c: -5}|TEMPERATURE_SENSOR_OFFSET|7|-5",
        "{at_s: 1, type: temperature_sensor_stuck, sensor: 2, value_c: -10}|TEMPERATURE_SENSOR_STUCK|1|-10",
        "{at_s: 1, type: temperature_sensor_stuck, sensor: 2}|TEMPERATURE_SENSOR_STUCK|1|NaN",
        "{at_s: 1, type: temperature_sensor_disconnected, sensor: 1}|TEMPERATURE_SENSOR_DISCONNECTED|0|NaN",
        "{at_s: 1, type: current_sensor_offset, value_a: -2}|CURRENT_SENSOR_OFFSET|0|-2",
        "{at_s: 1, type: current_sensor_loss}|CURRENT_SENSOR_LOSS|0|NaN",
        "{at_s: 1, type: cell_internal_short, cell: 8, resistance_ohm: 5}|CELL_INTERNAL_SHORT|7|5",
        "{at_s: 1, type: cell_heating, cell: 5, power_w: 0}|CELL_HEATING|4|0",
        "{at_s: 1, type: afe_communication_loss, duration_s: 2}|AFE_COMMUNICATION_LOSS|0|NaN",
        "{at_s: 1, type: contactor_welded, contactor: positive}|CONTACTOR_WELDED|0|NaN",
        "{at_s: 1, type: contactor_welded, contactor: negative}|CONTACTOR_WELDED|1|NaN",
        "{at_s: 1, type: contactor_welded, contactor: precharge}|CONTACTOR_WELDED|2|NaN",
        "{at_s: 1, type: isolation_fault, resistance_ohm: 3e5}|ISOLATION_FAULT|0|3e5",
        "{at_s: 1, type: dc_link_short, resistance_ohm: 50}|DC_LINK_SHORT|0|50",
    })
    void shouldReadEveryFaultType(String yaml, PlantFault.Type type, int target, double value) {
        ScheduledFault f = read(yaml);
        assertThat(f.fault()).isEqualTo(new PlantFault(type, target, value));
        assertThat(f.atS()).isEqualTo(1.0);
    }

    @Test
    void shouldKnowEveryFaultTypeTheFilesKnow() {
        List<PlantFault.Type> read = new ArrayList<>();
        for (PlantFault.Type t : PlantFault.Type.values()) {
            String target = switch (t.target()) {
                case CHANNEL, CELL -> ", cell: 1";
                case TEMPERATURE_SENSOR -> ", sensor: 1";
                case CONTACTOR -> ", contactor: negative";
                case PACK -> "";
            };
            String value = t.quantity().filter(PlantFault.Quantity::required).map(q -> ", " + q.key() + ": 1")
                    .orElse("");
            read.add(read("{at_s: 0, type: " + t.id() + target + value + "}").fault().type());
        }
        assertThat(read).containsExactly(PlantFault.Type.values());
    }

    /** The table of fault types in {@code docs/scenarios.md} says what the declaration says, row for row. */
    @Test
    void shouldMatchTheDocumentsTableOfFaults() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        boolean inFaults = false;
        for (String line : Files.readAllLines(Path.of("..", "docs", "scenarios.md"))) {
            if (line.startsWith("#")) {
                inFaults = line.equals("## Faults");
            } else if (inFaults && line.startsWith("| `")) {
                String[] cells = line.substring(1).split("(?<!\\\\)\\|");
                documented.put(cells[0].replace("`", "").trim(),
                        cells[1].replace("`", "").replace("\\|", "|").trim());
            }
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (PlantFault.Type t : PlantFault.Type.values()) {
            List<String> keys = new ArrayList<>();
            if (t.target() == PlantFault.Target.CONTACTOR) {
                List<String> names = new ArrayList<>();
                for (ContactorId id : ContactorId.values()) {
                    names.add(id.shortName());
                }
                keys.add(t.target().key() + ": " + String.join(" | ", names));
            } else if (!t.target().key().isEmpty()) {
                keys.add(t.target().key());
            }
            t.quantity().ifPresent(q -> keys.add(q.key() + (q.required() ? "" : " (optional)")));
            declared.put(t.id(), String.join(", ", keys));
        }
        assertThat(documented).isEqualTo(declared);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{at_s: 1, type: cell_overvoltage}|"
                + "s.yaml:7:21: faults[0].type: unknown fault type 'cell_overvoltage'; expected one of:"
                + " afe_communication_loss, cell_heating, cell_internal_short, cell_voltage_sensor_nan,"
                + " cell_voltage_sensor_offset, cell_voltage_sensor_stuck, contactor_welded, current_sensor_loss,"
                + " current_sensor_offset, dc_link_short, isolation_fault, open_wire, temperature_sensor_disconnected,"
                + " temperature_sensor_offset, temperature_sensor_stuck",
        "{at_s: 1}|s.yaml:7:5: faults[0]: missing required key 'type'",
        "{at_s: 1, type: [a]}|s.yaml:7:21: faults[0].type: expected text, got a list",
        "{at_s: 1, type: open_wire, cell: 2, value_v: 1}|"
                + "s.yaml:7:41: faults[0].value_v: unknown key 'value_v'; expected one of: at_s, cell, duration_s, type",
        "{at_s: 1, type: cell_voltage_sensor_offset, cell: 2, volts: 1}|"
                + "s.yaml:7:58: faults[0].volts: unknown key 'volts'; expected one of: at_s, cell, duration_s, type,"
                + " value_v",
        "{at_s: 1, type: current_sensor_loss, cell: 1}|"
                + "s.yaml:7:42: faults[0].cell: unknown key 'cell'; expected one of: at_s, duration_s, type",
        "{at_s: 1, type: contactor_welded, contactor: main}|"
                + "s.yaml:7:50: faults[0].contactor: expected one of positive, negative, precharge, got 'main'",
        "{at_s: 1, type: contactor_welded}|s.yaml:7:5: faults[0]: missing required key 'contactor'",
        "{at_s: 1, type: cell_voltage_sensor_offset, cell: 5, value_v: 1}|"
                + "s.yaml:7:55: faults[0].cell: expected a cell from 1 to 4 (numbered from 1), got 5",
        "{at_s: 1, type: cell_internal_short, cell: 9, resistance_ohm: 1}|"
                + "s.yaml:7:48: faults[0].cell: expected a cell from 1 to 8 (numbered from 1), got 9",
        "{at_s: 1, type: temperature_sensor_offset, sensor: 0, value_c: 1}|"
                + "s.yaml:7:56: faults[0].sensor: expected a sensor from 1 to 8 (numbered from 1), got 0",
        "{at_s: 1, type: temperature_sensor_offset, sensor: 1.5, value_c: 1}|"
                + "s.yaml:7:56: faults[0].sensor: expected a whole number, got 1.5",
        "{at_s: 1, type: cell_voltage_sensor_offset, value_v: 1}|s.yaml:7:5: faults[0]: missing required key 'cell'",
        "{at_s: 1, type: cell_voltage_sensor_offset, cell: 1}|s.yaml:7:5: faults[0]: missing required key 'value_v'",
        "{at_s: 1, type: cell_voltage_sensor_offset, cell: 1, value_v: .inf}|"
                + "s.yaml:7:67: faults[0].value_v: expected a finite number, got .inf",
        "{at_s: 1, type: cell_voltage_sensor_stuck, cell: 1, value_v: -1}|"
                + "s.yaml:7:66: faults[0].value_v: value_v must be a finite number, zero or more, got -1.0",
        "{at_s: 1, type: temperature_sensor_stuck, sensor: 1, value_c: x}|"
                + "s.yaml:7:67: faults[0].value_c: expected a number, got text 'x'",
        "{at_s: 1, type: current_sensor_offset}|s.yaml:7:5: faults[0]: missing required key 'value_a'",
        "{at_s: 1, type: cell_internal_short, cell: 1, resistance_ohm: 0}|"
                + "s.yaml:7:67: faults[0].resistance_ohm: resistance_ohm must be a finite number above zero, got 0.0",
        "{at_s: 1, type: cell_heating, cell: 1, power_w: -1}|"
                + "s.yaml:7:53: faults[0].power_w: power_w must be a finite number, zero or more, got -1.0",
        "{at_s: 1, type: isolation_fault, resistance_ohm: -5}|"
                + "s.yaml:7:54: faults[0].resistance_ohm: resistance_ohm must be a finite number above zero, got -5.0",
        "{at_s: 1, type: dc_link_short}|s.yaml:7:5: faults[0]: missing required key 'resistance_ohm'",
        "{type: open_wire, cell: 1}|s.yaml:7:5: faults[0]: missing required key 'at_s'",
        "{at_s: -1, type: open_wire, cell: 1}|s.yaml:7:12: faults[0].at_s: at_s must be a finite number, zero or"
                + " more, got -1.0",
        "{at_s: 1, type: open_wire, cell: x}|s.yaml:7:38: faults[0].cell: expected a whole number, got text 'x'",
    })
    void shouldSayWhatIsWrongWithAFault(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
