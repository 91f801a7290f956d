package org.bmsbench.model;

/**
 * A table that breaks a rule, with which part of it (an axis or the values) and which entry, so a file
 * reader can point at the exact number in the file.
 */
public final class TableException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The part of a table an entry belongs to. */
    public enum Part { SOC_AXIS, TEMPERATURE_AXIS, VALUES }

    private final Part part;
    private final int row;
    private final int column;

    /**
     * @param row    the temperature row of a value, or the index on an axis; -1 for the part as a whole
     * @param column the soc column of a value; -1 for an axis entry or a whole row
     */
    public TableException(Part part, int row, int column, String message) {
        super(message);
        this.part = part;
        this.row = row;
        this.column = column;
    }

    public Part part() {
        return part;
    }

    public int row() {
        return row;
    }

    public int column() {
        return column;
    }
}
