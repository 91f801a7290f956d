package org.bmsbench.benchmarks;

import java.util.concurrent.TimeUnit;
import org.bmsbench.io.SpeedTraces;
import org.bmsbench.port.ContactorId;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.load.DriveCycleLoad;
import org.bmsbench.sim.load.VehicleParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One 10 ms plant step (cells, thermal, contactors and link, AFE conversion with noise) of an Ns1p Panasonic
 * pack on a WLTC drive, with the contactors closed. Every step converts the AFE (its period is 10 ms).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlantStepBenchmark {
    private static final long STEP_NS = 10_000_000L;

    @Param({"12", "96", "384", "4096"})
    public int cells;

    private PackPlant plant;

    @Setup(Level.Trial)
    public void setUp() {
        plant = BenchPacks.panasonic(cells, 0.9);
        plant.commandContactor(ContactorId.MAIN_NEGATIVE, true);
        plant.commandContactor(ContactorId.PRECHARGE, true);
        for (int n = 0; n < 100; n++) {
            plant.step(STEP_NS);
        }
        plant.commandContactor(ContactorId.MAIN_POSITIVE, true);
        plant.commandContactor(ContactorId.PRECHARGE, false);
        // a share of a car's battery proportional to the pack's size; repeated, so it never ends
        plant.setLoad(new DriveCycleLoad(SpeedTraces.bundled("wltc-3b"), VehicleParameters.MIDSIZE_EV, 1000,
                cells / 7500.0));
    }

    @Benchmark
    public double step() {
        plant.step(STEP_NS);
        return plant.pack().terminalVoltageV();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(PlantStepBenchmark.class.getSimpleName()).build()).run();
    }
}
