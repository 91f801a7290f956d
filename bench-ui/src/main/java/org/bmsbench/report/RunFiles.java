package org.bmsbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.scenario.ContactorState;
import org.bmsbench.scenario.Expectation;
import org.bmsbench.scenario.ScenarioEvent;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;
import org.bmsbench.scenario.Signal;
import org.bmsbench.scenario.SignalSeries;
import org.bmsbench.scenario.Signals;
import org.bmsbench.sim.PackPlant;

/**
 * The files a scenario's run leaves in its folder: {@code summary.json} (verdicts, timing, signal extremes),
 * {@code events.csv} (what happened), {@code series.csv} (every signal's lowest and highest in each of the run's
 * buckets) and with a trace {@code trace.csv} (every signal, decimated). Each says its format: summary.json in
 * its {@code format} field, each CSV in a first {@code #} line; docs/scenarios.md lists their fields.
 */
public final class RunFiles {
    /** The summary's format, written as its first field. */
    public static final String SUMMARY_FORMAT = "bmsbench-summary/2";
    /** The first line of each CSV: its format, and where its columns are described. */
    static final String EVENTS_FORMAT = "bmsbench-events/2";
    static final String TRACE_FORMAT = "bmsbench-trace/2";
    static final String SERIES_FORMAT = "bmsbench-series/1";
    private static final String COLUMNS_DOC = "columns in docs/scenarios.md, \"The run's files\"";
    private static final ObjectMapper JSON = JsonOut.mapper();
    /** The trace while it is written; renamed to {@code trace.csv} when the run has ended. */
    public static final String TRACE_IN_PROGRESS = "trace.csv.partial";

    private RunFiles() {
    }

    /** The folder of a scenario's files under {@code out}. */
    public static Path folder(Path out, String scenario) {
        return out.resolve(scenario);
    }

    /** Writes {@code summary.json}, {@code events.csv} and {@code series.csv}. */
    public static void write(Path folder, ScenarioResult result) {
        try {
            RunFolder.replace(folder.resolve("summary.json"), out -> JSON.writeValue(out, summary(result)));
            RunFolder.replace(folder.resolve("events.csv"), out -> {
                CsvWriter csv = csv(out, EVENTS_FORMAT + ": one event a row, in order; cell counts from 1");
                csv.writeRecord("time_s", "type", "subject", "level", "value", "unit", "cell", "note");
                for (ScenarioEvent e : result.events()) {
                    csv.writeRecord(TimeFormat.seconds(e.timeS()), e.type(), e.subject(), e.tier(),
                            Double.isNaN(e.value()) ? "" : number(e.value()), e.unit(),
                            e.cell() < 0 ? "" : Integer.toString(e.cell() + 1), e.note());
                }
                csv.flush();
            });
            RunFolder.replace(folder.resolve("series.csv"), out -> writeSeries(out, result.series()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's files in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static CsvWriter csv(OutputStream out, String comment) {
        CsvWriter csv = CsvWriter.builder().build(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        csv.writeComment(comment + "; " + COLUMNS_DOC);
        return csv;
    }

    /** The series: a row per bucket, each numeric signal's lowest and highest in it ({@code _min}, {@code _max}). */
    private static void writeSeries(OutputStream out, SignalSeries series) throws IOException {
        CsvWriter csv = csv(out, String.format(Locale.ROOT, "%s: %d buckets of %s s, each signal's lowest and"
                + " highest from time_s on", SERIES_FORMAT, series.buckets(), TimeFormat.seconds(series.widthS())));
        List<Signal> numeric = Arrays.stream(Signal.values()).filter(Signal::isNumeric).toList();
        String[] row = new String[1 + 2 * numeric.size()];
        row[0] = "time_s";
        for (int k = 0; k < numeric.size(); k++) {
            row[1 + 2 * k] = numeric.get(k).id() + "_min";
            row[2 + 2 * k] = numeric.get(k).id() + "_max";
        }
        csv.writeRecord(row);
        for (int b = 0; b < series.buckets(); b++) {
            row[0] = TimeFormat.seconds(series.startS(b));
            for (int k = 0; k < numeric.size(); k++) {
                row[1 + 2 * k] = numberOrEmpty(series.min(numeric.get(k), b));
                row[2 + 2 * k] = numberOrEmpty(series.max(numeric.get(k), b));
            }
            csv.writeRecord(row);
        }
        csv.flush();
    }

    /** The summary as a JSON-ready map. */
    static Map<String, Object> summary(ScenarioResult result) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("format", SUMMARY_FORMAT);
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

    /** A signal's value in a file: six significant digits, whatever its size. */
    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String numberOrEmpty(double v) {
        return Double.isNaN(v) ? "" : number(v);
    }

    /**
     * A trace file: a header, then one row of every signal per call, and with {@code cells} each cell's (series
     * group's) true and measured voltage, temperature and balancing. It is written as {@link #TRACE_IN_PROGRESS}
     * and becomes {@code trace.csv} when closed after the run, so a run that is killed leaves no trace.csv cut in
     * the middle of a row.
     */
    public static final class Trace implements ScenarioRunner.TraceSink, AutoCloseable {
        /** Per cell: {@code cell_N_} and these. */
        private static final String[] CELL_COLUMNS = {"v", "measured_v", "temperature_c", "balancing"};
        private final CsvWriter csv;
        private final Path partial;
        private final boolean cells;
        /** Made with the header, at the first row: the pack's size is known then. */
        private String[] row;

        public Trace(Path folder, boolean cells) {
            try {
                Files.createDirectories(folder);
                partial = folder.resolve(TRACE_IN_PROGRESS);
                csv = CsvWriter.builder().build(partial);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the trace in " + folder + ": " + e.getMessage(), e);
            }
            this.cells = cells;
            csv.writeComment(TRACE_FORMAT + ": every signal once a trace period" + (cells ? ", then each cell's" : "")
                    + "; " + COLUMNS_DOC);
        }

        @Override
        public void row(double timeS, Signals signals, PackPlant plant, BmsFirmware firmware) {
            int groups = cells ? plant.pack().seriesCount() : 0;
            if (row == null) {
                header(groups);
            }
            row[0] = TimeFormat.seconds(timeS);
            for (Signal signal : Signal.values()) {
                double v = signals.get(signal);
                row[1 + signal.ordinal()] = signal.isNumeric() ? numberOrEmpty(v) : word(signal, v);
            }
            int parallel = plant.pack().parallelCount();
            for (int g = 0, at = 1 + Signal.COUNT; g < groups; g++) {
                double hottestC = Double.NEGATIVE_INFINITY;
                for (int c = g * parallel; c < (g + 1) * parallel; c++) {
                    hottestC = Math.max(hottestC, plant.thermal().temperatureC(c));
                }
                row[at++] = numberOrEmpty(plant.pack().groupVoltageV(g));
                row[at++] = numberOrEmpty(firmware.acquisition().cellVoltageV(g));
                row[at++] = numberOrEmpty(hottestC);
                row[at++] = firmware.balancing().isOn(g) ? "1" : "0";
            }
            csv.writeRecord(row);
        }

        private void header(int groups) {
            row = new String[1 + Signal.COUNT + groups * CELL_COLUMNS.length];
            row[0] = "time_s";
            for (Signal signal : Signal.values()) {
                row[1 + signal.ordinal()] = signal.id();
            }
            for (int g = 0, at = 1 + Signal.COUNT; g < groups; g++) {
                for (String column : CELL_COLUMNS) {
                    row[at++] = "cell_" + (g + 1) + "_" + column;
                }
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
