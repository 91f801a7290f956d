package org.bmsbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.loop.IdleStrategy;
import org.bmsbench.realtime.JitWarmUp;
import org.bmsbench.mqtt.BenchTelemetry;
import org.bmsbench.mqtt.EmbeddedBroker;
import org.bmsbench.mqtt.MqttBench;
import org.bmsbench.mqtt.MqttSettings;
import org.bmsbench.realtime.RealTimeRun;
import org.bmsbench.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The firmware's real-time behaviour on this machine: tick lateness against a simulated plant. */
@Command(name = "jitter", mixinStandardHelpOptions = true,
        description = {"Run the firmware on the wall clock (its 1 ms fast task) against the simulated plant of a"
                + " scenario and report how late its ticks start: p50/p99/p99.9/max from an HdrHistogram"
                + " corrected for coordinated omission, and the overruns. --telemetry also publishes MQTT"
                + " telemetry to an embedded broker, as run --mqtt does."})
final class JitterCommand implements Callable<Integer> {
    private static final long CONNECT_TIMEOUT_NS = 10_000_000_000L;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", arity = "0..1", defaultValue = "scenarios/drive-wltc-96s.yaml",
            description = "The scenario (default: ${DEFAULT-VALUE}).")
    private Path scenarioFile;

    @Option(names = "--duration-s", defaultValue = "60", paramLabel = "S",
            description = "How long to run (default: ${DEFAULT-VALUE}).")
    private double durationS;

    @Option(names = "--telemetry", description = "Publish MQTT telemetry (10 Hz status, 1 Hz cells) while it runs.")
    private boolean telemetry;

    @Mixin
    private IdleOption idle;

    @Option(names = "--max-p999-us", paramLabel = "US",
            description = "Exit 1 when the p99.9 tick lateness is above this (a CI gate on a machine kept for it).")
    private Double maxP999Us;

    @Override
    public Integer call() throws InterruptedException {
        IdleStrategy idleStrategy = idle.strategy();
        if (!(durationS > 0)) {
            throw new IllegalArgumentException("--duration-s must be above zero, got " + durationS);
        }
        if (maxP999Us != null && !(maxP999Us > 0)) {
            throw new IllegalArgumentException("--max-p999-us must be above zero, got " + maxP999Us);
        }
        Scenario scenario = ScenarioFiles.read(scenarioFile);
        PrintWriter out = spec.commandLine().getOut();
        RealTimeRun run = new RealTimeRun(scenario);
        // telemetry connects while the warm-up runs, so that the connection's work is done before the clock counts
        EmbeddedBroker broker = telemetry ? EmbeddedBroker.start() : null;
        MqttSettings settings = broker == null ? null : MqttSettings.of(broker.url());
        BenchTelemetry mqtt = settings == null ? null : new BenchTelemetry(settings, "jitter", run.firmware(),
                new MqttBench.Capabilities(true, false));
        run.attach(mqtt);
        RealTimeRun.warmUp(scenario, JitWarmUp.SIMULATED_S, settings);
        if (mqtt != null && !mqtt.mqtt().awaitReady(CONNECT_TIMEOUT_NS)) {
            out.println("mqtt: not connected yet (" + mqtt.mqtt().lastProblem() + "); starting anyway");
        }
        long compilingNs = JitWarmUp.settle();
        out.printf(Locale.ROOT, "%s on the wall clock for %.0f s, %s idle%s (JIT warm-up: %.0f simulated s, then"
                        + " %s)%n", scenario.name(), durationS, idle.name(),
                mqtt == null ? "" : ", MQTT telemetry to " + broker.url(), JitWarmUp.SIMULATED_S,
                compilingNs < 0 ? "still compiling after " + JitWarmUp.QUIET_TIMEOUT_NS / 1_000_000_000L + " s"
                        : String.format(Locale.ROOT, "compiling %.1f s more", compilingNs / 1e9));
        out.flush();
        run.run(Math.round(durationS * 1e9), idleStrategy);
        Histogram h = run.lateness();
        out.printf(Locale.ROOT, "tick lateness (%d ticks, corrected for coordinated omission): p50 %.1f us, p99 %.1f"
                        + " us, p99.9 %.1f us, max %.1f us (at %.3f s); %d overruns of the %d ms tolerance; plant at"
                        + " %.1f s%n",
                h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, run.worstTickAtNs() / 1e9,
                run.firmware().overruns(),
                scenario.bms().tasks().overrunToleranceNs() / 1_000_000, run.plant().timeS());
        if (mqtt != null) {
            mqtt.close();
            out.println(mqtt.mqtt().summary());
            broker.close();
        }
        double p999Us = h.getValueAtPercentile(99.9) / 1e3;
        if (maxP999Us != null && p999Us > maxP999Us) {
            out.printf(Locale.ROOT, "p99.9 lateness %.1f us is above --max-p999-us %.1f%n", p999Us, maxP999Us);
            out.flush();
            return 1;
        }
        return 0;
    }
}
