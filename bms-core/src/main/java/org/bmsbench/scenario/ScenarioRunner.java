package org.bmsbench.scenario;

import java.util.ArrayList;
import java.util.List;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.sim.PackPlant;

/**
 * Runs a scenario: the firmware against the simulated pack through the hardware port, on a simulated clock,
 * as fast as the CPU allows, in a {@link CoSimulation} (which fixes the order of ticks and steps). After each
 * plant step this runner observes: the firmware's events and the signals go to the expectations (and the trace,
 * the listener, the progress) and are kept as extremes and as a {@link SignalSeries}. The run ends at the
 * scenario's duration, or when its profile has ended.
 */
public final class ScenarioRunner {
    /** Receives the signals at the trace's rate, and the plant and firmware for what it traces per cell. */
    public interface TraceSink {
        void row(double timeS, Signals signals, PackPlant plant, BmsFirmware firmware);
    }

    /** Called on the run's thread after every plant step: telemetry, remote commands, pacing. */
    public interface StepListener {
        void afterStep(PackPlant plant, BmsFirmware firmware);
    }

    /** Told how far a run has got. */
    public interface Progress {
        /** {@code fraction} in 0..1, or NaN when the end is not known in advance. */
        void simulated(double simulatedS, double fraction);
    }

    private static final double NS_PER_S = 1e9;
    private static final long PROGRESS_EVERY_STEPS = 10_000;

    private final ScenarioBus.Factory buses;

    /** A runner for scenarios without a CAN bus. */
    public ScenarioRunner() {
        this(null);
    }

    /** A runner that opens a scenario's CAN bus (when it names a profile) with {@code buses}; null for none. */
    public ScenarioRunner(ScenarioBus.Factory buses) {
        this.buses = buses;
    }

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
        return run(scenario, trace, progress, null);
    }

    /** A run with a listener after every step (may be null, as may {@code trace} and {@code progress}). */
    public ScenarioResult run(Scenario scenario, TraceSink trace, Progress progress, StepListener listener) {
        long wallStart = System.nanoTime();
        Run run = new Run(scenario, buses);
        try {
            run.go(trace, progress, listener);
        } finally {
            if (run.bus != null) {
                run.bus.close();
            }
        }
        double wallS = (System.nanoTime() - wallStart) / NS_PER_S;
        List<Expectation.Outcome> outcomes = new ArrayList<>();
        if (run.leftPhysics != null) {
            outcomes.add(new Expectation.Outcome(Expectation.Kind.PLANT_FINITE, "the plant stays finite", false,
                    run.leftPhysics));
        }
        for (Expectation.Check check : run.checks) {
            outcomes.add(check.finish(run.plant.timeNs()));
        }
        return new ScenarioResult(scenario, outcomes, run.plant.timeS(), wallS, run.events, run.ranges(),
                run.series);
    }

    /** The plant's own signals, finite in any physical run. */
    private static final Signal[] PLANT_TRUTH = {Signal.PACK_CURRENT_A, Signal.PACK_VOLTAGE_V,
        Signal.CELL_VOLTAGE_MIN_V, Signal.CELL_VOLTAGE_MAX_V, Signal.CELL_TEMPERATURE_MIN_C,
        Signal.CELL_TEMPERATURE_MAX_C};

    /** The state of one run: the co-simulation and what observes it. */
    private static final class Run implements CoSimulation.StepObserver {
        final Scenario scenario;
        final CoSimulation simulation;
        final PackPlant plant;
        final BmsFirmware firmware;
        final List<Expectation.Check> checks = new ArrayList<>();
        final List<ScenarioEvent> events = new ArrayList<>();
        final double[][] extremes = new double[Signal.COUNT][];
        final Signals signals = new Signals();
        final SignalSeries series;
        final FirmwareEvents firmwareEvents;
        final long slowEvery;
        TraceSink trace;
        Progress progress;
        StepListener listener;
        ScenarioBus bus;
        double durationS;
        long tracePeriodNs;
        long nextTraceNs;
        long steps;
        /** Why the run stopped early: the plant's state stopped being a number. */
        String leftPhysics;

        Run(Scenario scenario, ScenarioBus.Factory buses) {
            this.scenario = scenario;
            if (scenario.canProfile() != null && buses == null) {
                throw new IllegalStateException(scenario.source() + ": this scenario runs on a CAN bus (can: "
                        + scenario.canProfile() + "), which this runner cannot open");
            }
            this.simulation = CoSimulation.of(scenario, events, firmware -> {
                if (scenario.canProfile() == null) {
                    return ScenarioWorld.Bms.of(firmware);
                }
                bus = buses.open(scenario, firmware, this::busValue);
                return bus;
            });
            if (bus != null) {
                simulation.setTickObserver(bus);
            }
            this.plant = simulation.plant();
            this.firmware = simulation.firmware();
            this.firmwareEvents = new FirmwareEvents(firmware.events());
            this.slowEvery = Math.max(1, scenario.bms().tasks().slowPeriodNs() / scenario.stepNs());
            double plannedS = scenario.plannedDurationS();
            this.series = SignalSeries.forDuration(Double.isNaN(plannedS) ? 0 : Math.round(plannedS * NS_PER_S));
            for (Expectation expectation : scenario.expectations()) {
                checks.add(expectation.start());
            }
            for (int i = 0; i < Signal.COUNT; i++) {
                extremes[i] = new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
            }
        }

        void go(TraceSink traceSink, Progress progressSink, StepListener stepListener) {
            this.trace = traceSink;
            this.progress = progressSink;
            this.listener = stepListener;
            if (!Double.isNaN(scenario.socEstimate())) {
                firmware.initialiseSoc(scenario.socEstimate());
            }
            durationS = scenario.plannedDurationS();
            tracePeriodNs = Math.round(tracePeriodS(durationS, scenario.stepNs() / NS_PER_S) * NS_PER_S);
            simulation.setObserver(this);
            simulation.start();
            // the first tick, and the expectations' first sample: an expectation due at 0 s is judged on the state
            // the BMS starts in
            simulation.advanceTo(0);
            drainEvents();
            signals.update(plant, firmware, true);
            sampleChecks(plant.timeNs());
            while (simulation.running()) {
                simulation.step();
            }
            drainEvents();
        }

        @Override
        public void afterStep(CoSimulation sim) {
            double nowS = plant.timeS();
            drainEvents();
            signals.update(plant, firmware, steps % slowEvery == 0);
            leftPhysics = nonFinite(nowS);
            if (leftPhysics != null) {
                sim.stop(); // what follows would be arithmetic on infinities: stop with what is known
                return;
            }
            sampleChecks(plant.timeNs());
            recordExtremes();
            series.add(plant.timeNs(), signals);
            if (trace != null && plant.timeNs() >= nextTraceNs) {
                trace.row(nowS, signals, plant, firmware);
                nextTraceNs += tracePeriodNs;
            }
            steps++;
            if (listener != null) {
                listener.afterStep(plant, firmware);
            }
            if (progress != null && (steps + 1) % PROGRESS_EVERY_STEPS == 0) {
                progress.simulated(nowS, Math.min(1.0, nowS / durationS)); // NaN when not known
            }
        }

        void sampleChecks(long nowNs) {
            for (int c = 0; c < checks.size(); c++) {
                checks.get(c).sample(nowNs, signals);
            }
        }

        /** A sentence naming the first plant signal that is not finite, or null when all are. */
        String nonFinite(double nowS) {
            for (Signal signal : PLANT_TRUTH) {
                double v = signals.get(signal);
                if (!Double.isFinite(v)) {
                    return String.format(java.util.Locale.ROOT, "%s was %s at %.3f s: the load drove the plant"
                            + " beyond what its numbers can hold; the run stopped there", signal.id(), v, nowS);
                }
            }
            return null;
        }

        void busValue(long timeNs, String message, String signal, double value) {
            for (int c = 0; c < checks.size(); c++) {
                checks.get(c).onBusValue(timeNs, message, signal, value);
            }
        }

        void drainEvents() {
            firmwareEvents.drain(events, (timeNs, id, level, raised) -> {
                for (Expectation.Check check : checks) {
                    check.onFault(timeNs, id, level, raised);
                }
            });
        }

        List<SignalRange> ranges() {
            List<SignalRange> out = new ArrayList<>(Signal.COUNT);
            for (double[] e : extremes) {
                out.add(new SignalRange(e[0], e[1], e[2]));
            }
            return out;
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
