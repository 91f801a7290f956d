package org.bmsbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
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
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunFiles() {
    }

    /** The folder of a scenario's files under {@code out}. */
    public static Path folder(Path out, String scenario) {
        return out.resolve(scenario);
    }

    /** Writes {@code summary.json} and {@code events.csv}. */
    public static void write(Path folder, ScenarioResult result) {
        try {
            Files.createDirectories(folder);
            JSON.writeValue(folder.resolve("summary.json").toFile(), summary(result));
            try (CsvWriter csv = CsvWriter.builder().build(folder.resolve("events.csv"))) {
                csv.writeRecord("time_s", "type", "subject", "detail");
                for (ScenarioEvent e : result.events()) {
                    csv.writeRecord(number(e.timeS()), e.type(), e.subject(), e.detail());
                }
            }
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

    /** A trace file: a header, then one row of every signal per call. Close it after the run. */
    public static final class Trace implements ScenarioRunner.TraceSink, AutoCloseable {
        private final CsvWriter csv;
        private final String[] row = new String[Signal.COUNT + 1];

        public Trace(Path folder) {
            try {
                Files.createDirectories(folder);
                csv = CsvWriter.builder().build(folder.resolve("trace.csv"));
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
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
