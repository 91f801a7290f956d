package org.bmsbench.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsbench.can.dbc.DbcCodec;
import org.bmsbench.can.dbc.DbcDatabase;
import org.bmsbench.can.dbc.DbcMessage;
import org.bmsbench.can.dbc.DbcReader;
import org.bmsbench.can.dbc.DbcSignal;
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
 * The DBC codec's hot path on foxBMS 2's messages: encoding every signal of a frame from physical values, and
 * decoding a received frame (its message found by id, each signal checked against its multiplexer, then scaled).
 * {@code packValues} is f_PackValuesP0 (four signed Motorola signals of 15 and 17 bits); {@code cellVoltages} is
 * the multiplexed f_CellVoltages (a multiplexer and 8 of its signals in each frame). Reads the DBC from
 * {@code ../shared/data} (run from the project's folder).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DbcCodecBenchmark {
    @Param({"f_PackValuesP0", "f_CellVoltages"})
    public String message;

    @Param("../shared/data/can/foxbms/foxbms.dbc")
    public String dbc;

    private DbcDatabase database;
    private DbcSignal[] signals;
    private double[] physical;
    private double[] decoded;
    private DbcSignal[] present;
    private byte[] frame;
    private int id;
    private int counter;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        database = DbcReader.read(Path.of(dbc));
        DbcMessage selected = database.message(message).orElseThrow();
        List<DbcSignal> all = selected.signals();
        signals = all.toArray(new DbcSignal[0]);
        id = selected.id();
        frame = new byte[selected.length()];
        decoded = new double[signals.length];
        present = new DbcSignal[signals.length];
        physical = new double[signals.length];
        for (int i = 0; i < signals.length; i++) {
            DbcSignal signal = signals[i];
            // a value inside the signal's range, so that the encoding is the normal one, not the clamping one
            physical[i] = signal.hasRange() ? signal.minimum() + (signal.maximum() - signal.minimum()) * 0.37 : 1;
        }
        // the frame to decode: multiplexer value 1 where there is one (its first 8 signals present)
        for (int i = 0; i < signals.length; i++) {
            if (signals[i].isMultiplexer() || signals[i].selectedBy() == null || signals[i].isSelectedBy(1)) {
                DbcCodec.encode(signals[i], signals[i].isMultiplexer() ? 1 : physical[i], frame);
            }
        }
    }

    /** Every signal of one frame of the message written from its physical value. */
    @Benchmark
    public byte[] encode() {
        double step = (++counter & 7) * 0.001;
        for (int i = 0; i < signals.length; i++) {
            DbcSignal signal = signals[i];
            if (signal.selectedBy() == null || signal.isSelectedBy(1)) {
                DbcCodec.encode(signal, signal.isMultiplexer() ? 1 : physical[i] + step, frame);
            }
        }
        return frame;
    }

    /** A received frame: its message by id, the signals the frame carries, each scaled to its physical value. */
    @Benchmark
    public double[] decode() {
        DbcMessage received = database.message(id, false);
        int n = DbcCodec.presentSignals(received, frame, frame.length, present);
        for (int i = 0; i < n; i++) {
            decoded[i] = DbcCodec.decode(present[i], frame);
        }
        return decoded;
    }
}
