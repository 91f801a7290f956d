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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core's packages use the JDK only, and the firmware never reaches into the plant: file formats and
 * libraries stay at the edge (config, io), and the firmware sees the pack only through the port.
 */
class PackageDependencyTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "org", "bmsbench");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    private static List<String> importsOf(String pkg) throws IOException {
        List<String> imports = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg.replace('.', '/')))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    imports.add(SOURCES.relativize(file) + ": " + m.group(2));
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
}
