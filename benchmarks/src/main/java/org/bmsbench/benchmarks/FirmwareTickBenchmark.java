package org.bmsbench.benchmarks;

import java.util.concurrent.TimeUnit;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.profile.BmsCanNode;
import org.bmsbench.can.profile.CanProfile;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.HardwarePort;
import org.bmsbench.port.Measurements;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.SimulatedPort;
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
 * A full firmware tick with every task due (the 1 ms, 10 ms and 100 ms tasks: acquisition, diagnosis of every
 * channel, the soc estimators of every channel, balancing, contactors, limits) for an Ns1p pack in NORMAL with
 * its contactors closed. Each operation is 100 ms later than the one before, so all three tasks run in it, and
 * its port hands over a new AFE conversion every time (the plant's last readings, replayed), so that every
 * channel's measurements are judged and every estimator corrected. The plant itself is not stepped: its cost is
 * {@link PlantStepBenchmark}'s. {@code tickWithCan} adds the BMS's CAN node after the tick (every message of the
 * profile due, as after a 100 ms gap: a bound the node's staggered schedule never reaches in operation) on an
 * in-process bus with no one else on it. {@code period} and {@code periodWithCan} run a whole slow period of ticks
 * 1 ms apart, as in operation (one tick with every task, nine with the 10 ms task, ninety with the 1 ms task alone;
 * with the node, its messages one a tick): divide by 100 for the mean tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FirmwareTickBenchmark {
    private static final long SLOW_PERIOD_NS = 100_000_000L;
    private static final long FAST_PERIOD_NS = 1_000_000L;
    private static final int TICKS_PER_SLOW_PERIOD = (int) (SLOW_PERIOD_NS / FAST_PERIOD_NS);

    @Param({"12", "96", "384", "4096"})
    public int cells;

    private BmsFirmware firmware;
    private long nowNs;

    /** The BMS's CAN node on this benchmark's firmware, per profile (its own state, so {@code tick} runs once). */
    @State(Scope.Thread)
    public static class CanNode {
        @Param({"bmsbench", "foxbms"})
        public String canProfile;

        private BmsCanNode node;

        @Setup(Level.Trial)
        public void setUp(FirmwareTickBenchmark bench) {
            node = new BmsCanNode(CanProfile.byId(canProfile), bench.firmware,
                    CanBuses.open("virtual:tick-benchmark"));
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        PackPlant plant = BenchPacks.panasonic(cells, 0.6);
        ReplayPort port = new ReplayPort(new SimulatedPort(plant));
        firmware = new BmsFirmware(BmsConfigFiles.defaults(), port);
        firmware.request(BmsRequest.NORMAL);
        for (int step = 0; step < 300; step++) { // 3 s: precharged and closed
            for (int k = 0; k < 10; k++) {
                firmware.tick(nowNs);
                nowNs += 1_000_000L;
            }
            plant.step(10_000_000L);
        }
        port.freeze(); // from here, the last readings again and again, each as a new conversion
    }

    /** The plant's port until frozen; then its last readings, each read a new conversion. */
    static final class ReplayPort implements HardwarePort {
        private final HardwarePort live;
        private Measurements frozen;

        ReplayPort(HardwarePort live) {
            this.live = live;
        }

        void freeze() {
            frozen = live.newMeasurements();
            live.read(0, frozen);
        }

        @Override
        public int cellChannelCount() {
            return live.cellChannelCount();
        }

        @Override
        public int temperatureSensorCount() {
            return live.temperatureSensorCount();
        }

        @Override
        public int boardCount() {
            return live.boardCount();
        }

        @Override
        public void read(long nowNs, Measurements into) {
            if (frozen == null) {
                live.read(nowNs, into);
                return;
            }
            frozen.completeConversion(nowNs);
            frozen.setTimestampNs(nowNs);
            // touched, so the cell data and the temperatures count as new and are copied over and judged
            frozen.setCellVoltageV(0, frozen.cellVoltageV(0));
            frozen.setTemperatureC(0, frozen.temperatureC(0));
            into.copyFrom(frozen);
        }

        @Override
        public void commandBalancing(long nowNs, boolean[] on, boolean dischargeDuringConversion) {
            live.commandBalancing(nowNs, on, dischargeDuringConversion);
        }

        @Override
        public void commandContactor(ContactorId id, boolean energise) {
            live.commandContactor(id, energise);
        }

        @Override
        public boolean openWireConversion(long nowNs, boolean pullUp, double[] out) {
            return live.openWireConversion(nowNs, pullUp, out);
        }
    }

    @Benchmark
    public long tick() {
        nowNs += SLOW_PERIOD_NS;
        firmware.tick(nowNs);
        return firmware.overruns();
    }

    @Benchmark
    public long period() {
        for (int k = 0; k < TICKS_PER_SLOW_PERIOD; k++) {
            nowNs += FAST_PERIOD_NS;
            firmware.tick(nowNs);
        }
        return firmware.overruns();
    }

    @Benchmark
    public long periodWithCan(CanNode can) {
        for (int k = 0; k < TICKS_PER_SLOW_PERIOD; k++) {
            nowNs += FAST_PERIOD_NS;
            firmware.tick(nowNs);
            can.node.afterTick(nowNs);
        }
        return firmware.overruns();
    }

    @Benchmark
    public long tickWithCan(CanNode can) {
        nowNs += SLOW_PERIOD_NS;
        firmware.tick(nowNs);
        can.node.afterTick(nowNs);
        return firmware.overruns();
    }
}
