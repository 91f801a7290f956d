package org.bmsbench.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.firmware.Key;
import org.junit.jupiter.api.Test;

/**
 * A setting is declared once, as a record component; its default in {@code default.yaml} and its row in
 * {@code docs/bms-config.md} must follow it. These tests name any key one of them has and the records do not, or
 * the other way round.
 */
class BmsConfigKeysTest {
    private static final Path DOC = Path.of("..", "docs", "bms-config.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");

    private static final List<String> RECORD_KEYS = BmsConfigFiles.keys();

    @Test
    void shouldDocumentExactlyTheKeysTheRecordsHave() throws IOException {
        List<String> documented = documentedKeys(Files.readAllLines(DOC));
        assertThat(duplicates(documented)).as("keys listed twice in " + DOC).isEmpty();
        assertSameKeys(documented, DOC + "'s Keys table");
    }

    @Test
    void shouldGiveADefaultForExactlyTheKeysTheRecordsHave() {
        List<String> defaults = new ArrayList<>();
        collect(ConfigNode.readResource("/org/bmsbench/bms/default.yaml"), defaults);
        assertSameKeys(defaults, "default.yaml");
    }

    private static void assertSameKeys(List<String> listed, String where) {
        List<String> missing = missing(listed);
        List<String> extra = extra(listed);
        assertThat(missing.isEmpty() && extra.isEmpty())
                .as("keys the records have but %s does not list: %s; keys %s lists but the records do not have: %s",
                        where, missing, where, extra)
                .isTrue();
    }

    @Test
    void shouldDeriveKeysByTheNamingRuleOrTheirKeyAnnotation() {
        assertThat(RECORD_KEYS).contains("pack.parallel", "tasks.fast_ms", "tasks.overrun_tolerance_ms",
                "acquisition.stale_after_ms", "acquisition.cell_voltage_min_v", "soc.rest_current_a",
                "balancing.bleed_resistance_ohm", "contactors.reclose_lockout_s", "open_wire.period_s",
                "limits.discharge_current_a", "event_log_capacity", "cell", "diagnosis");
    }

    @Test
    void shouldSayAKeyOnlyWhereTheNamingRuleCannotGiveIt() {
        List<String> needless = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>(List.of(BmsConfig.class));
        for (int i = 0; i < types.size(); i++) {
            for (RecordComponent component : types.get(i).getRecordComponents()) {
                Key key = component.getAnnotation(Key.class);
                if (key != null && key.value().equals(RecordBinder.ruleKey(component))) {
                    needless.add(component.toString());
                }
                if (component.getType().isRecord()) {
                    types.add(component.getType());
                }
            }
        }
        assertThat(needless).as("@Key that says what the naming rule gives").isEmpty();
    }

    /** The first column of the rows of the "## Keys" section's tables. */
    static List<String> documentedKeys(List<String> lines) {
        List<String> keys = new ArrayList<>();
        boolean inKeys = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inKeys = line.equals("## Keys");
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inKeys && row.find()) {
                keys.add(row.group(1));
            }
        }
        return keys;
    }

    /** The leaves of the defaults, descending only into the maps that group keys ({@code pack}, {@code tasks}...). */
    private static void collect(ConfigNode map, List<String> keys) {
        for (String key : map.keys()) {
            ConfigNode value = map.get(key);
            String path = value.path();
            boolean group = RECORD_KEYS.stream().anyMatch(k -> k.startsWith(path + "."));
            if (group && value.isMap() && !RECORD_KEYS.contains(path)) {
                collect(value, keys);
            } else {
                keys.add(path);
            }
        }
    }

    private static List<String> missing(List<String> listed) {
        List<String> missing = new ArrayList<>(RECORD_KEYS);
        missing.removeAll(listed);
        return missing;
    }

    private static List<String> extra(List<String> listed) {
        List<String> extra = new ArrayList<>(listed);
        extra.removeAll(RECORD_KEYS);
        return extra;
    }

    private static Set<String> duplicates(List<String> keys) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (String key : keys) {
            if (!seen.add(key)) {
                twice.add(key);
            }
        }
        return twice;
    }
}
