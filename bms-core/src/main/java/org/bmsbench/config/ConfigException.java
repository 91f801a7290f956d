package org.bmsbench.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A configuration or data file that cannot be used, with where the problem is: file, line, column and
 * key path, followed by what was wrong and what was expected.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String path;
    /** The problems this one lists, each located; empty when it is a single problem. */
    private final transient List<ConfigException> parts;

    public ConfigException(String source, int line, int column, String path, String problem) {
        super(format(source, line, column, path, problem));
        this.source = source;
        this.line = line;
        this.path = path;
        this.parts = List.of();
    }

    private ConfigException(String source, String message, List<ConfigException> parts) {
        super(message);
        this.source = source;
        this.line = 0;
        this.path = "";
        this.parts = List.copyOf(parts);
    }

    /**
     * Every problem found in {@code source} as one exception: a single problem is thrown as it is (its message
     * unchanged), several as {@code "source: N problems<what>:"} followed by one line per problem, each with its
     * own file, line and key. Problems that themselves list several are flattened into the list.
     *
     * @param what said after "N problems", e.g. {@code " in the diagnosis table"}, or empty
     */
    public static ConfigException of(String source, String what, List<ConfigException> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        if (problems.size() == 1) {
            return problems.get(0);
        }
        List<ConfigException> flat = new ArrayList<>();
        for (ConfigException problem : problems) {
            flat.addAll(problem.problems());
        }
        List<String> lines = new ArrayList<>();
        for (ConfigException problem : flat) {
            lines.add(problem.getMessage());
        }
        return new ConfigException(source, source + ": " + flat.size() + " problems" + what + ":\n  - "
                + String.join("\n  - ", lines), flat);
    }

    /** The single problems this exception reports: itself, or each of the ones it lists. */
    public List<ConfigException> problems() {
        return parts.isEmpty() ? List.of(this) : parts;
    }

    /** A problem with a whole file rather than one of its values (unreadable, empty). */
    public ConfigException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.line = 0;
        this.path = "";
        this.parts = List.of();
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
