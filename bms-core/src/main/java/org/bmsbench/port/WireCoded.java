package org.bmsbench.port;

import java.util.Arrays;

/**
 * A vocabulary that crosses the HIL link ({@code docs/hil-protocol.md}) as a byte: each constant declares its code
 * (a constructor argument, documented in the protocol's tables and pinned against them by a test), so that
 * reordering or inserting constants never changes the protocol, as a code taken from {@code ordinal()} would.
 * Decoding is a look-up in a table built once ({@link #table}); a code no constant has decodes to null.
 */
public interface WireCoded {
    /** The largest code a byte on the wire can carry. */
    int MAX_WIRE_CODE = 0xFF;

    /** This constant's code on the wire, 0 to 255. */
    int wireCode();

    /**
     * The constants indexed by their codes, with null where no constant has the code: built once, in the
     * vocabulary's static initialiser. Refuses a code that is not a byte or that two constants share.
     */
    static <E extends WireCoded> E[] table(E[] constants) {
        int max = -1;
        for (E e : constants) {
            if (e.wireCode() < 0 || e.wireCode() > MAX_WIRE_CODE) {
                throw new IllegalStateException(e + ": wire code " + e.wireCode() + " is not a byte");
            }
            max = Math.max(max, e.wireCode());
        }
        E[] table = Arrays.copyOf(constants, max + 1);
        Arrays.fill(table, null);
        for (E e : constants) {
            if (table[e.wireCode()] != null) {
                throw new IllegalStateException(table[e.wireCode()] + " and " + e + " share wire code " + e.wireCode());
            }
            table[e.wireCode()] = e;
        }
        return table;
    }

    /** The constant with {@code code} in a {@link #table}, or null when there is none. Allocates nothing. */
    static <E> E lookup(E[] table, int code) {
        return code >= 0 && code < table.length ? table[code] : null;
    }
}
