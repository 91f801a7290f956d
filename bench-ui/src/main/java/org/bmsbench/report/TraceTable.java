package org.bmsbench.report;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.scenario.ContactorState;
import org.bmsbench.scenario.ScenarioRunner;
import org.bmsbench.scenario.Signal;
import org.bmsbench.scenario.Signals;

/**
 * A run's signals over time, column by column: collected during a run ({@link Collector}) or read back from
 * its trace.csv. Word-valued signals (state, contactors) hold their ordinal.
 */
public final class TraceTable {
    private final double[] timeS;
    private final double[][] values;

    private TraceTable(double[] timeS, double[][] values) {
        this.timeS = timeS;
        this.values = values;
    }

    public double[] timeS() {
        return timeS;
    }

    public double[] column(Signal signal) {
        return values[signal.ordinal()];
    }

    public int rows() {
        return timeS.length;
    }

    /** Collects the rows a run traces, in memory. */
    public static final class Collector implements ScenarioRunner.TraceSink {
        private final double[] row = new double[Signal.COUNT];
        private double[] time = new double[1024];
        private double[][] columns = new double[Signal.COUNT][1024];
        private int rows;

        @Override
        public void row(double t, Signals signals) {
            for (Signal s : Signal.values()) {
                row[s.ordinal()] = signals.get(s);
            }
            add(t, row);
        }

        void add(double t, double[] values) {
            if (rows == time.length) {
                time = Arrays.copyOf(time, rows * 2);
                for (int s = 0; s < Signal.COUNT; s++) {
                    columns[s] = Arrays.copyOf(columns[s], rows * 2);
                }
            }
            time[rows] = t;
            for (int s = 0; s < Signal.COUNT; s++) {
                columns[s][rows] = values[s];
            }
            rows++;
        }

        public TraceTable table() {
            double[][] trimmed = new double[Signal.COUNT][];
            for (int s = 0; s < Signal.COUNT; s++) {
                trimmed[s] = Arrays.copyOf(columns[s], rows);
            }
            return new TraceTable(Arrays.copyOf(time, rows), trimmed);
        }
    }

    /** Passes every row to two sinks (a trace file and the report's collector). */
    public static ScenarioRunner.TraceSink both(ScenarioRunner.TraceSink a, ScenarioRunner.TraceSink b) {
        return (t, signals) -> {
            a.row(t, signals);
            b.row(t, signals);
        };
    }

    /** A trace.csv as {@code bmsbench run --trace} writes it (columns by name; a missing one reads as NaN). */
    public static TraceTable read(Path file) {
        Collector rows = new Collector();
        double[] values = new double[Signal.COUNT];
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file)) {
            for (NamedCsvRecord r : csv) {
                for (Signal s : Signal.values()) {
                    String text = r.findField(s.id()).orElse("");
                    values[s.ordinal()] = s.isNumeric() ? number(text) : word(s, text);
                }
                rows.add(number(r.getField("time_s")), values);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a trace this bench wrote (" + e.getMessage() + ")", e);
        }
        return rows.table();
    }

    private static double number(String text) {
        return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }

    private static double word(Signal signal, String text) {
        int words = signal == Signal.BMS_STATE ? BmsState.values().length : ContactorState.values().length;
        for (int k = 0; k < words; k++) {
            if (RunFiles.word(signal, k).equals(text)) {
                return k;
            }
        }
        return Double.NaN;
    }
}
