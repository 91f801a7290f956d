package org.bmsbench.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.firmware.events.Event;
import org.bmsbench.firmware.events.EventLog;
import org.bmsbench.firmware.events.EventType;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantFault;
import org.bmsbench.sim.SimulatedPort;
import org.bmsbench.sim.load.Load;
import org.bmsbench.sim.load.RestLoad;

/**
 * Runs a scenario: the firmware against the simulated pack through the hardware port, on a simulated clock,
 * as fast as the CPU allows. Each plant step: faults due are injected or cleared, the firmware ticks at its fast
 * period through the step, the plant advances, the firmware's events and the signals go to the expectations
 * (and the trace), and a finished segment makes way for the next. The run ends at the scenario's duration, or
 * when its profile has ended.
 */
public final class ScenarioRunner {
    /** Receives the signals at the trace's rate. */
    public interface TraceSink {
        void row(double timeS, Signals signals);
    }

    /** Told how far a run has got. */
    public interface Progress {
        /** {@code fraction} in 0..1, or NaN when the end is not known in advance. */
        void simulated(double simulatedS, double fraction);
    }

    private static final double NS_PER_S = 1e9;
    private static final long PROGRESS_EVERY_STEPS = 10_000;

    /**
     * The trace's period for a run of {@code durationS} (NaN: not known in advance, when a segment ends on a
     * condition): a round 0.1, 1, 10... s giving about 20 000 rows at most; 1 s when the length is unknown.
     */
    public static double tracePeriodS(double durationS, double stepS) {
        if (Double.isNaN(durationS)) {
            return Math.max(stepS, 1.0);
        }
        double wanted = durationS / 20_000;
        double period = Math.pow(10, Math.ceil(Math.log10(wanted)));
        return Math.max(stepS, Math.max(0.1, period));
    }

    public ScenarioResult run(Scenario scenario) {
        return run(scenario, null, null);
    }

    public ScenarioResult run(Scenario scenario, TraceSink trace, Progress progress) {
        long wallStart = System.nanoTime();
        Run run = new Run(scenario);
        run.go(trace, progress);
        double wallS = (System.nanoTime() - wallStart) / NS_PER_S;
        List<Expectation.Outcome> outcomes = new ArrayList<>();
        for (Expectation.Check check : run.checks) {
            outcomes.add(check.finish(run.plant.timeS()));
        }
        return new ScenarioResult(scenario, outcomes, run.plant.timeS(), wallS, run.events, run.extremes);
    }

    /** The state of one run. */
    private static final class Run {
        final Scenario scenario;
        final PackPlant plant;
        final BmsFirmware firmware;
        final List<Expectation.Check> checks = new ArrayList<>();
        final List<ScenarioEvent> events = new ArrayList<>();
        final double[][] extremes = new double[Signal.COUNT][];
        final Signals signals = new Signals();
        final Event event = new Event();
        final List<ScheduledFault> pending;
        final List<ScheduledFault> active = new ArrayList<>();
        long eventCursor;
        int segment = -1;
        boolean profileDone;
        /** When a request follows a request, the time from which it may be posted (the first one taken). */
        long nextRequestNs = -1;

        Run(Scenario scenario) {
            this.scenario = scenario;
            this.plant = new PackPlant(scenario.plant());
            this.firmware = new BmsFirmware(scenario.bms(), new SimulatedPort(plant));
            for (Expectation expectation : scenario.expectations()) {
                checks.add(expectation.start());
            }
            for (int i = 0; i < Signal.COUNT; i++) {
                extremes[i] = new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
            }
            pending = new ArrayList<>(scenario.faults());
            pending.sort(Comparator.comparingDouble(ScheduledFault::atS));
        }

        void go(TraceSink trace, Progress progress) {
            if (!Double.isNaN(scenario.socEstimate())) {
                firmware.initialiseSoc(scenario.socEstimate());
            }
            if (scenario.startNormal()) {
                firmware.request(BmsRequest.NORMAL);
            }
            nextSegment();
            long stepNs = scenario.stepNs();
            long fastNs = scenario.bms().tasks().fastPeriodNs();
            long endNs = scenario.durationNs() > 0 ? scenario.durationNs() : Long.MAX_VALUE;
            double durationS = scenario.plannedDurationS();
            double tracePeriodS = tracePeriodS(durationS, stepNs / NS_PER_S);
            double nextTraceS = 0;
            long nextTickNs = 0;
            long steps = 0;
            long slowEvery = Math.max(1, scenario.bms().tasks().slowPeriodNs() / stepNs);
            while (plant.timeNs() < endNs) {
                long t = plant.timeNs();
                applyFaults(t / NS_PER_S);
                for (; nextTickNs < t + stepNs; nextTickNs += fastNs) {
                    firmware.tick(nextTickNs);
                }
                plant.step(stepNs);
                double nowS = plant.timeS();
                drainEvents();
                signals.update(plant, firmware, steps % slowEvery == 0);
                for (int c = 0; c < checks.size(); c++) {
                    checks.get(c).sample(nowS, signals);
                }
                recordExtremes();
                if (trace != null && nowS >= nextTraceS - 1e-9) {
                    trace.row(nowS, signals);
                    nextTraceS += tracePeriodS;
                }
                steps++;
                boolean advance = nextRequestNs >= 0 ? plant.timeNs() >= nextRequestNs
                        : plant.load().isFinished(nowS);
                if (advance) {
                    nextRequestNs = -1;
                    nextSegment();
                    if (profileDone && scenario.durationNs() == 0) {
                        break;
                    }
                }
                if (progress != null && (steps + 1) % PROGRESS_EVERY_STEPS == 0) {
                    progress.simulated(nowS, Math.min(1.0, nowS / durationS)); // NaN when not known
                }
            }
            drainEvents();
        }

        /**
         * Starts the next load, acting on any requests before it; after the last, the pack rests. The BMS takes
         * one request per main tick (a newer one replaces one not yet taken, as on a bus), so a request that
         * follows another waits a main period, with the pack at rest.
         */
        void nextSegment() {
            double nowS = plant.timeS();
            boolean requested = false;
            while (++segment < scenario.profile().size()) {
                Segment next = scenario.profile().get(segment);
                if (next instanceof Segment.RequestSegment && requested) {
                    segment--;
                    nextRequestNs = plant.timeNs() + scenario.bms().tasks().mainPeriodNs();
                    plant.setLoad(new RestLoad(Double.MAX_VALUE));
                    return;
                }
                events.add(new ScenarioEvent(nowS, "segment", next.describe(), ""));
                if (next instanceof Segment.RequestSegment) {
                    firmware.request(((Segment.RequestSegment) next).request());
                    requested = true;
                    continue;
                }
                Segment.LoadSegment load = (Segment.LoadSegment) next;
                Load fresh = load.load().get();
                plant.setLoad(load.respectLimits() ? new LimitedLoad(fresh, firmware.limits()) : fresh);
                return;
            }
            profileDone = true;
            plant.setLoad(new RestLoad(Double.MAX_VALUE));
        }

        void applyFaults(double nowS) {
            while (!pending.isEmpty() && pending.get(0).atS() <= nowS + 1e-9) {
                ScheduledFault fault = pending.remove(0);
                plant.inject(fault.fault());
                active.add(fault);
                events.add(new ScenarioEvent(nowS, "fault_injected", fault.fault().type().id(), describe(fault)));
            }
            for (int i = active.size() - 1; i >= 0; i--) {
                ScheduledFault fault = active.get(i);
                if (fault.endS() <= nowS + 1e-9) {
                    plant.clear(fault.fault());
                    active.remove(i);
                    events.add(new ScenarioEvent(nowS, "fault_cleared_by_scenario", fault.fault().type().id(),
                            describe(fault)));
                }
            }
        }

        private static String describe(ScheduledFault fault) {
            String target = fault.fault().type().target() == PlantFault.Target.PACK ? ""
                    : "target " + (fault.fault().target() + 1);
            String value = Double.isNaN(fault.fault().value()) ? ""
                    : String.format(Locale.ROOT, "%s%.6g %s", target.isEmpty() ? "" : ", ", fault.fault().value(),
                    fault.fault().type().unit());
            return target + value;
        }

        void drainEvents() {
            EventLog log = firmware.events();
            long count = log.count();
            if (eventCursor < log.oldest()) {
                events.add(new ScenarioEvent(plant.timeS(), "events_lost",
                        (log.oldest() - eventCursor) + " events", "the log overflowed between two steps"));
                eventCursor = log.oldest();
            }
            for (; eventCursor < count; eventCursor++) {
                if (!log.read(eventCursor, event)) {
                    continue;
                }
                double timeS = event.timeNs() / NS_PER_S;
                EventType type = event.type();
                switch (type) {
                    case FAULT_RAISED:
                    case FAULT_CLEARED: {
                        FaultId id = FaultId.of(event.code());
                        FaultLevel level = FaultLevel.of(event.level());
                        boolean raised = type == EventType.FAULT_RAISED;
                        for (Expectation.Check check : checks) {
                            check.onFault(timeS, id, level, raised);
                        }
                        events.add(new ScenarioEvent(timeS, type.id(), id.name(),
                                String.format(Locale.ROOT, "%s, value %.6g", level.id(), event.value())));
                        break;
                    }
                    case STATE_CHANGED:
                        events.add(new ScenarioEvent(timeS, type.id(), BmsState.of(event.code()).id(),
                                "from " + BmsState.of(event.level()).id()));
                        break;
                    case REQUEST:
                    case REQUEST_REFUSED:
                        events.add(new ScenarioEvent(timeS, type.id(), BmsRequest.of(event.code()).id(), ""));
                        break;
                    case OPENED_UNDER_LOAD:
                        events.add(new ScenarioEvent(timeS, type.id(), "contactors",
                                String.format(Locale.ROOT, "%.6g A", event.value())));
                        break;
                    case PRECHARGE_ATTEMPT_FAILED:
                        events.add(new ScenarioEvent(timeS, type.id(), "attempt " + event.code(),
                                String.format(Locale.ROOT, "link at %.6g V", event.value())));
                        break;
                    default:
                        events.add(new ScenarioEvent(timeS, type.id(), Integer.toString(event.code()),
                                String.format(Locale.ROOT, "%.6g", event.value())));
                }
            }
        }

        void recordExtremes() {
            for (int i = 0; i < Signal.COUNT; i++) {
                double v = signals.get(Signal.of(i));
                double[] e = extremes[i];
                if (!Double.isNaN(v)) {
                    e[0] = Math.min(e[0], v);
                    e[1] = Math.max(e[1], v);
                    e[2] = v;
                }
            }
        }
    }
}
