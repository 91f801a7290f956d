package org.bmsbench.scenario;

import java.util.List;
import java.util.function.Function;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.SimulatedPort;

/**
 * The one loop that moves a pack plant, the firmware that watches it (or none) and the scenario's world around
 * them (or none) through time, and so the one place that fixes their order. The rule: a firmware tick at time
 * {@code T} sees the plant at its last step boundary at or before {@code T}, with the world's faults due by then
 * in place; after each plant step the observer sees the new state, then the world moves its profile on.
 *
 * <p>Two clocks drive it. {@link #advanceTo} runs the firmware on its own schedule (every fast period from 0),
 * as fast as the CPU goes: the scenario runner, the warm-ups, the board emulator and {@code plant}. {@link #tickAt}
 * ticks it when a real-time loop says so, the plant first catching up with that time: the real-time run.
 * Everything else observes.
 */
public final class CoSimulation {
    /** Sees the state after each plant step, on the loop's thread; it may {@link #stop} the run. */
    public interface StepObserver {
        void afterStep(CoSimulation simulation);
    }

    /** Sees each firmware tick just after it ran, on the loop's thread (a CAN node sends and receives there). */
    public interface TickObserver {
        void afterTick(long nowNs);
    }

    private final PackPlant plant;
    private final BmsFirmware firmware;
    private final ScenarioWorld world;
    private final long stepNs;
    private final long fastPeriodNs;
    private StepObserver observer;
    private TickObserver tickObserver;
    private long nextTickNs;
    private boolean stopped;

    /**
     * @param firmware null for the plant alone
     * @param world    null for a plant with no scenario around it (no profile, no faults on a timeline)
     */
    public CoSimulation(PackPlant plant, BmsFirmware firmware, ScenarioWorld world, long stepNs) {
        if (stepNs <= 0) {
            throw new IllegalArgumentException("the plant's step must be positive, got " + stepNs + " ns");
        }
        this.plant = plant;
        this.firmware = firmware;
        this.world = world;
        this.stepNs = stepNs;
        this.fastPeriodNs = firmware == null ? Long.MAX_VALUE : firmware.config().tasks().fastPeriodNs();
    }

    /**
     * A scenario's pack with the firmware in this process, on the simulated port; {@code events} receives the
     * world's events (segments, faults).
     */
    public static CoSimulation of(Scenario scenario, List<ScenarioEvent> events) {
        return of(scenario, events, ScenarioWorld.Bms::of);
    }

    /** The same, the vehicle reaching the firmware through {@code vehicle} (a CAN bus) instead of its mailbox. */
    public static CoSimulation of(Scenario scenario, List<ScenarioEvent> events,
            Function<BmsFirmware, ScenarioWorld.Bms> vehicle) {
        PackPlant plant = new PackPlant(scenario.plant());
        BmsFirmware firmware = new BmsFirmware(scenario.bms(), new SimulatedPort(plant));
        ScenarioWorld world = new ScenarioWorld(scenario, plant, vehicle.apply(firmware), events);
        return new CoSimulation(plant, firmware, world, scenario.stepNs());
    }

    /** A scenario's pack and world with the BMS elsewhere ({@code vehicleSide}: how the vehicle reaches it). */
    public static CoSimulation withoutFirmware(Scenario scenario, ScenarioWorld.Bms vehicleSide,
            List<ScenarioEvent> events) {
        PackPlant plant = new PackPlant(scenario.plant());
        return new CoSimulation(plant, null, new ScenarioWorld(scenario, plant, vehicleSide, events),
                scenario.stepNs());
    }

    public void setObserver(StepObserver value) {
        this.observer = value;
    }

    public void setTickObserver(TickObserver value) {
        this.tickObserver = value;
    }

    /** The vehicle's first request and the first segment of the profile (nothing without a world). */
    public void start() {
        if (world != null) {
            world.start();
        }
    }

    /** Whether the run goes on: not stopped, and within the world's duration and profile. */
    public boolean running() {
        return !stopped && (world == null || world.running());
    }

    /** Ends the run after the present step. */
    public void stop() {
        stopped = true;
    }

    /**
     * Runs the firmware's ticks due at or before {@code endNs} on its own schedule and the plant's steps that end
     * at or before it, in the rule's order. {@code advanceTo(0)} is the first tick alone.
     */
    public void advanceTo(long endNs) {
        if (firmware != null) {
            while (nextTickNs <= endNs) {
                catchUp(nextTickNs);
                if (!running()) {
                    return;
                }
                tick(nextTickNs);
                nextTickNs += fastPeriodNs;
            }
        }
        catchUp(endNs);
    }

    /** One plant step, with the firmware's ticks due within it and at its end. */
    public void step() {
        advanceTo(plant.timeNs() + stepNs);
    }

    /**
     * A tick at {@code nowNs} given by a real-time loop: the plant catches up (while the world runs), then the
     * firmware ticks, even after the scenario has ended, as a BMS on a bench does.
     */
    public void tickAt(long nowNs) {
        catchUp(nowNs);
        tick(nowNs);
    }

    private void tick(long nowNs) {
        if (world != null) {
            world.beforeStep(); // the faults due by now are in place (done already if a step just ran)
        }
        firmware.tick(nowNs);
        if (tickObserver != null) {
            tickObserver.afterTick(nowNs);
        }
    }

    private void catchUp(long nowNs) {
        while (running() && plant.timeNs() + stepNs <= nowNs) {
            if (world != null) {
                world.beforeStep();
            }
            plant.step(stepNs);
            if (observer != null) {
                observer.afterStep(this);
            }
            if (world != null && !stopped) {
                world.afterStep();
            }
        }
    }

    public PackPlant plant() {
        return plant;
    }

    /** The firmware, or null when it runs elsewhere. */
    public BmsFirmware firmware() {
        return firmware;
    }

    public long stepNs() {
        return stepNs;
    }
}
