package org.bmsbench.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bmsbench.io.MeasuredCycle;

/**
 * Any input at all through the file readers a user hands the bench: a scenario, a cell file, a BMS configuration
 * and a measured CSV. The only way out is the value or a {@link ConfigException} (file, line, key, what was
 * expected): any other exception is a finding, since it would reach the user as a stack trace or a bare message.
 * The seeds (the bundled files, and the inputs that once got through) run as regression tests in every build;
 * {@code JAZZER_FUZZ=1 mvn test -pl bms-core -Dtest=ParserFuzzTest#scenarioFile} fuzzes one target for real.
 */
class ParserFuzzTest {
    private static final Path FOLDER = emptyFolder();

    private static Path emptyFolder() {
        try {
            return Files.createTempDirectory("bmsbench-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    @FuzzTest(maxDuration = "30s")
    void scenarioFile(byte[] data) {
        try {
            ScenarioFiles.parse(ConfigNode.parse("fuzz.yaml", text(data)), FOLDER);
        } catch (ConfigException expected) {
            // said with file, line and key
        }
    }

    @FuzzTest(maxDuration = "30s")
    void cellFile(byte[] data) {
        try {
            CellFiles.parse(ConfigNode.parse("fuzz.yaml", text(data)));
        } catch (ConfigException expected) {
            // said with file, line and key
        }
    }

    @FuzzTest(maxDuration = "30s")
    void bmsConfiguration(byte[] data) {
        try {
            BmsConfigFiles.withOverrides(ConfigNode.parse("fuzz.yaml", text(data)));
        } catch (ConfigException expected) {
            // said with file, line and key
        }
    }

    @FuzzTest(maxDuration = "30s")
    void measuredCsv(byte[] data) throws IOException {
        Path file = FOLDER.resolve("fuzz.csv");
        Files.write(file, data);
        try {
            MeasuredCycle.read(file);
        } catch (ConfigException expected) {
            // said with file and line
        }
    }
}
