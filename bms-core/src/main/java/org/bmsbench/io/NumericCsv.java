package org.bmsbench.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.bmsbench.config.ConfigException;

/**
 * Numeric columns of a CSV file with a header row, picked by name, plain or gzip-compressed (detected from the
 * content, not the name). Problems are {@link ConfigException}s naming the file, line and column: a missing
 * column, a value that is not a plain decimal number (Java's {@code 1d} or {@code 0x1p3} are not), a time column
 * that does not increase. A file of more than {@link #maxRows()} rows is refused when that row is reached, so a
 * small gzip that expands without end cannot fill the memory.
 */
final class NumericCsv {
    /** The system property that raises or lowers the row limit. */
    static final String MAX_ROWS_PROPERTY = "bmsbench.csv.maxRows";
    /** Rows at most by default: 5 million (58 days at 1 Hz, 6 days at 10 Hz), about 250 MB of columns. */
    static final int DEFAULT_MAX_ROWS = 5_000_000;

    private final String source;
    private final Map<String, double[]> columns;
    private final int[] lines;

    private NumericCsv(String source, Map<String, double[]> columns, int[] lines) {
        this.source = source;
        this.columns = columns;
        this.lines = lines;
    }

    static NumericCsv read(Path file, List<String> required, List<String> optional) {
        String source = file.toString();
        if (Files.exists(file) && !Files.isRegularFile(file)) { // a FIFO or a device would block, or never end
            throw new ConfigException(source, "not a regular file", null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(source, in, required, optional);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "no such file", e);
        } catch (IOException e) {
            throw new ConfigException(source, "cannot read the file: " + e.getMessage(), e);
        }
    }

    static NumericCsv readResource(String resource, List<String> required, List<String> optional) {
        InputStream in = NumericCsv.class.getResourceAsStream(resource);
        if (in == null) {
            throw new ConfigException(resource, "no such bundled resource", null);
        }
        try (InputStream stream = in) {
            return read(resource, stream, required, optional);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NumericCsv read(String source, InputStream raw, List<String> required, List<String> optional)
            throws IOException {
        InputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        int[] lines = new int[1024];
        int rows = 0;
        int maxRows = maxRows();
        try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().skipEmptyLines(true)
                .ofNamedCsvRecord(in, StandardCharsets.UTF_8)) {
            List<String> wanted = null;
            for (NamedCsvRecord record : reader) {
                if (rows == maxRows) {
                    throw new ConfigException(source, (int) record.getStartingLineNumber(), 0, "",
                            "more than " + maxRows + " rows: the bench reads at most that many (set -D"
                            + MAX_ROWS_PROPERTY + "=N in BMSBENCH_JAVA_OPTS for more)");
                }
                if (wanted == null) {
                    wanted = columnsPresent(source, record.getHeader(), required, optional);
                    for (String name : wanted) {
                        columns.put(name, new double[1024]);
                    }
                }
                for (String name : wanted) {
                    double[] column = columns.get(name);
                    if (rows == column.length) {
                        column = Arrays.copyOf(column, column.length * 2);
                        columns.put(name, column);
                    }
                    column[rows] = parse(source, record, name);
                }
                if (rows == lines.length) {
                    lines = Arrays.copyOf(lines, lines.length * 2);
                }
                lines[rows] = (int) record.getStartingLineNumber();
                rows++;
            }
            if (wanted == null) {
                throw new ConfigException(source, "no data rows under the header (expected columns "
                        + String.join(", ", required) + ")", null);
            }
        } catch (CsvParseException e) {
            throw new ConfigException(source, "not a valid CSV file: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ConfigException(source, "cannot read the file: " + e.getCause().getMessage(), e);
        }
        for (Map.Entry<String, double[]> entry : columns.entrySet()) {
            entry.setValue(Arrays.copyOf(entry.getValue(), rows));
        }
        return new NumericCsv(source, columns, Arrays.copyOf(lines, rows));
    }

    private static List<String> columnsPresent(String source, List<String> header, List<String> required,
                                               List<String> optional) {
        for (String name : required) {
            if (!header.contains(name)) {
                throw new ConfigException(source, 1, 0, "", "missing column '" + name + "'; the header has: "
                        + String.join(", ", header) + "; required: " + String.join(", ", required));
            }
        }
        List<String> present = new ArrayList<>(required);
        for (String name : optional) {
            if (header.contains(name)) {
                present.add(name);
            }
        }
        return present;
    }

    private static double parse(String source, NamedCsvRecord record, String name) {
        String text = record.findField(name).orElse("").trim();
        int line = (int) record.getStartingLineNumber();
        if (!isDecimal(text)) {
            throw new ConfigException(source, line, 0, name, "expected a number, got '" + text + "'");
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new ConfigException(source, line, 0, name, "expected a finite number, got '" + text + "'");
        }
        return value;
    }

    /** The row limit: {@link #DEFAULT_MAX_ROWS}, or the {@link #MAX_ROWS_PROPERTY} system property. */
    static int maxRows() {
        String value = System.getProperty(MAX_ROWS_PROPERTY);
        if (value == null) {
            return DEFAULT_MAX_ROWS;
        }
        try {
            int rows = Integer.parseInt(value.trim());
            if (rows >= 2) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("-D" + MAX_ROWS_PROPERTY + " must be a whole number of 2 or more, got '"
                + value + "'");
    }

    /**
     * True for a plain decimal number as a spreadsheet or a logger writes it: a sign, digits with at most one
     * point, and an exponent ({@code -1.5}, {@code .5}, {@code 2e-3}); not Java's {@code 1d}, {@code 0x1p3},
     * {@code Infinity} or {@code NaN}.
     */
    static boolean isDecimal(String text) {
        int n = text.length();
        int i = skipSign(text, 0);
        int whole = skipDigits(text, i);
        int end = whole;
        if (end < n && text.charAt(end) == '.') {
            end = skipDigits(text, end + 1);
        }
        if (end - i - (end > whole ? 1 : 0) == 0) { // no digit before or after the point
            return false;
        }
        if (end < n && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
            int exponent = skipSign(text, end + 1);
            end = skipDigits(text, exponent);
            if (end == exponent) {
                return false;
            }
        }
        return end == n;
    }

    private static int skipSign(String text, int i) {
        return i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-') ? i + 1 : i;
    }

    private static int skipDigits(String text, int i) {
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** Rejects a value outside {@code [min, max]}, naming its line and what the column holds. */
    void requireWithin(String name, double min, double max, String what) {
        double[] values = columns.get(name);
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= min && values[i] <= max)) {
                throw new ConfigException(source, lines[i], 0, name, what + " must be from " + min + " to " + max
                        + ", got " + values[i]);
            }
        }
    }

    String source() {
        return source;
    }

    int rows() {
        return lines.length;
    }

    boolean has(String name) {
        return columns.containsKey(name);
    }

    double[] column(String name) {
        return columns.get(name);
    }

    /** Rejects a column that does not strictly increase, naming the first offending line. */
    void requireIncreasing(String name) {
        double[] values = columns.get(name);
        for (int i = 1; i < values.length; i++) {
            if (!(values[i] > values[i - 1])) {
                throw new ConfigException(source, lines[i], 0, name, name + " must increase from row to row: "
                        + values[i] + " follows " + values[i - 1] + " on line " + lines[i - 1]);
            }
        }
    }

    /** Rejects a value below {@code min}, naming its line. */
    void requireAtLeast(String name, double min) {
        double[] values = columns.get(name);
        for (int i = 0; i < values.length; i++) {
            if (values[i] < min) {
                throw new ConfigException(source, lines[i], 0, name, name + " must be " + min + " or more, got "
                        + values[i]);
            }
        }
    }

    /**
     * Rejects a column that decreases, naming the first offending line. Repeated values are allowed: testers
     * log two records at one instant when a step changes.
     */
    void requireNonDecreasing(String name) {
        double[] values = columns.get(name);
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[i - 1]) {
                throw new ConfigException(source, lines[i], 0, name, name + " must not decrease: "
                        + values[i] + " follows " + values[i - 1] + " on line " + lines[i - 1]);
            }
        }
    }
}
