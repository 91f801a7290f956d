package org.bmsbench.benchmarks;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.dbc.DbcCodec;
import org.bmsbench.can.dbc.DbcMessage;
import org.bmsbench.can.profile.CanProfile;
import org.bmsbench.can.sensor.CanSensorPort;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a conversion arriving over CAN costs the BMS: a round of foxBMS's {@code AFE_CellVoltages} frames (4 cells
 * each) goes onto an in-process bus and the sensor port takes it (finds each frame's message, decodes its
 * multiplexer, 4 voltages and 4 flags, and makes the conversion when the round is whole). Per round, so divide by
 * {@code cells / 4} for a frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CanSensorBenchmark {
    @Param("96")
    public int cells;

    private CanBus device;
    private CanBus bms;
    private CanSensorPort port;
    private CanFrame[] round;

    @Setup(Level.Trial)
    public void setUp() {
        String name = "virtual:sensor-benchmark-" + System.nanoTime();
        device = CanBuses.open(name);
        bms = CanBuses.open(name);
        port = new CanSensorPort(bms, new CanSensorPort.Layout(cells, cells, Math.max(1, cells / 18)));
        DbcMessage message = CanProfile.FOXBMS.database().message("AFE_CellVoltages").orElseThrow();
        round = new CanFrame[(cells + 3) / 4];
        for (int m = 0; m < round.length; m++) {
            Map<String, Number> values = new HashMap<>();
            values.put("AFE_CellVoltages_Mux", m);
            for (int c = 4 * m; c < Math.min(cells, 4 * m + 4); c++) {
                values.put(String.format(Locale.ROOT, "CellVoltage_%03d", c), 3600 + c);
            }
            byte[] data = DbcCodec.encode(message, values);
            round[m] = new CanFrame().set(message.id(), false, data, data.length);
        }
        port.poll(0); // its first coil command; at a constant time, no refresh follows
        device.receive(new CanFrame());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        device.close();
        bms.close();
    }

    @Benchmark
    public long receiveConversion() {
        for (CanFrame frame : round) {
            device.send(frame);
        }
        port.poll(0);
        return port.latest().sequence();
    }
}
