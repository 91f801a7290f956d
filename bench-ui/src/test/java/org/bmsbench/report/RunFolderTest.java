package org.bmsbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepTheOldFileWhenAWriteFailsHalfWay() throws IOException {
        Path file = dir.resolve("junit.xml");
        Files.writeString(file, "<old/>");
        assertThatThrownBy(() -> RunFolder.replace(file, out -> {
            out.write("<new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        })).hasMessage("No space left on device");

        assertThat(file).hasContent("<old/>");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void shouldReplaceAFileWhole() throws IOException {
        Path file = dir.resolve("index.html");
        Files.writeString(file, "old");
        RunFolder.replace(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(file).hasContent("new");
    }

    @Test
    void shouldHoldTheFolderUntilClosedAndNameTheLastRunsScenarios() throws IOException {
        Path runs = dir.resolve("runs");
        try (RunFolder folder = RunFolder.open(runs)) {
            assertThatThrownBy(() -> RunFolder.open(runs)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is in use by another bmsbench run");
            folder.writeManifest("bmsbench", List.of("b", "a"));
        }
        assertThat(runs.resolve(RunFolder.LOCK)).doesNotExist();
        assertThat(RunFolder.manifest(runs)).contains(List.of(runs.resolve("b"), runs.resolve("a")));
        assertThat(RunFolder.manifest(dir)).isEmpty();
        RunFolder.open(runs).close(); // free again
    }

    @Test
    void shouldClearWhatAnEarlierRunLeftInAScenarioFolder() throws IOException {
        Path runs = dir.resolve("runs");
        Path old = runs.resolve("s");
        Files.createDirectories(old);
        for (String name : List.of("trace.csv", "summary.json", "report.html", "trace.csv.partial", "notes.txt")) {
            Files.writeString(old.resolve(name), "x");
        }
        try (RunFolder folder = RunFolder.open(runs)) {
            assertThat(folder.scenarioFolder("s")).isEqualTo(old);
        }
        try (var files = Files.list(old)) {
            assertThat(files.toList()).containsExactly(old.resolve("notes.txt")); // only the bench's own files go
        }
    }

    @Test
    void shouldWriteANumberThatIsNotFiniteAsNull() throws IOException {
        String json = JsonOut.mapper().writeValueAsString(java.util.Map.of("nan", Double.NaN));
        assertThat(json.replaceAll("\\s", "")).isEqualTo("{\"nan\":null}");
        String inf = JsonOut.mapper().writeValueAsString(List.of(Double.POSITIVE_INFINITY, 1.5));
        assertThat(inf.replaceAll("\\s", "")).isEqualTo("[null,1.5]");
    }
}
