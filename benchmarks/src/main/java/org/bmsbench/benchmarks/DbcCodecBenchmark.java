package org.bmsbench.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
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
 * The DBC codec's hot path on foxBMS 2's messages: encoding the signals of a frame from physical values, and
 * decoding a received frame (its message found by id, the signals its multiplexer selects, each scaled).
 * f_PackValuesP0 has four signed Motorola signals of 15 and 17 bits; f_CellVoltages is multiplexed (433 signals,
 * the multiplexer and 8 others in each frame: 4 cell voltages and their invalid flags). Reads the DBC from
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
    private double[] decoded;
    private DbcSignal[] present;
    private DbcSignal[] sent;
    private double[] sentValues;
    private byte[] frame;
    private int id;
    private int counter;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        database = DbcReader.read(Path.of(dbc));
        DbcMessage selected = database.message(message).orElseThrow();
        List<DbcSignal> signals = selected.signals();
        id = selected.id();
        frame = new byte[selected.length()];
        decoded = new double[signals.size()];
        present = new DbcSignal[signals.size()];
        // the frame: multiplexer value 1 where there is one, with the signals it selects, as a sender knows them;
        // each at a value inside its range, so that the encoding is the normal one, not the clamping one
        sent = new DbcSignal[signals.size()];
        sentValues = new double[signals.size()];
        int n = 0;
        for (DbcSignal signal : signals) {
            if (signal.selectedBy() == null || signal.isSelectedBy(1)) {
                sent[n] = signal;
                sentValues[n++] = signal.hasRange()
                        ? signal.minimum() + (signal.maximum() - signal.minimum()) * 0.37 : 1;
            }
        }
        sent = Arrays.copyOf(sent, n);
        sentValues = Arrays.copyOf(sentValues, n);
        encode();
    }

    /** The signals of one frame (for f_CellVoltages: multiplexer value 1) written from their physical values. */
    @Benchmark
    public byte[] encode() {
        double step = (++counter & 7) * 0.001;
        for (int i = 0; i < sent.length; i++) {
            DbcSignal signal = sent[i];
            DbcCodec.encode(signal, signal.isMultiplexer() ? 1 : sentValues[i] + step, frame);
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
