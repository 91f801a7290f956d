package org.bmsbench.scenario.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bmsbench.config.ConfigException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTestsTest {
    private static final String SCENARIO = """
            name: %s
            pack: {series: 4, initial: {soc: 0.5}}
            profile:
              - rest: {duration_s: 5}
            expect:
              - {contactors: %s, by_s: 2}
            """;

    @TempDir
    Path folder;

    private void write(String file, String text) throws IOException {
        Files.createDirectories(folder.resolve(file).getParent());
        Files.writeString(folder.resolve(file), text);
    }

    @Test
    void shouldMakeATestPerFileThatPassesFailsOrNamesTheFilesProblem() throws Throwable {
        write("a-closes.yaml", SCENARIO.formatted("a-closes", "closed"));
        write("more/b-opens.yml", SCENARIO.formatted("b-opens", "open"));
        write("c-typo.yaml", SCENARIO.formatted("c-typo", "closed").replace("profile:", "profil:"));
        write("notes.txt", "not a scenario");

        List<DynamicTest> tests = ScenarioTests.from(folder).toList();

        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly("a-closes", "c-typo", "b-opens");
        assertThat(tests.get(0).getTestSourceUri()).contains(folder.resolve("a-closes.yaml").toUri());
        tests.get(0).getExecutable().execute();
        assertThatThrownBy(() -> tests.get(2).getExecutable().execute())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("b-opens")
                .hasMessageContaining("1 of 1 expectations failed")
                .hasMessageContaining("FAILED  contactors open by 2.00000 s: closed at 2.000 s");
        assertThatThrownBy(() -> tests.get(1).getExecutable().execute())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c-typo.yaml")
                .hasMessageContaining("c-typo.yaml:3:1: profil: unknown key")
                .hasMessageContaining("profil");
    }
}
