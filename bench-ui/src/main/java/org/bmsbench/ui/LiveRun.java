package org.bmsbench.ui;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.soc.SocEstimation;
import org.bmsbench.mqtt.SimulatedBench;
import org.bmsbench.mqtt.TelemetryRing;
import org.bmsbench.mqtt.TelemetrySnapshot;
import org.bmsbench.realtime.Pacer;
import org.bmsbench.scenario.BenchControl;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.bmsbench.sim.Pack;
import org.bmsbench.sim.PackPlant;

/**
 * A scenario run in the background for the dashboard: paced at a speed (times real time, or as fast as it goes),
 * pausable, and taking the dashboard's commands through the same {@link BenchControl} an MQTT command reaches.
 * After each plant step it leaves a snapshot (cells included, true soc too) in a ring when one is due, at most
 * {@link #SNAPSHOT_HZ} a second of wall time; the dashboard reads the ring on its own thread, so it can never
 * slow the run down more than that hand-over costs.
 */
public final class LiveRun extends SimulatedBench implements ScenarioRunner.StepListener, DashboardSource {
    public static final int SNAPSHOT_HZ = 20;
    private static final long SNAPSHOT_PERIOD_NS = 1_000_000_000L / SNAPSHOT_HZ;

    private final Scenario scenario;
    private final Queue<Function<BenchControl, String>> commands = new ConcurrentLinkedQueue<>();
    private volatile TelemetryRing ring;
    private final Pacer pacer;
    private volatile boolean paused;
    private volatile double untilS = Double.POSITIVE_INFINITY;
    private volatile ScenarioResult result;
    private volatile String lastCommandError;
    private long nextSnapshotNs;
    private java.util.function.Consumer<TelemetrySnapshot> direct;
    private double directEveryS;
    private double nextDirectS;
    private TelemetrySnapshot directCopy;

    /** {@code speed}: times real time; NaN: as fast as it goes. */
    public LiveRun(Scenario scenario, double speed) {
        this.scenario = scenario;
        this.pacer = new Pacer(speed);
    }

    /** Starts the run in its own thread. */
    public void start() {
        Thread thread = new Thread(() -> result = new ScenarioRunner().run(scenario, null, null, this), "scenario");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs it on the calling thread, as fast as it goes, until simulated time {@code stopS}, handing
     * {@code sink} a snapshot every {@code everyS} of simulated time (for a screenshot of a real run).
     */
    public void runUntil(double stopS, double everyS, java.util.function.Consumer<TelemetrySnapshot> sink) {
        untilS = stopS;
        pacer.setSpeed(Double.NaN, 0);
        direct = sink;
        directEveryS = everyS;
        try {
            result = new ScenarioRunner().run(scenario, null, null, this);
        } catch (StopHere stop) {
            // reached stopS
        }
    }

    /** Thrown out of the run at {@code untilS}: the runner has no stop of its own. */
    private static final class StopHere extends RuntimeException {
        StopHere() {
            super(null, null, false, false);
        }
    }

    @Override
    public void afterStep(PackPlant plantNow, BmsFirmware firmwareNow) {
        long now = System.nanoTime();
        if (ring == null) {
            bind(plantNow, firmwareNow);
            ring = new TelemetryRing(8, () -> TelemetrySnapshot.sizedFor(firmwareNow));
        }
        for (Function<BenchControl, String> c; (c = commands.poll()) != null; ) {
            String error = c.apply(this);
            lastCommandError = error;
        }
        if (direct != null) {
            if (plant.timeS() >= nextDirectS || plant.timeS() >= untilS) {
                snapshot();
                if (directCopy == null) {
                    directCopy = TelemetrySnapshot.sizedFor(firmware);
                }
                ring.poll(directCopy);
                direct.accept(directCopy); // the sink takes what it needs before the next one
                nextDirectS = plant.timeS() + directEveryS;
            }
        } else if (now >= nextSnapshotNs) {
            snapshot();
            nextSnapshotNs = now + SNAPSHOT_PERIOD_NS;
        }
        if (plant.timeS() >= untilS) {
            throw new StopHere();
        }
        while (paused) {
            LockSupport.parkNanos(20_000_000L);
            pacer.resume(plant.timeS());
        }
        pacer.hold(plant.timeS());
    }

    private void snapshot() {
        TelemetrySnapshot s = ring.claim();
        s.fill(firmware, plant.timeS(), true);
        Pack pack = plant.pack();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int c = 0; c < pack.cellCount(); c++) {
            min = Math.min(min, pack.soc(c));
            max = Math.max(max, pack.soc(c));
        }
        s.setTrueSoc(SocEstimation.displayed(min, max));
        ring.publish();
    }

    @Override
    public String title() {
        return scenario.name();
    }

    @Override
    public String condition() {
        return result != null ? "ended" : paused ? "paused" : "";
    }

    @Override
    public boolean pausable() {
        return true;
    }

    @Override
    public BalancingConfig.Strategy balancingStrategy() {
        return scenario.bms().balancing().strategy();
    }

    /** The newest snapshot into {@code into}; false when none has come since the last call. */
    @Override
    public boolean latest(TelemetrySnapshot into) {
        TelemetryRing r = ring;
        boolean any = false;
        while (r != null && r.poll(into)) {
            any = true;
        }
        return any;
    }

    /** A snapshot sized for this run's BMS, once it has started (null before). */
    @Override
    public TelemetrySnapshot newSnapshot() {
        return firmware == null ? null : TelemetrySnapshot.sizedFor(firmware);
    }

    /** Queues a command for the run's thread (from the dashboard's). */
    @Override
    public void send(Function<BenchControl, String> command) {
        commands.add(command);
    }

    @Override
    public void setPaused(boolean value) {
        paused = value;
    }

    @Override
    public boolean paused() {
        return paused;
    }

    @Override
    public double speed() {
        return pacer.speed();
    }

    /** The result once the run has ended, else null. */
    public ScenarioResult result() {
        return result;
    }

    /** Why the last command could not be carried out, or null. */
    @Override
    public String lastCommandError() {
        return lastCommandError;
    }

    public Scenario scenario() {
        return scenario;
    }

    @Override
    public String setSpeed(double value) {
        pacer.setSpeed(value, plant == null ? 0 : plant.timeS());
        return null;
    }
}
