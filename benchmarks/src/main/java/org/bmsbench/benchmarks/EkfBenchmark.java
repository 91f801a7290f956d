package org.bmsbench.benchmarks;

import java.util.concurrent.TimeUnit;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.firmware.soc.ExtendedKalmanFilter;
import org.bmsbench.model.CellModel;
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

/** One EKF step of one channel: predict over 100 ms of a current, then correct with a voltage. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EkfBenchmark {
    private ExtendedKalmanFilter ekf;
    private double currentA;

    @Setup(Level.Trial)
    public void setUp() {
        CellModel model = new CellModel(CellFiles.preset("panasonic-18650pf"));
        ekf = new ExtendedKalmanFilter(model, BmsConfigFiles.defaults().soc());
        ekf.reset(0.6);
    }

    @Benchmark
    public double step() {
        currentA = currentA > 5 ? -2 : currentA + 0.37; // a current that moves, so no branch settles
        ekf.predict(currentA, 25.0, 0.1);
        ekf.correct(3.7 - 0.03 * currentA, currentA, 25.0);
        return ekf.soc();
    }
}
