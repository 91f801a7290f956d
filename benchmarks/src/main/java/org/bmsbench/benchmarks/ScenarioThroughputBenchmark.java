package org.bmsbench.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioRunner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole scenario: 600 s of a 96s1p pack on a WLTC drive at a 10 ms plant step with the firmware's 1 ms,
 * 10 ms and 100 ms tasks, the expectations and the signals, as {@code bmsbench run} runs it. The time per
 * operation over 600 s of simulated time gives the speed-up: 600 s / (time per op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ScenarioThroughputBenchmark {
    /** Simulated seconds per operation. */
    public static final double SIMULATED_S = 600;
    private static final String SCENARIO = """
            name: throughput-wltc-96s
            seed: 1
            pack: {series: 96, initial: {soc: 0.9}}
            simulation: {duration_s: 600}
            profile:
              - drive_cycle: {cycle: wltc-3b, repeat: 1}
            expect:
              - {no_fault: any, level: fatal}
            """;

    private Scenario scenario;

    @Setup(Level.Trial)
    public void setUp() {
        scenario = ScenarioFiles.parse(ConfigNode.parse("throughput.yaml", SCENARIO), Path.of("."));
    }

    @Benchmark
    public double run() {
        return new ScenarioRunner().run(scenario).simulatedS();
    }
}
