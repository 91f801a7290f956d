package org.bmsbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layout of docs/architecture.md, checked: the core's packages use the JDK only, and the firmware never
 * reaches into the plant: file formats and libraries stay at the edge (config, io), the firmware sees the pack
 * only through the port, the scenario engine reads no files, the wire protocol knows nothing of MQTT or the
 * wall clock, characterisation does not depend on the command line or the dashboard, and the DBC codec is the
 * JDK's alone, with CAN FD's length table and the id ranges of a frame.
 */
class PackageDependencyTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "org", "bmsbench");
    private static final Path HIL_BRIDGE = Path.of("..", "hil-bridge", "src", "main", "java", "org", "bmsbench");
    private static final Path BENCH_UI = Path.of("..", "bench-ui", "src", "main", "java", "org", "bmsbench");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    private static List<String> importsOf(String pkg) throws IOException {
        return importsOf(SOURCES, pkg, true);
    }

    /** The imports of {@code pkg}'s files under {@code sources}, with or without its sub-packages. */
    private static List<String> importsOf(Path sources, String pkg, boolean subPackages) throws IOException {
        List<String> imports = new ArrayList<>();
        Path folder = sources.resolve(pkg.replace('.', '/'));
        assertThat(folder).as("package " + pkg).isDirectory();
        try (Stream<Path> files = Files.walk(folder, subPackages ? Integer.MAX_VALUE : 1)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    imports.add(sources.relativize(file) + ": " + m.group(2));
                }
            }
        }
        return imports;
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "sim", "port", "firmware"})
    void shouldUseTheJdkAndTheCoreOnly(String pkg) throws IOException {
        assertThat(importsOf(pkg)).allSatisfy(line -> assertThat(line.substring(line.indexOf(": ") + 2))
                .as(line).matches("(java|javax|org\\.bmsbench)\\..*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "sim", "port", "firmware"})
    void shouldNotReachTheFileFormats(String pkg) throws IOException {
        assertThat(importsOf(pkg)).noneMatch(line -> line.contains(": org.bmsbench.config.")
                || line.contains(": org.bmsbench.io."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"firmware", "port"})
    void shouldNeverSeeThePlant(String pkg) throws IOException {
        assertThat(importsOf(pkg)).noneMatch(line -> line.contains(": org.bmsbench.sim."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "port"})
    void shouldStandOnTheirOwn(String pkg) throws IOException {
        assertThat(importsOf(pkg)).allSatisfy(line -> assertThat(line.substring(line.indexOf(": ") + 2))
                .as(line).matches("(java|javax)\\..*|org\\.bmsbench\\." + pkg + "\\..*"));
    }

    @Test
    void shouldKeepThePlantFromTheFirmwareAndTheScenarios() throws IOException {
        assertThat(importsOf("sim")).noneMatch(line -> line.contains(": org.bmsbench.firmware.")
                || line.contains(": org.bmsbench.scenario."));
    }

    @Test
    void shouldRunScenariosWithoutReadingFiles() throws IOException {
        assertThat(importsOf(SOURCES, "scenario", false)).noneMatch(line -> line.contains(": org.bmsbench.config.")
                || line.contains(": org.bmsbench.io."));
    }

    @Test
    void shouldKeepTheWireProtocolFromMqttAndTheWallClock() throws IOException {
        for (String pkg : List.of("hil.protocol", "hil.transport")) {
            assertThat(importsOf(HIL_BRIDGE, pkg, true)).noneMatch(line -> line.contains(": org.bmsbench.mqtt.")
                    || line.contains(": org.bmsbench.realtime.") || line.contains(": org.bmsbench.scenario."));
        }
    }

    @Test
    void shouldReadAndCodeDbcWithTheJdkOnly() throws IOException {
        assertThat(importsOf(HIL_BRIDGE, "can.dbc", true)).allSatisfy(line -> assertThat(
                line.substring(line.indexOf(": ") + 2)).as(line)
                .matches("java\\..*|org\\.bmsbench\\.can\\.dbc\\..*|org\\.bmsbench\\.can\\.(CanFdLengths|CanFrame)"));
    }

    @Test
    void shouldKeepCharacterisationFromTheCommandLineAndTheDashboard() throws IOException {
        for (String pkg : List.of("fit", "validate", "report")) {
            assertThat(importsOf(BENCH_UI, pkg, true)).noneMatch(line -> line.contains(": org.bmsbench.cli.")
                    || line.contains(": org.bmsbench.ui."));
        }
    }
}
