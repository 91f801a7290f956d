package org.bmsbench.can;

import java.util.concurrent.atomic.LongAdder;

/**
 * What happened on a bus, counted from any thread without locks: frames sent and received, frames dropped (bus
 * down, queue full), input refused (a malformed slcan line, a wrong DLC), error and overrun reports from the
 * adapter, frames with ids no one decodes, and the times the bus was reopened.
 */
public final class CanBusCounters {
    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder errorReports = new LongAdder();
    private final LongAdder overruns = new LongAdder();
    private final LongAdder unknownIds = new LongAdder();
    private final LongAdder reopened = new LongAdder();

    public void countSent() {
        sent.increment();
    }

    public void countReceived() {
        received.increment();
    }

    public void countDropped() {
        dropped.increment();
    }

    public void countMalformed() {
        malformed.increment();
    }

    public void countErrorReport() {
        errorReports.increment();
    }

    public void countOverrun() {
        overruns.increment();
    }

    public void countUnknownId() {
        unknownIds.increment();
    }

    public void countReopened() {
        reopened.increment();
    }

    public long sent() {
        return sent.sum();
    }

    public long received() {
        return received.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long malformed() {
        return malformed.sum();
    }

    public long errorReports() {
        return errorReports.sum();
    }

    public long overruns() {
        return overruns.sum();
    }

    public long unknownIds() {
        return unknownIds.sum();
    }

    public long reopened() {
        return reopened.sum();
    }

    /** One line for logs and the end-of-run summary; lists only what is not zero after sent and received. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder().append(sent()).append(" sent, ").append(received())
                .append(" received");
        append(line, dropped(), "dropped");
        append(line, malformed(), "malformed");
        append(line, errorReports(), "error reports");
        append(line, overruns(), "overruns");
        append(line, unknownIds(), "unknown ids");
        append(line, reopened(), "reopened");
        return line.toString();
    }

    private static void append(StringBuilder line, long count, String what) {
        if (count != 0) {
            line.append(", ").append(count).append(' ').append(what);
        }
    }
}
