package org.bmsbench.hil.transport;

import com.fazecast.jSerialComm.SerialPort;

/**
 * A serial port by path (jSerialComm), 8N1 without flow control. Reads never wait. Writes never wait either: they
 * go into a bounded outbox that a writer thread sends, because on Linux a write blocks while nobody reads the
 * other end (a pty with no one on it, a stalled adapter) and jSerialComm has no write timeout there; a frame
 * that does not fit in the outbox is dropped and counted (a report that waited would be stale anyway).
 *
 * <p>The thread that reads owns the port. When the port fails (a USB adapter unplugged, the far end of a pty
 * gone) it closes it, reports down, and tries to open the path again every {@link #RETRY_NS}, so the process
 * keeps running and picks the port up again when it returns. A port silent for {@link #SILENCE_REOPEN_NS} is
 * reopened too: an adapter plugged back in is a new device behind the same path, which the old handle never
 * hears (both sides of the protocol send at least every 100 ms, so a second of silence means a broken link).
 * A link whose far side may rightly stay quiet (a CAN bus with no traffic) is opened without that rule.
 */
public final class SerialLink implements ByteStream {
    /** How often a lost port is looked for again. */
    public static final long RETRY_NS = 250_000_000L;
    /** A port silent this long is closed and opened again. */
    public static final long SILENCE_REOPEN_NS = 1_000_000_000L;
    /** Bytes waiting to be sent at most: 180 ms of line time at 921600 baud. */
    public static final int OUTBOX_BYTES = 16 * 1024;

    private final String path;
    private final int baud;
    private final long silenceReopenNs;
    private final byte[] outbox = new byte[OUTBOX_BYTES];
    private final Object lock = new Object();
    private int outboxHead;
    private int outboxSize;
    private volatile SerialPort port;
    private volatile boolean writeFailed;
    private volatile boolean closed;
    /** Each writer thread serves one port; a new port gets a new writer (an old one may be stuck in a write). */
    private volatile int writerGeneration;
    private long nextAttemptNs;
    private long lastDataNs;
    private long connections;
    private long losses;
    private volatile long dropped;
    private String lastProblem = "";

    public SerialLink(String path, int baud) {
        this(path, baud, SILENCE_REOPEN_NS);
    }

    /** A link reopened after {@code silenceReopenNs} of silence, or never for silence when it is 0. */
    public SerialLink(String path, int baud, long silenceReopenNs) {
        if (silenceReopenNs < 0) {
            throw new IllegalArgumentException("silence before reopening is 0 (never) or more, not "
                    + silenceReopenNs + " ns");
        }
        this.path = path;
        this.baud = baud;
        this.silenceReopenNs = silenceReopenNs;
        tryOpen(System.nanoTime());
    }

    private void tryOpen(long nowNs) {
        nextAttemptNs = nowNs + RETRY_NS;
        SerialPort candidate;
        String missing = missing(path);
        if (missing != null) {
            lastProblem = missing;
            return;
        }
        try {
            candidate = SerialPort.getCommPort(path);
        } catch (RuntimeException e) { // jSerialComm's "invalid port descriptor": not a port it can use
            lastProblem = path + " is not a serial port jSerialComm can open (" + e.getMessage() + ")";
            return;
        }
        candidate.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        candidate.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        candidate.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
        if (!candidate.openPort()) {
            lastProblem = "cannot open " + path + ": " + openError(candidate.getLastErrorCode());
            return;
        }
        // what waits in the line's buffers was sent before this side listened: a backlog of old reports, cut
        // wherever the far side's own buffer was flushed (a board that reopened its port while nobody read)
        candidate.flushIOBuffers();
        writeFailed = false;
        port = candidate;
        startWriter(candidate);
        lastDataNs = nowNs;
        connections++;
        lastProblem = "";
    }

    /** Why nothing can be opened at {@code path} (there is nothing there), or null: a check before opening. */
    public static String missing(String path) {
        return java.nio.file.Files.exists(java.nio.file.Path.of(path)) ? null
                : "no serial port at " + path + " (bmsbench ports lists them)";
    }

    /** What an {@code open(2)} error number means for a serial port, in words (Linux numbers). */
    static String openError(int errno) {
        return switch (errno) {
            case 2 -> "no such device (unplugged?)";
            case 5 -> "input/output error (the adapter is failing or was unplugged)";
            case 11, 16 -> "in use by another program (another bmsbench, a terminal, ModemManager)";
            case 13 -> "permission denied (add your user to the 'dialout' group, then log in again)";
            case 19, 6 -> "no such device behind the path (the adapter is gone)";
            case 20 -> "not a device";
            case 25 -> "not a serial port (not a terminal device)";
            default -> "error " + errno;
        } + (errno > 0 ? " [errno " + errno + "]" : "");
    }

    private void startWriter(SerialPort forPort) {
        int generation = ++writerGeneration;
        Thread writer = new Thread(() -> drain(forPort, generation), "serial-writer " + path);
        writer.setDaemon(true);
        writer.start();
    }

    /** The writer thread: sends what the outbox holds until its port is replaced or the link closed. */
    private void drain(SerialPort forPort, int generation) {
        byte[] chunk = new byte[4096];
        while (!closed && writerGeneration == generation) {
            int n;
            synchronized (lock) {
                while (outboxSize == 0 && !closed && writerGeneration == generation) {
                    try {
                        lock.wait(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                n = Math.min(outboxSize, chunk.length);
                for (int i = 0; i < n; i++) {
                    chunk[i] = outbox[(outboxHead + i) % OUTBOX_BYTES];
                }
                outboxHead = (outboxHead + n) % OUTBOX_BYTES;
                outboxSize -= n;
            }
            if (n > 0 && writerGeneration == generation && forPort.writeBytes(chunk, n, 0) < 0) {
                writeFailed = true; // the reading thread notices and reopens
                return;
            }
        }
    }

    private void lost(String why, long nowNs) {
        losses++;
        lastProblem = why;
        SerialPort p = port;
        port = null;
        writerGeneration++; // the writer of this port stops (once its write returns)
        synchronized (lock) {
            outboxSize = 0;
            lock.notifyAll();
        }
        p.flushIOBuffers(); // drop unsent bytes: closing would otherwise wait for a reader that is gone
        p.closePort();
        nextAttemptNs = nowNs; // look for it again at once
    }

    @Override
    public int read(byte[] buf, int offset, int length) {
        long now = System.nanoTime();
        SerialPort p = port;
        if (p == null) {
            if (now >= nextAttemptNs && !closed) {
                tryOpen(now);
            }
            return 0;
        }
        if (writeFailed) {
            lost(path + " write failed", now);
            return 0;
        }
        int available = p.bytesAvailable();
        if (available < 0) {
            lost(path + " went away", now);
            return 0;
        }
        if (available == 0) {
            if (silenceReopenNs > 0 && now - lastDataNs > silenceReopenNs) {
                lost(path + " silent for " + silenceReopenNs / 1_000_000 + " ms", now);
            }
            return 0;
        }
        int n = p.readBytes(buf, Math.min(available, length), offset);
        if (n < 0) {
            lost(path + " read failed", now);
            return 0;
        }
        lastDataNs = now;
        return n;
    }

    /** Queues the bytes for the writer thread, or drops them all when they do not fit (or the port is down). */
    @Override
    public void write(byte[] buf, int offset, int length) {
        if (port == null) {
            return;
        }
        synchronized (lock) {
            if (outboxSize + length > OUTBOX_BYTES) {
                dropped += length;
                return;
            }
            int tail = (outboxHead + outboxSize) % OUTBOX_BYTES;
            for (int i = 0; i < length; i++) {
                outbox[(tail + i) % OUTBOX_BYTES] = buf[offset + i];
            }
            outboxSize += length;
            lock.notifyAll();
        }
    }

    @Override
    public boolean isUp() {
        return port != null;
    }

    @Override
    public long connections() {
        return connections;
    }

    /** Times the port was lost. */
    public long losses() {
        return losses;
    }

    /** Bytes not sent because the outbox was full: nobody was reading, or the line was overloaded. */
    @Override
    public long droppedBytes() {
        return dropped;
    }

    /** Why the port is down, or empty. */
    public String lastProblem() {
        return lastProblem;
    }

    public String path() {
        return path;
    }

    @Override
    public void close() {
        closed = true;
        SerialPort p = port;
        port = null;
        synchronized (lock) {
            lock.notifyAll();
        }
        if (p != null) {
            p.flushIOBuffers();
            p.closePort();
        }
    }
}
