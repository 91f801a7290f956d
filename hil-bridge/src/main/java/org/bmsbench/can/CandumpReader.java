package org.bmsbench.can;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a {@code candump -L} log a frame at a time. Blank lines are skipped; a line that breaks the format is
 * refused with an {@link IllegalArgumentException} saying {@code file:line:} and what was expected there. Error
 * frames are skipped and counted ({@link #errorFrames}).
 */
public final class CandumpReader implements AutoCloseable {
    private final Path file;
    private final BufferedReader in;
    private int lineNumber;
    private long errorFrames;

    public CandumpReader(Path file) throws IOException {
        this.file = file;
        this.in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
    }

    /** The next frame into {@code into}, its log time as its timestamp; false at the end of the file. */
    public boolean next(CanFrame into) {
        while (true) {
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the CAN log " + file + ": " + e.getMessage(), e);
            }
            if (line == null) {
                return false;
            }
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            CandumpFormat.Line kind;
            try {
                kind = CandumpFormat.parse(line, into);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": " + e.getMessage(), e);
            }
            if (kind == CandumpFormat.Line.FRAME) {
                return true;
            }
            errorFrames++;
        }
    }

    /** The line of the frame last read (1-based). */
    public int lineNumber() {
        return lineNumber;
    }

    /** Error frames skipped so far. */
    public long errorFrames() {
        return errorFrames;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the CAN log " + file + ": " + e.getMessage(), e);
        }
    }
}
