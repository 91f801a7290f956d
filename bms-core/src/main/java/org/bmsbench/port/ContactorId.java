package org.bmsbench.port;

/** The switches between the pack and the vehicle that the BMS commands and reads back. */
public enum ContactorId {
    MAIN_POSITIVE,
    MAIN_NEGATIVE,
    PRECHARGE;

    private static final ContactorId[] VALUES = values();

    /** The contactors, without the copy {@code values()} makes on every call. */
    public static ContactorId of(int ordinal) {
        return VALUES[ordinal];
    }

    public static final int COUNT = VALUES.length;
}
