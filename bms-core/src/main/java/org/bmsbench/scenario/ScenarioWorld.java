package org.bmsbench.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.load.Load;
import org.bmsbench.sim.load.RestLoad;

/**
 * What a scenario puts around the BMS: the vehicle's profile of loads and requests and the faults on their
 * timeline, acting on the pack plant. {@link ScenarioRunner} runs it with the firmware in the same process; the
 * serial board emulator runs it with the BMS at the other end of a line, so both see the same world.
 *
 * <p>Around each plant step: {@link #beforeStep} injects and clears the faults due, {@link #afterStep} moves
 * the profile on when its segment has finished.
 */
public final class ScenarioWorld {
    /** What the vehicle sees of the BMS: it posts requests to it and obeys the current limits it publishes. */
    public interface Bms {
        void request(BmsRequest request);

        /** The discharge current the BMS allows now, A (positive). */
        double dischargeLimitA();

        /** The charge current the BMS allows now, A (positive). */
        double chargeLimitA();

        /** A {@code can} segment: only a vehicle on a bus ({@link ScenarioBus}) sends frames. */
        default void send(Segment.CanSegment frame) {
            throw new IllegalStateException("a can segment needs the scenario's CAN bus (can: {profile: ...})");
        }

        /** A firmware in this process: requests to its mailbox, its limits as they are. */
        static Bms of(BmsFirmware firmware) {
            return new Bms() {
                @Override
                public void request(BmsRequest request) {
                    firmware.request(request);
                }

                @Override
                public double dischargeLimitA() {
                    return firmware.limits().dischargeA();
                }

                @Override
                public double chargeLimitA() {
                    return firmware.limits().chargeA();
                }
            };
        }
    }

    private final Scenario scenario;
    private final PackPlant plant;
    private final Bms bms;
    private final List<ScenarioEvent> events;
    private final List<ScheduledFault> pending;
    private final List<ScheduledFault> active = new ArrayList<>();
    private int segment = -1;
    private boolean profileDone;
    /** When a request follows a request, the time from which it may be posted (the first one taken). */
    private long nextRequestNs = -1;

    /** {@code events} receives the world's events (segments, faults) in the order they happen. */
    public ScenarioWorld(Scenario scenario, PackPlant plant, Bms bms, List<ScenarioEvent> events) {
        this.scenario = scenario;
        this.plant = plant;
        this.bms = bms;
        this.events = events;
        this.pending = new ArrayList<>(scenario.faults());
        pending.sort(Comparator.comparingLong(ScheduledFault::atNs));
    }

    /** The vehicle's first request (when the scenario starts normal) and the first segment. */
    public void start() {
        if (scenario.startNormal()) {
            bms.request(BmsRequest.NORMAL);
        }
        nextSegment();
    }

    /** Whether the run goes on: before its duration, and while the profile has a segment (without one). */
    public boolean running() {
        long endNs = scenario.durationNs() > 0 ? scenario.durationNs() : Long.MAX_VALUE;
        return plant.timeNs() < endNs && !(profileDone && scenario.durationNs() == 0);
    }

    /** Injects and clears the faults due at the plant's time. */
    public void beforeStep() {
        long nowNs = plant.timeNs();
        while (!pending.isEmpty() && pending.get(0).atNs() <= nowNs) {
            ScheduledFault fault = pending.remove(0);
            plant.inject(fault.fault());
            active.add(fault);
            events.add(new ScenarioEvent.PlantFaultChanged(nowNs, fault.fault(), true,
                    ScenarioEvent.FaultSource.SCENARIO));
        }
        for (int i = active.size() - 1; i >= 0; i--) {
            ScheduledFault fault = active.get(i);
            if (fault.endNs() <= nowNs) {
                plant.clear(fault.fault());
                active.remove(i);
                events.add(new ScenarioEvent.PlantFaultChanged(nowNs, fault.fault(), false,
                        ScenarioEvent.FaultSource.SCENARIO));
            }
        }
    }

    /** Moves to the next segment when the present one has finished. */
    public void afterStep() {
        boolean advance = nextRequestNs >= 0 ? plant.timeNs() >= nextRequestNs : plant.load().isFinished(plant.timeS());
        if (advance) {
            nextRequestNs = -1;
            nextSegment();
        }
    }

    /**
     * Starts the next load, acting on any requests before it; after the last, the pack rests. The BMS takes one
     * request per main tick (a newer one replaces one not yet taken, as on a bus), so a request that follows
     * another waits a main period, with the pack at rest.
     */
    private void nextSegment() {
        boolean requested = false;
        while (++segment < scenario.profile().size()) {
            Segment next = scenario.profile().get(segment);
            if (next instanceof Segment.RequestSegment && requested) {
                segment--;
                nextRequestNs = plant.timeNs() + scenario.bms().tasks().mainPeriodNs();
                plant.setLoad(new RestLoad(Double.MAX_VALUE));
                return;
            }
            events.add(new ScenarioEvent.SegmentStarted(plant.timeNs(), next.describe()));
            if (next instanceof Segment.RequestSegment) {
                bms.request(((Segment.RequestSegment) next).request());
                requested = true;
                continue;
            }
            if (next instanceof Segment.CanSegment frame) { // a frame on the bus takes no time
                bms.send(frame);
                continue;
            }
            Segment.LoadSegment load = (Segment.LoadSegment) next;
            Load fresh = load.load().get();
            plant.setLoad(load.respectLimits() ? new LimitedLoad(fresh, bms) : fresh);
            return;
        }
        profileDone = true;
        plant.setLoad(new RestLoad(Double.MAX_VALUE));
    }
}
