package org.bmsbench.scenario.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.bmsbench.scenario.Scenario;
import org.junit.jupiter.api.Test;

class ScenarioSuiteTest {
    private static final List<Path> FILES = IntStream.rangeClosed(1, 7).mapToObj(i -> Path.of("s" + i + ".yaml")).toList();

    @Test
    void shouldCutASuiteIntoBalancedShardsThatCoverEveryFileOnce() {
        List<Path> first = ScenarioSuite.Shard.parse("1/3").of(FILES);
        List<Path> second = ScenarioSuite.Shard.parse(" 2 / 3 ").of(FILES);
        List<Path> third = new ScenarioSuite.Shard(3, 3).of(FILES);

        assertThat(first).extracting(Path::toString).containsExactly("s1.yaml", "s4.yaml", "s7.yaml");
        assertThat(second).extracting(Path::toString).containsExactly("s2.yaml", "s5.yaml");
        assertThat(third).extracting(Path::toString).containsExactly("s3.yaml", "s6.yaml");
    }

    @Test
    void shouldRefuseAShardThatIsNotKOfN() {
        for (String bad : new String[] {"0/3", "4/3", "3", "a/b", "1/2/3", "1/0"}) {
            assertThatThrownBy(() -> ScenarioSuite.Shard.parse(bad)).as(bad)
                    .hasMessage("--shard must be K/N with 1 <= K <= N, got '" + bad + "'");
        }
    }

    @Test
    void shouldReadTheBundledLibraryAndReturnResultsInItsOrderWhateverTheThreads() {
        List<Scenario> scenarios = ScenarioSuite.load(ScenarioSuite.files(List.of(Path.of("../scenarios")), null));

        List<String> names = ScenarioSuite.run(scenarios, 3, s -> {
            Thread.yield();
            return s.name();
        });

        assertThat(scenarios).hasSizeGreaterThan(10);
        assertThat(names).containsExactlyElementsOf(scenarios.stream().map(Scenario::name).toList());
        assertThatThrownBy(() -> ScenarioSuite.run(scenarios, 0, s -> 1)).hasMessageContaining("--jobs");
    }
}
