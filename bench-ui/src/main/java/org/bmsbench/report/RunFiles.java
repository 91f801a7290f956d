package org.bmsbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.scenario.ContactorState;
import org.bmsbench.scenario.Expectation;
import org.bmsbench.scenario.ScenarioEvent;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.bmsbench.scenario.Signal;
import org.bmsbench.scenario.Signals;

/**
 * The files a scenario's run leaves in its folder: {@code summary.json} (verdicts, timing, signal extremes),
 * {@code events.csv} (what happened), and with a trace {@code trace.csv} (every signal, decimated).
 */
public final class RunFiles {
    private static final ObjectMapper JSON = JsonOut.mapper();
    /** The trace while it is written; renamed to {@code trace.csv} when the run has ended. */
    public static final String TRACE_IN_PROGRESS = "trace.csv.partial";

    private RunFiles() {
    }

    /** The folder of a scenario's files under {@code out}. */
    public static Path folder(Path out, String scenario) {
        return out.resolve(scenario);
    }

    /** Writes {@code summary.json} and {@code events.csv}. */
    public static void write(Path folder, ScenarioResult result) {
        try {
            RunFolder.replace(folder.resolve("summary.json"), out -> JSON.writeValue(out, summary(result)));
            RunFolder.replace(folder.resolve("events.csv"), out -> {
                Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CsvWriter csv = CsvWriter.builder().build(text);
                csv.writeRecord("time_s", "type", "subject", "detail");
                for (ScenarioEvent e : result.events()) {
                    csv.writeRecord(number(e.timeS()), e.type(), e.subject(), e.detail());
                }
                csv.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's files in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The summary as a JSON-ready map. */
    static Map<String, Object> summary(ScenarioResult result) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", result.scenario().name());
        summary.put("description", result.scenario().description());
        summary.put("file", result.scenario().source());
        summary.put("passed", result.passed());
        summary.put("simulated_s", result.simulatedS());
        summary.put("wall_s", result.wallS());
        summary.put("speed_up", result.speedUp());
        List<Map<String, Object>> expectations = new ArrayList<>();
        for (Expectation.Outcome outcome : result.outcomes()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("expectation", outcome.expectation());
            o.put("passed", outcome.passed());
            o.put("detail", outcome.detail());
            expectations.add(o);
        }
        summary.put("expectations", expectations);
        Map<String, Object> signals = new LinkedHashMap<>();
        for (Signal signal : Signal.values()) {
            Map<String, Object> s = new LinkedHashMap<>();
            if (signal.isNumeric()) {
                s.put("min", finiteOrNull(result.min(signal)));
                s.put("max", finiteOrNull(result.max(signal)));
                s.put("final", finiteOrNull(result.last(signal)));
            } else {
                s.put("final", word(signal, result.last(signal)));
            }
            signals.put(signal.id(), s);
        }
        summary.put("signals", signals);
        summary.put("events", result.events().size());
        return summary;
    }

    private static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A word-valued signal's value in words. */
    public static String word(Signal signal, double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        int ordinal = (int) value;
        return signal == Signal.BMS_STATE ? BmsState.of(ordinal).id() : ContactorState.values()[ordinal].id();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /**
     * A trace file: a header, then one row of every signal per call. It is written as {@link #TRACE_IN_PROGRESS}
     * and becomes {@code trace.csv} when closed after the run, so a run that is killed leaves no trace.csv cut in
     * the middle of a row.
     */
    public static final class Trace implements ScenarioRunner.TraceSink, AutoCloseable {
        private final CsvWriter csv;
        private final Path partial;
        private final String[] row = new String[Signal.COUNT + 1];

        public Trace(Path folder) {
            try {
                Files.createDirectories(folder);
                partial = folder.resolve(TRACE_IN_PROGRESS);
                csv = CsvWriter.builder().build(partial);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the trace in " + folder + ": " + e.getMessage(), e);
            }
            row[0] = "time_s";
            for (Signal signal : Signal.values()) {
                row[1 + signal.ordinal()] = signal.id();
            }
            csv.writeRecord(row);
        }

        @Override
        public void row(double timeS, Signals signals) {
            row[0] = number(timeS);
            for (Signal signal : Signal.values()) {
                double v = signals.get(signal);
                row[1 + signal.ordinal()] = signal.isNumeric() ? (Double.isNaN(v) ? "" : number(v)) : word(signal, v);
            }
            csv.writeRecord(row);
        }

        @Override
        public void close() {
            try {
                csv.close();
                Files.move(partial, partial.resolveSibling("trace.csv"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
