package org.bmsbench.can;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmsbench.firmware.loop.Clock;

/**
 * A recorded bus ({@code candump:FILE}): the log's frames come out of {@link #receive} with their timing, the
 * first as soon as the bus is opened and each later one once as much time has passed since as separated it from
 * the first in the log; each keeps its logged time as its timestamp. The log is read whole when the bus opens (a
 * bad line refuses it, with file:line). Frames sent on the bus are appended to the log {@link #sentLog} beside it
 * ({@code FILE.sent}, on the same timeline as the replay), so a replay also records what the bench answered.
 * Error frames in the log count as error reports. The bus is up until it is closed; the replay ends once.
 */
final class CandumpLogBus implements CanBus {
    private final String address;
    private final Path sentLog;
    private final Clock clock;
    private final CanFrame[] frames;
    private final CanBusCounters counters = new CanBusCounters();
    private final long openedNs;
    private final long firstLogNs;
    private int next;
    private CandumpWriter writer;
    private volatile boolean open = true;

    CandumpLogBus(String address, Path log, Clock clock) {
        this.address = address;
        this.sentLog = sentLog(log);
        this.clock = clock;
        List<CanFrame> read = new ArrayList<>();
        try (CandumpReader reader = new CandumpReader(log)) {
            for (CanFrame frame = new CanFrame(); reader.next(frame); frame = new CanFrame()) {
                read.add(frame);
            }
            for (long i = 0; i < reader.errorFrames(); i++) {
                counters.countErrorReport();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CAN log " + log + ": " + e.getMessage(), e);
        }
        frames = read.toArray(new CanFrame[0]);
        firstLogNs = frames.length == 0 ? 0 : frames[0].timestampNs();
        openedNs = clock.nanoTime();
    }

    /** Where frames sent on a replay of {@code log} are written. */
    static Path sentLog(Path log) {
        return log.resolveSibling(log.getFileName() + ".sent");
    }

    @Override
    public boolean receive(CanFrame into) {
        if (!open || next == frames.length
                || frames[next].timestampNs() - firstLogNs > clock.nanoTime() - openedNs) {
            return false;
        }
        into.copyFrom(frames[next++]);
        counters.countReceived();
        return true;
    }

    @Override
    public void send(CanFrame frame) {
        if (!open) {
            counters.countDropped();
            return;
        }
        if (writer == null) {
            try {
                writer = new CandumpWriter(sentLog, CandumpWriter.DEFAULT_INTERFACE, true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + sentLog + ": " + e.getMessage(), e);
            }
        }
        writer.write(frame, firstLogNs + clock.nanoTime() - openedNs);
        counters.countSent();
    }

    /** Whether every frame of the log has been received. */
    boolean replayed() {
        return next == frames.length;
    }

    @Override
    public boolean isUp() {
        return open;
    }

    @Override
    public CanBusCounters counters() {
        return counters;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void close() {
        open = false;
        if (writer != null) {
            writer.close();
        }
    }
}
