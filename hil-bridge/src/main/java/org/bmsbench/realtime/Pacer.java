package org.bmsbench.realtime;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.loop.Clock;
import org.bmsbench.scenario.ScenarioRunner;
import org.bmsbench.sim.PackPlant;

/**
 * Holds a simulated run back to a multiple of real time, on the run's own thread: after each step it waits until
 * the wall clock has caught up with the simulated time at that speed. The wall clock starts at the first step, and
 * again at each change of speed, after a pause and after falling more than {@link #MAX_LATE_NS} behind (a stalled
 * machine), so a slow start-up, a pause or a stall is not made up by running faster: a live bus or a dashboard
 * would see a burst. Lateness below that is made up, so the speed holds on average.
 * A NaN speed runs as fast as it goes. The one pacer of a simulated run: {@code run}'s MQTT telemetry
 * ({@code set_speed}) and live CAN bus share it, and the dashboard's run uses it.
 */
public final class Pacer implements ScenarioRunner.StepListener {
    static final long MAX_LATE_NS = 100_000_000L;
    private final Clock clock;
    private final LongConsumer park;
    private volatile double speed; // read by a dashboard's thread
    private boolean started;
    private long wallStartNs;
    private double simStartS;

    /** {@code speed}: times real time; NaN: as fast as it goes. */
    public Pacer(double speed) {
        this(speed, Clock.SYSTEM, LockSupport::parkNanos);
    }

    /** A pacer on {@code clock} that waits with {@code park} (ns to wait), for tests. */
    Pacer(double speed, Clock clock, LongConsumer park) {
        check(speed);
        this.speed = speed;
        this.clock = clock;
        this.park = park;
    }

    private static void check(double speed) {
        if (!(speed > 0) && !Double.isNaN(speed)) {
            throw new IllegalArgumentException("a speed is above zero times real time (or NaN: as fast as it goes),"
                    + " got " + speed);
        }
    }

    @Override
    public void afterStep(PackPlant plant, BmsFirmware firmware) {
        hold(plant.timeS());
    }

    /** Waits until the wall clock has caught up with {@code simS} at the speed; starts the clock the first time. */
    public void hold(double simS) {
        long nowNs = clock.nanoTime();
        if (!started) {
            restart(nowNs, simS);
            return;
        }
        if (Double.isNaN(speed)) {
            return;
        }
        // due = wall start + (sim - sim start) / speed
        long waitNs = wallStartNs + Math.round((simS - simStartS) / speed * 1e9) - nowNs;
        if (waitNs > 0) {
            park.accept(waitNs);
        } else if (waitNs < -MAX_LATE_NS) {
            restart(nowNs, simS);
        }
    }

    /** A new speed from {@code simS} on (NaN: as fast as it goes), the wall clock starting again now. */
    public void setSpeed(double value, double simS) {
        check(value);
        speed = value;
        restart(clock.nanoTime(), simS);
    }

    /** After a pause at {@code simS}: the wall clock starts again now. */
    public void resume(double simS) {
        restart(clock.nanoTime(), simS);
    }

    /** Times real time, or NaN. */
    public double speed() {
        return speed;
    }

    private void restart(long nowNs, double simS) {
        started = true;
        wallStartNs = nowNs;
        simStartS = simS;
    }
}
