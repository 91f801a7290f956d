package org.bmsbench.can;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a bus's traffic as a {@code candump -L} log that can-utils ({@code canplayer}, {@code log2asc}) and
 * python-can read. Each frame is formatted into one reused buffer and written through a buffered stream, so
 * writing allocates nothing; {@link #flush} or {@link #close} puts it on disk.
 */
public final class CandumpWriter implements AutoCloseable {
    /** The interface name written when none is given. */
    public static final String DEFAULT_INTERFACE = "can0";

    private final Path file;
    private final OutputStream out;
    private final byte[] iface;
    private final byte[] line = new byte[CandumpFormat.MAX_LINE];

    /** A new log at {@code file} (replacing one there), or, with {@code append}, one added to. */
    public CandumpWriter(Path file, String interfaceName, boolean append) throws IOException {
        if (interfaceName.isEmpty() || interfaceName.length() > 16 || !interfaceName.matches("[\\x21-\\x7E]+")) {
            throw new IllegalArgumentException("a candump interface name is 1-16 printable ASCII characters without "
                    + "spaces, not '" + interfaceName + "'");
        }
        this.file = file;
        this.iface = interfaceName.getBytes(StandardCharsets.US_ASCII);
        this.out = new BufferedOutputStream(append
                ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                : Files.newOutputStream(file), 64 * 1024);
    }

    public CandumpWriter(Path file) throws IOException {
        this(file, DEFAULT_INTERFACE, false);
    }

    /** Writes one line: the frame at {@code timeNs} (ns since the epoch, or since a run's start). */
    public void write(CanFrame frame, long timeNs) {
        int n = CandumpFormat.format(frame, timeNs, iface, line);
        try {
            out.write(line, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CAN log " + file + ": " + e.getMessage(), e);
        }
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CAN log " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the CAN log " + file + ": " + e.getMessage(), e);
        }
    }
}
