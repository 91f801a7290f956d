package org.bmsbench.can.dbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bmsbench.sim.ReferenceData;

/** The reference DBC files under {@code shared/data/can}, read for the tests. */
final class DbcFiles {
    static final String BAD_LENGTH = "bad_message_length.dbc";

    private DbcFiles() {
    }

    static DbcDatabase read(String relative) {
        try {
            return DbcReader.read(ReferenceData.file("can/" + relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every DBC file of cantools' tests, by name. */
    static List<Path> cantoolsTests() {
        try (Stream<Path> files = Files.list(ReferenceData.file("can/cantools-tests"))) {
            return files.filter(f -> f.toString().endsWith(".dbc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every DBC file that must load: cantools' good ones and foxBMS's three. */
    static List<Path> readable() {
        List<Path> cantools = cantoolsTests().stream()
                .filter(f -> !f.getFileName().toString().equals(BAD_LENGTH)).toList();
        return Stream.concat(cantools.stream(), Stream.of("foxbms.dbc", "IVT-S_12082020.dbc", "iso165_IMD.dbc")
                .map(name -> ReferenceData.file("can/foxbms/" + name))).toList();
    }
}
