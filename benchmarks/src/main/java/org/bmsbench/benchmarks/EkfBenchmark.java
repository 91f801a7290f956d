package org.bmsbench.benchmarks;

import java.util.concurrent.TimeUnit;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.firmware.soc.KalmanSocFilter;
import org.bmsbench.firmware.soc.SocConfig;
import org.bmsbench.model.CellModel;
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

/**
 * One Kalman step of every channel of a pack (one channel alone, and 96), extended or sigma-point: predict over
 * 100 ms of a current, then correct with each channel's voltage. The time per operation over the channels is the
 * cost per cell.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EkfBenchmark {
    @Param({"1", "96"})
    public int channels;

    @Param({"ekf", "spkf"})
    public String estimator;

    private KalmanSocFilter ekf;
    private double[] currentA;
    private double[] temperatureC;
    private double[] voltageV;
    private boolean[] valid;

    @Setup(Level.Trial)
    public void setUp() {
        CellModel model = new CellModel(CellFiles.preset("panasonic-18650pf"));
        ekf = new KalmanSocFilter(model, channels, BmsConfigFiles.defaults().soc()
                .with(SocConfig.Estimator.valueOf(estimator.toUpperCase(java.util.Locale.ROOT))));
        currentA = new double[channels];
        temperatureC = new double[channels];
        voltageV = new double[channels];
        valid = new boolean[channels];
        for (int g = 0; g < channels; g++) {
            ekf.reset(g, 0.6 + 0.001 * g);
            temperatureC[g] = 25.0;
            valid[g] = true;
        }
    }

    @Benchmark
    public double step() {
        double i = currentA[0] > 5 ? -2 : currentA[0] + 0.37; // a current that moves, so no branch settles
        for (int g = 0; g < channels; g++) {
            currentA[g] = i;
            voltageV[g] = 3.7 - 0.03 * i + 0.0001 * g;
        }
        ekf.predict(currentA, temperatureC, 0.1);
        ekf.correct(voltageV, valid, currentA, temperatureC);
        return ekf.soc(0);
    }
}
