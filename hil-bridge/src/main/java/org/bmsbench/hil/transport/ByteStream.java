package org.bmsbench.hil.transport;

/**
 * A byte link to the other side (a serial port, or an in-memory pipe in tests). Reads never wait; a link that
 * is down reads nothing and drops what is written, and says so in {@link #isUp()}: the protocol above notices
 * the silence and supervises it.
 */
public interface ByteStream extends AutoCloseable {
    /** Up to {@code length} bytes that have arrived, into {@code buf} at {@code offset}; 0 when none. */
    int read(byte[] buf, int offset, int length);

    /** Sends the bytes, or drops them when the link is down. */
    void write(byte[] buf, int offset, int length);

    /** Whether the link is connected now. */
    boolean isUp();

    /** Counts the times the link has come up: a change means the far side may have restarted. */
    long connections();

    /** Bytes written but not sent because the link could not take them (a full outbox); 0 where nothing queues. */
    default long droppedBytes() {
        return 0;
    }

    @Override
    void close();
}
