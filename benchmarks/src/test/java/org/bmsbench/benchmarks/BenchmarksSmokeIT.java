package org.bmsbench.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark runs once, briefly, in the build, so that they keep compiling and running. It measures
 * nothing: the figures are in docs/performance.md, from full runs of the benchmarks jar.
 */
class BenchmarksSmokeIT {
    @Test
    void shouldRunEveryBenchmarkOnce() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("org\\.bmsbench\\.benchmarks\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .param("cells", "12")
                // The tests run in the module's folder; the benchmark's default path is the project's.
                .param("dbc", Path.of("../../shared/data/can/foxbms/foxbms.dbc").toAbsolutePath().toString())
                .shouldFailOnError(true)
                .build()).run();
        assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
                .contains("tick", "tickWithCan", "period", "periodWithCan", "step", "encode", "decode", "run",
                        "receiveConversion");
    }
}
