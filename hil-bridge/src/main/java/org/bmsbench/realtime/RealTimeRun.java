package org.bmsbench.realtime;

import java.util.ArrayList;
import org.HdrHistogram.Histogram;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.loop.IdleStrategy;
import org.bmsbench.firmware.loop.RealTimeLoop;
import org.bmsbench.mqtt.BenchTelemetry;
import org.bmsbench.mqtt.MqttSettings;
import org.bmsbench.mqtt.SimulatedBench;
import org.bmsbench.scenario.CoSimulation;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.sim.PackPlant;

/**
 * The firmware on the wall clock against a simulated plant: a {@link RealTimeLoop} ticks it at its fast period,
 * and the plant (with the scenario's loads and faults) catches up with the wall clock in its own steps before
 * each tick ({@link CoSimulation#tickAt}). How late each tick starts against its schedule goes into an HdrHistogram, corrected for
 * coordinated omission: a tick that starts several periods late also records the ticks that should have run in
 * between, with the lateness they would have had. Optionally with telemetry, as a bench with MQTT runs.
 */
public final class RealTimeRun extends SimulatedBench {

    private static final long MAX_RECORDED_NS = 10_000_000_000L;

    private final CoSimulation simulation;
    private final long periodNs;
    private final Histogram lateness = new Histogram(MAX_RECORDED_NS, 3);
    private BenchTelemetry telemetry;
    private long nextDueNs;
    private boolean scheduled;
    private long origin;
    private long worstLatenessNs = -1;
    private long worstTickAtNs;

    public RealTimeRun(Scenario scenario) {
        this.simulation = CoSimulation.of(scenario, new ArrayList<>());
        bind(simulation.plant(), simulation.firmware());
        this.periodNs = scenario.bms().tasks().fastPeriodNs();
    }

    /**
     * Runs throwaway copies of {@code scenario} through the same ticks on a simulated clock, as fast as they go,
     * {@code simulatedS} in all, so that the JIT has compiled them before the wall clock counts (the first seconds
     * would otherwise measure the compiler), in {@link JitWarmUp#COPIES} fresh copies. The ticks
     * come a little late, as on the wall clock ({@link JitWarmUp#latenessNs}), and with {@code telemetry}
     * (null for none) the copies fill telemetry snapshots as the run will and encode them, unpublished.
     */
    public static void warmUp(Scenario scenario, double simulatedS, MqttSettings telemetry) {
        JitWarmUp.run(n -> {
            RealTimeRun warm = new RealTimeRun(scenario);
            BenchTelemetry unpublished = telemetry == null ? null
                    : BenchTelemetry.unpublished(telemetry, warm.firmware);
            warm.attach(unpublished);
            warm.simulation.start();
            return new JitWarmUp.Copy() {
                @Override
                public void tickAt(long nowNs) {
                    warm.tick(nowNs);
                    if (unpublished != null) {
                        unpublished.encodeUnpublished();
                    }
                }

                @Override
                public boolean running() {
                    return warm.simulation.running();
                }

                @Override
                public void close() {
                    if (unpublished != null) {
                        unpublished.close();
                    }
                }
            };
        }, scenario.bms().tasks().fastPeriodNs(), simulatedS);
    }

    /** Publishes telemetry from the loop (before {@link #run}). */
    public void attach(BenchTelemetry value) {
        this.telemetry = value;
    }

    /** Runs for {@code durationNs} of wall time (or until the scenario ends). */
    public void run(long durationNs, IdleStrategy idle) {
        simulation.start();
        origin = System.nanoTime();
        RealTimeLoop loop = new RealTimeLoop(this::tick, () -> System.nanoTime() - origin, idle, periodNs);
        loop.run(durationNs);
    }

    private void tick(long nowNs) {
        if (!scheduled) { // the loop's schedule starts at its first tick
            nextDueNs = nowNs;
            scheduled = true;
        }
        long lateNs = Math.min(MAX_RECORDED_NS, Math.max(0, nowNs - nextDueNs));
        lateness.recordValueWithExpectedInterval(lateNs, periodNs);
        if (lateNs > worstLatenessNs) {
            worstLatenessNs = lateNs;
            worstTickAtNs = nowNs;
        }
        nextDueNs += periodNs;
        if (nextDueNs <= nowNs) { // the loop skips what it lost; so does the schedule
            nextDueNs += ((nowNs - nextDueNs) / periodNs + 1) * periodNs;
        }
        simulation.tickAt(nowNs);
        if (telemetry != null) {
            telemetry.offer(plant.timeS(), nowNs, this);
        }
    }

    @Override
    public String setSpeed(double speed) {
        return "a real-time run keeps the wall clock's pace";
    }

    /** Tick lateness against the schedule, ns, corrected for coordinated omission. Read after {@link #run}. */
    public Histogram lateness() {
        return lateness;
    }

    /** When the tick that started latest against its schedule started, ns after the start: where to look. */
    public long worstTickAtNs() {
        return worstTickAtNs;
    }

    public BmsFirmware firmware() {
        return firmware;
    }

    public PackPlant plant() {
        return plant;
    }
}
