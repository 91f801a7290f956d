package org.bmsbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.profile.CanProfile;
import org.bmsbench.can.profile.CanScenarioBus;
import org.bmsbench.mqtt.MqttSettings;
import org.bmsbench.mqtt.ScenarioTelemetry;
import org.bmsbench.realtime.Pacer;
import org.bmsbench.report.JUnitXml;
import org.bmsbench.report.RunFiles;
import org.bmsbench.report.RunFolder;
import org.bmsbench.report.RunIndex;
import org.bmsbench.report.RunReport;
import org.bmsbench.report.TimeFormat;
import org.bmsbench.scenario.Expectation;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.bmsbench.scenario.suite.ScenarioSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs scenario files against the simulated pack and checks their expectations: the CI entry point. Exit 0 when
 * every expectation held, 1 when one failed (or a scenario could not run), 2 on bad input.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run scenario files, or folders of them, against the simulated pack and check their expectations.",
            "Prints a table, writes a JUnit XML report and, per scenario, summary.json, events.csv, series.csv"
                    + " (and trace.csv with --trace) and report.html under --out. Exit 0 all passed, 1 an"
                    + " expectation failed, 2 bad input."})
final class RunCommand implements Callable<Integer> {
    /** Exit code when an expectation failed or a scenario could not run. */
    static final int FAILED = 1;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files, or folders of them.")
    private List<Path> paths;

    @Option(names = "--out", defaultValue = "runs", paramLabel = "DIR",
            description = "Where each scenario's files go, one folder per scenario (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write the JUnit XML report here (it is always written as DIR/junit.xml).")
    private Path junit;

    @Option(names = "--trace", description = "Write each scenario's signals to trace.csv (about 20 000 rows at most).")
    private boolean trace;

    @Option(names = "--trace-cells", description = "Trace as --trace does, and add each cell's true and measured"
            + " voltage, temperature and balancing (four columns a cell).")
    private boolean traceCells;

    @Option(names = "--jobs", defaultValue = "1", paramLabel = "N",
            description = "Scenarios to run at once (default: ${DEFAULT-VALUE}).")
    private int jobs;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Run only the K-th of N deterministic slices of the scenarios (a CI matrix).")
    private String shard;

    @Option(names = "--can-profile", paramLabel = "PROFILE", description = "Put the vehicle and the BMS of the"
            + " scenarios that name no CAN profile on an in-process CAN bus with this one: bmsbench or foxbms.")
    private String canProfile;

    @Option(names = "--can", paramLabel = "BUS", description = {"Also send the frames of the scenario's CAN bus,"
            + " the BMS's and the vehicle's, on a live bus as they happen, paced at --speed (default 1). Frames from"
            + " the live bus are counted, not acted on. Needs a CAN profile (--can-profile or the scenario's can:)"
            + " and one job.",
        "BUS: socketcan:IFACE, slcan:PORT@BITRATE,", "slcan-device:PORT or virtual:NAME (docs/can.md)."})
    private String can;

    @Option(names = "--can-log", description = "Keep the CAN traffic of each scenario on a bus as can.log (candump"
            + " -L format, simulated time from the run's start) in its folder.")
    private boolean canLog;

    @Option(names = "--quiet", description = "Print only failures and the final line.")
    private boolean quiet;

    @Option(names = "--fail-on-empty", description = "Exit 2 when --shard selects no scenario (default: a warning,"
            + " and an empty report).")
    private boolean failOnEmpty;

    @Mixin
    private MqttOptions mqttOptions;

    @Option(names = "--pack-id", paramLabel = "ID",
            description = "With --mqtt: the pack's topic level, bmsbench/ID/... (default: each scenario's name).")
    private String packId;

    @Option(names = "--speed", paramLabel = "X", description = "With --mqtt or --can: run at X times real time"
            + " (default: as fast as it goes with --mqtt, 1 with --can; set_speed changes it).")
    private Double speed;

    private MqttSettings mqtt;
    private CanBus live;
    private RunFolder runFolder;
    private final List<RunReport.Entry> reports = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Integer call() throws IOException {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be 1 or more, got " + jobs);
        }
        RunFolder.requireFolderOrAbsent(out);
        ScenarioSuite.Shard slice = shard == null ? null : ScenarioSuite.Shard.parse(shard);
        if (canProfile != null) {
            CanProfile.byId(canProfile); // an unknown one is refused before anything is read
        }
        if (can != null && jobs > 1) {
            throw new IllegalArgumentException("--can puts one scenario at a time on the live bus: --jobs must be 1"
                    + " with --can, got " + jobs);
        }
        List<Path> files = ScenarioSuite.files(paths, slice);
        if (files.isEmpty()) {
            String empty = "--shard " + shard + " selects no scenario: the suite has fewer files than shards";
            if (failOnEmpty) {
                throw new IllegalArgumentException(empty + " (--fail-on-empty)");
            }
            spec.commandLine().getErr().println("bmsbench: warning: " + empty + "; the report lists no tests");
        }
        List<Scenario> scenarios = ScenarioSuite.load(files);
        PrintWriter outText = spec.commandLine().getOut();
        if (speed != null && !(speed > 0)) {
            throw new IllegalArgumentException("--speed must be above zero, got " + speed);
        }
        if (can != null) {
            requireCanProfile(scenarios);
        }
        if (mqttOptions.enabled() && !scenarios.isEmpty()) {
            mqtt = mqttOptions.settings(outText, packId != null ? packId : packId(scenarios.get(0)));
        }
        try (RunFolder folder = RunFolder.open(out)) { // writable and ours before anything runs
            runFolder = folder;
            live = can == null ? null : CanBuses.open(can);
            return runAndReport(scenarios, slice, outText);
        } finally {
            if (live != null) {
                live.close();
            }
            mqttOptions.close();
        }
    }

    /** Only a scenario on a CAN bus has traffic for the live one. */
    private void requireCanProfile(List<Scenario> scenarios) {
        if (canProfile != null) {
            return;
        }
        for (Scenario scenario : scenarios) {
            if (scenario.canProfile() == null) {
                throw new IllegalArgumentException(scenario.source() + ": --can sends the traffic of a scenario's CAN"
                        + " bus, and this scenario has none: give --can-profile bmsbench|foxbms or a can: profile in"
                        + " the scenario");
            }
        }
    }

    private int runAndReport(List<Scenario> scenarios, ScenarioSuite.Shard slice, PrintWriter outText)
            throws IOException {
        String suite = slice == null ? "bmsbench" : "bmsbench shard " + slice;
        runFolder.writeManifest(suite, scenarios.stream().map(Scenario::name).toList());
        Progress progress = new Progress(outText, scenarios.size(), quiet, System.console() != null);
        List<JUnitXml.Entry> entries = ScenarioSuite.run(scenarios, jobs, s -> runOne(s, progress));
        progress.close();
        if (!quiet && !entries.isEmpty()) {
            printTable(outText, entries);
        }
        JUnitXml.write(out.resolve("junit.xml"), suite, paths, entries);
        List<RunReport.Entry> sorted = new ArrayList<>(reports);
        sorted.sort(Comparator.comparing(RunReport.Entry::name));
        RunIndex.write(out, sorted);
        if (junit != null) {
            JUnitXml.write(junit, suite, paths, entries);
        }
        long failed = entries.stream().filter(e -> e.result() == null || !e.result().passed()).count();
        printSummary(outText, entries, failed);
        outText.flush();
        return failed == 0 ? 0 : FAILED;
    }

    private JUnitXml.Entry runOne(Scenario scenario, Progress progress) {
        progress.started(scenario.name());
        try {
            Path folder = runFolder.scenarioFolder(scenario.name());
            ScenarioResult result;
            String topicId = packId != null ? packId : packId(scenario);
            Pacer pacer = new Pacer(speed != null ? speed : live != null ? 1.0 : Double.NaN);
            ScenarioTelemetry telemetry = mqtt == null ? null : new ScenarioTelemetry(mqtt, topicId, pacer);
            ScenarioRunner.StepListener stepListener = telemetry != null ? telemetry : live != null ? pacer : null;
            LiveCounts before = live == null ? null : LiveCounts.of(live);
            try (RunFiles.Trace file = trace || traceCells ? new RunFiles.Trace(folder, traceCells) : null) {
                ScenarioRunner runner = new ScenarioRunner(CanScenarioBus.factory(
                        s -> canLog ? folder.resolve("can.log") : null, live));
                Scenario run = canProfile == null ? scenario : scenario.onCan(canProfile);
                result = runner.run(run, file, progress.of(scenario.name()), stepListener);
            } finally {
                if (telemetry != null) {
                    telemetry.close();
                }
            }
            if (telemetry != null && telemetry.mqtt() != null) {
                progress.note(telemetry.mqtt().summary());
            }
            if (before != null) {
                progress.note(before.since(scenario.name(), live));
            }
            writeFiles(scenario, folder, result, progress);
            progress.finished(scenario.name(), result);
            return new JUnitXml.Entry(scenario.name(), scenario.source(), result, null);
        } catch (IOException e) {
            String error = "the scenario's folder could not be cleared: " + e.getMessage();
            return failed(scenario, error, progress);
        } catch (OutOfMemoryError e) { // this run's data is unreachable now: the other scenarios can go on
            String error = "the scenario ran out of memory (" + e.getMessage() + "); give the JVM more with"
                    + " BMSBENCH_JAVA_OPTS=-Xmx...";
            return failed(scenario, error, progress);
        } catch (RuntimeException e) {
            String error = "the scenario could not run: " + e;
            return failed(scenario, error, progress);
        }
    }

    /** A scenario that could not run: said, and its JUnit entry an error. */
    private static JUnitXml.Entry failed(Scenario scenario, String error, Progress progress) {
        progress.failed(scenario.name(), error);
        return new JUnitXml.Entry(scenario.name(), scenario.source(), null, error);
    }

    /**
     * The scenario's files and report. A run that simulated keeps its verdict whatever happens here: a problem
     * writing them is said for that scenario, and the index lists it without a report.
     */
    private void writeFiles(Scenario scenario, Path folder, ScenarioResult result, Progress progress) {
        try {
            RunFiles.write(folder, result);
            reports.add(RunReport.write(folder));
        } catch (RuntimeException e) {
            progress.note(scenario.name() + ": the report could not be written: " + e.getMessage());
            Expectation.Outcome first = result.firstFailure();
            reports.add(new RunReport.Entry(scenario.name(), result.passed(), result.simulatedS(),
                    first == null ? "" : first.expectation() + ": " + first.detail(), scenario.name() + "/"));
        }
    }

    /** The live bus's counters before a scenario, for what that scenario put on it. */
    private record LiveCounts(long sent, long received, long dropped) {
        static LiveCounts of(CanBus bus) {
            return new LiveCounts(bus.counters().sent(), bus.counters().received(), bus.counters().dropped());
        }

        String since(String scenario, CanBus bus) {
            LiveCounts now = of(bus);
            return String.format(Locale.ROOT, "%s: live CAN bus %s: %d frames sent, %d received (not acted on),"
                    + " %d dropped", scenario, bus.address(), now.sent - sent, now.received - received,
                    now.dropped - dropped);
        }
    }

    /** A scenario's pack id on MQTT: its name, as a topic level (no dots). */
    private static String packId(Scenario scenario) {
        return scenario.name().replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static void printTable(PrintWriter text, List<JUnitXml.Entry> entries) {
        int width = Math.max(8, entries.stream().mapToInt(e -> e.name().length()).max().orElse(8));
        String format = "%-" + width + "s %12s %9s %9s  %-6s %s%n";
        text.printf(Locale.ROOT, format, "scenario", "simulated", "wall", "speed-up", "result", "first failure");
        for (JUnitXml.Entry e : entries) {
            ScenarioResult r = e.result();
            if (r == null) {
                text.printf(Locale.ROOT, format, e.name(), "", "", "", "ERROR", e.error());
                continue;
            }
            Expectation.Outcome first = r.firstFailure();
            text.printf(Locale.ROOT, format, e.name(), TimeFormat.duration(r.simulatedS()),
                    String.format(Locale.ROOT, "%.2f s", r.wallS()), String.format(Locale.ROOT, "%.0fx", r.speedUp()),
                    r.passed() ? "pass" : "FAIL", first == null ? "" : first.expectation() + ": " + first.detail());
        }
    }

    private void printSummary(PrintWriter text, List<JUnitXml.Entry> entries, long failed) {
        double simulated = entries.stream().filter(e -> e.result() != null).mapToDouble(e -> e.result().simulatedS())
                .sum();
        double wall = entries.stream().filter(e -> e.result() != null).mapToDouble(e -> e.result().wallS()).sum();
        text.printf(Locale.ROOT, "%s: %d passed, %d failed; %s simulated in %.1f s of scenario wall time"
                        + " (%.0fx real time); results in %s, report %s%n",
                TimeFormat.count(entries.size(), "scenario"), entries.size() - failed, failed,
                TimeFormat.duration(simulated), wall, wall > 0 ? simulated / wall : 0.0, out,
                out.resolve("index.html"));
        if (quiet) {
            for (JUnitXml.Entry e : entries) {
                if (e.result() == null) {
                    text.println("ERROR " + e.name() + ": " + e.error());
                } else if (!e.result().passed()) {
                    Expectation.Outcome first = e.result().firstFailure();
                    text.println("FAIL  " + e.name() + ": " + first.expectation() + ": " + first.detail());
                }
            }
        }
    }
}
