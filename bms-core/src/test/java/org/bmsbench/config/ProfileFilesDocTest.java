package org.bmsbench.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The segment table of {@code docs/scenarios.md} lists exactly the segments {@link ProfileFiles.SegmentType}
 * declares, each with the keys it takes, so a segment added in code without its row (or the reverse) fails here.
 */
class ProfileFilesDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\|([^|]*(?:\\\\\\|[^|]*)*)\\|");
    private static final Pattern KEY = Pattern.compile("`([a-z_]+)");

    @Test
    void shouldDocumentEverySegmentWithItsKeys() throws IOException {
        List<String> doc = Files.readAllLines(Path.of("..", "docs", "scenarios.md"));
        int header = doc.indexOf("| segment | keys | what |");
        assertThat(header).as("the segment table in docs/scenarios.md").isNotNegative();
        Map<String, List<String>> documented = new LinkedHashMap<>();
        for (int i = header + 2; i < doc.size() && doc.get(i).startsWith("|"); i++) {
            Matcher row = ROW.matcher(doc.get(i));
            assertThat(row.find()).as("a segment row: %s", doc.get(i)).isTrue();
            Matcher keys = KEY.matcher(row.group(2));
            List<String> names = new ArrayList<>();
            while (keys.find()) {
                names.add(keys.group(1));
            }
            documented.put(row.group(1), names);
        }
        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (ProfileFiles.SegmentType t : ProfileFiles.SegmentType.values()) {
            declared.put(t.key(), t.keys());
        }
        assertThat(documented).isEqualTo(declared);
    }
}
