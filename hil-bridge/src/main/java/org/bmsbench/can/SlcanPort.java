package org.bmsbench.can;

import org.bmsbench.firmware.loop.Clock;
import org.bmsbench.hil.transport.ByteStream;

/**
 * What both ends of an slcan line share: the bytes read are cut into lines at CR (or BEL, the error reply), frame
 * lines become received frames, and a reconnected link (an adapter plugged back in) is announced to the end so it
 * can set the line up again. Reading happens inside {@link #receive} and {@link #send}: like the serial link it
 * runs on, an slcan bus is used from one thread (the tick), and neither call waits.
 */
abstract class SlcanPort implements CanBus {
    /** Received frames waiting to be taken. */
    static final int QUEUE_FRAMES = 1024;

    protected final ByteStream link;
    protected final CanBusCounters counters = new CanBusCounters();
    /** A line to send, built in place. */
    protected final byte[] out = new byte[Slcan.MAX_LINE + 1];
    private final String address;
    private final Clock clock;
    private final CanFrameQueue queue = new CanFrameQueue(QUEUE_FRAMES);
    private final byte[] readBuffer = new byte[4096];
    private final byte[] line = new byte[Slcan.MAX_LINE];
    private final CanFrame parsed = new CanFrame();
    private int lineLength;
    private boolean overlong;
    private long connectionsSeen;

    SlcanPort(String address, ByteStream link, Clock clock) {
        this.address = address;
        this.link = link;
        this.clock = clock;
    }

    /** The bus's clock, ns. */
    protected final long nowNs() {
        return clock.nanoTime();
    }

    /** The link has come up (first or again): the end sets the line up. */
    protected abstract void connected();

    /** One line without its terminator; {@code bell} when BEL ended it instead of CR. */
    protected abstract void onLine(byte[] line, int length, boolean bell);

    /** Reads what has arrived and handles each complete line. */
    protected final void pump() {
        checkConnection();
        for (int n; (n = link.read(readBuffer, 0, readBuffer.length)) > 0; ) {
            for (int i = 0; i < n; i++) {
                take(readBuffer[i]);
            }
        }
        checkConnection();
    }

    private void checkConnection() {
        long connections = link.connections();
        if (connections != connectionsSeen && link.isUp()) {
            if (connectionsSeen != 0) {
                counters.countReopened();
            }
            connectionsSeen = connections;
            lineLength = 0; // a line cut by the loss is not finished by the new connection's bytes
            overlong = false;
            connected();
        }
    }

    private void take(byte b) {
        if (b == Slcan.CR || b == Slcan.BEL) {
            if (overlong) {
                counters.countMalformed();
            } else {
                onLine(line, lineLength, b == Slcan.BEL);
            }
            lineLength = 0;
            overlong = false;
        } else if (b == '\n' && lineLength == 0) {
            return; // a terminal's CR LF: the LF is not a line of its own
        } else if (lineLength < line.length) {
            line[lineLength++] = b;
        } else {
            overlong = true;
        }
    }

    /**
     * Takes a frame line: the frame is queued for {@link #receive}, or the line counted malformed. Returns what
     * the line was.
     */
    protected final Slcan.Line frameLine(byte[] text, int length) {
        Slcan.Line kind = Slcan.parse(text, length, parsed);
        if (kind == Slcan.Line.FRAME) {
            parsed.timestampNs(clock.nanoTime());
            if (queue.offer(parsed)) {
                counters.countReceived();
            } else {
                counters.countDropped();
            }
        } else if (kind == Slcan.Line.MALFORMED) {
            counters.countMalformed();
        }
        return kind;
    }

    /** Sends {@code out[0..length)}, counting the frame sent or, when the link cannot take it, dropped. */
    protected final void write(int length, boolean frame) {
        long droppedBefore = link.droppedBytes();
        link.write(out, 0, length);
        if (!frame) {
            return;
        }
        if (link.droppedBytes() == droppedBefore) {
            counters.countSent();
        } else {
            counters.countDropped();
        }
    }

    @Override
    public boolean receive(CanFrame into) {
        pump();
        return queue.poll(into);
    }

    @Override
    public boolean isUp() {
        return link.isUp();
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
        link.close();
    }
}
