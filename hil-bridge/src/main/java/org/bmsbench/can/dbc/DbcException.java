package org.bmsbench.can.dbc;

/**
 * A DBC file that cannot be used, with where: the file, the line, and what was found against what was expected,
 * e.g. {@code bad.dbc:42: signal Signal1 (bits 8..8) does not fit message Message1's 1 bytes}.
 */
public final class DbcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    /**
     * @param source the file's name as the user gave it
     * @param line   1-based line of the problem
     */
    public DbcException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    /** The message without the place. */
    public String problem() {
        return problem;
    }
}
