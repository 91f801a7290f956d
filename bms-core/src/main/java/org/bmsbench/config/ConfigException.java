package org.bmsbench.config;

/**
 * A configuration or data file that cannot be used, with where the problem is: file, line, column and
 * key path, followed by what was wrong and what was expected.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String path;

    public ConfigException(String source, int line, int column, String path, String problem) {
        super(format(source, line, column, path, problem));
        this.source = source;
        this.line = line;
        this.path = path;
    }

    /** A problem with a whole file rather than one of its values (unreadable, empty). */
    public ConfigException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.line = 0;
        this.path = "";
    }

    private static String format(String source, int line, int column, String path, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** The file (or resource) the problem is in. */
    public String source() {
        return source;
    }

    /** The 1-based line of the offending value, 0 when the problem is with the whole file. */
    public int line() {
        return line;
    }

    /** The key path of the offending value, e.g. {@code ocv.voltage_v[0][5]}. */
    public String path() {
        return path;
    }
}
