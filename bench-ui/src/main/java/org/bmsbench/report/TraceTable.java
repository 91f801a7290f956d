package org.bmsbench.report;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.scenario.ContactorState;
import org.bmsbench.scenario.Signal;

/**
 * A run's signals over time, column by column: read back from its trace.csv, or drawn from its series.csv (two
 * rows at each bucket's start: its lowest values, then its highest, so that a line through them spans all the run
 * did). Word-valued signals (state, contactors) hold their ordinal.
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

    /** Collects rows read back, column by column. */
    private static final class Collector {
        private double[] time = new double[1024];
        private double[][] columns = new double[Signal.COUNT][1024];
        private int rows;

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

        TraceTable table() {
            double[][] trimmed = new double[Signal.COUNT][];
            for (int s = 0; s < Signal.COUNT; s++) {
                trimmed[s] = Arrays.copyOf(columns[s], rows);
            }
            return new TraceTable(Arrays.copyOf(time, rows), trimmed);
        }
    }

    /** A trace.csv as {@code bmsbench run --trace} writes it (columns by name; a missing one reads as NaN). */
    public static TraceTable read(Path file) {
        Collector rows = new Collector();
        double[] values = new double[Signal.COUNT];
        try (CsvReader<NamedCsvRecord> csv = reader(file)) {
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

    /** A series.csv as a run writes it: two rows per bucket, its lowest values, then its highest. */
    public static TraceTable readSeries(Path file) {
        Collector rows = new Collector();
        double[] lowest = new double[Signal.COUNT];
        double[] highest = new double[Signal.COUNT];
        try (CsvReader<NamedCsvRecord> csv = reader(file)) {
            for (NamedCsvRecord r : csv) {
                double startS = number(r.getField("time_s"));
                for (Signal s : Signal.values()) {
                    lowest[s.ordinal()] = number(r.findField(s.id() + "_min").orElse(""));
                    highest[s.ordinal()] = number(r.findField(s.id() + "_max").orElse(""));
                }
                rows.add(startS, lowest);
                rows.add(startS, highest);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a series this bench wrote (" + e.getMessage() + ")", e);
        }
        return rows.table();
    }

    /** A CSV the bench wrote, its columns by name, its {@code #} format line skipped. */
    static CsvReader<NamedCsvRecord> reader(Path file) throws IOException {
        return CsvReader.builder().commentStrategy(CommentStrategy.SKIP).ofNamedCsvRecord(file);
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
