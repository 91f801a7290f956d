package org.bmsbench.benchmarks;

import java.util.concurrent.TimeUnit;
import org.bmsbench.hil.protocol.FrameDecoder;
import org.bmsbench.hil.protocol.FrameEncoder;
import org.bmsbench.hil.protocol.MeasurementCodec;
import org.bmsbench.port.Measurements;
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
 * The serial HIL protocol's hot path for a 96-cell board (32 temperature sensors, 8 boards): encoding a
 * MEASUREMENT frame (fixed point, CRC-32C, COBS), and decoding one from its bytes into the firmware's
 * measurement snapshot.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameBenchmark {
    private final Measurements source = new Measurements(96, 32, 8);
    private final Measurements into = new Measurements(96, 32, 8);
    private final FrameEncoder encoder = new FrameEncoder();
    private final MeasurementCodec codec = new MeasurementCodec();
    private FrameDecoder decoder;
    private byte[] wire;
    private int wireLength;
    private long conversion;

    @Setup(Level.Trial)
    public void setUp() {
        for (int c = 0; c < 96; c++) {
            source.setCellVoltageV(c, 3.6 + 0.001 * c);
        }
        for (int t = 0; t < 32; t++) {
            source.setTemperatureC(t, 25 + 0.1 * t);
        }
        source.setPackCurrentA(42.5);
        source.setPackVoltageV(355.2);
        source.setLinkVoltageV(354.9);
        source.setIsolationResistanceOhm(2.5e6);
        MeasurementCodec.encode(encoder, source, 0, 0, 0);
        wireLength = encoder.finish();
        wire = java.util.Arrays.copyOf(encoder.wire(), wireLength);
        decoder = new FrameDecoder((type, seq, buf, offset, length) -> codec.decode(buf, offset, length, into,
                conversion));
    }

    @Benchmark
    public int encode() {
        MeasurementCodec.encode(encoder, source, ++conversion, conversion, 0);
        return encoder.finish();
    }

    @Benchmark
    public long decode() {
        codec.reset(); // every frame a new conversion: the whole report is copied
        decoder.accept(wire, 0, wireLength);
        return into.sequence();
    }
}
