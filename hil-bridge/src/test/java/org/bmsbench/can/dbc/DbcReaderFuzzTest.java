package org.bmsbench.can.dbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes at all as a DBC file: the reader either reads them or refuses them with a {@link DbcException} that
 * says where; nothing else may escape. Whatever it reads, its messages decode any payload of their length (the
 * index of multiplexed signals finding as many as checking each signal does). The
 * seeds (a multiplexed file with every section read, a signal beyond its message, a Windows-1252 CAN FD file)
 * run in the normal test suite; {@code JAZZER_FUZZ=1 mvn test -pl hil-bridge -Dtest=DbcReaderFuzzTest} fuzzes for
 * real.
 */
class DbcReaderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parseAnything(byte[] file) {
        DbcDatabase database;
        try {
            database = DbcReader.parse("fuzz.dbc", file);
        } catch (DbcException e) {
            assertThat(e.line()).isPositive();
            assertThat(e.getMessage()).startsWith("fuzz.dbc:" + e.line() + ": ");
            return;
        }
        for (DbcMessage message : database.messages()) {
            byte[] payload = new byte[message.length()];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = file.length == 0 ? 0 : file[i % file.length];
            }
            int present = DbcCodec.decode(message, payload, payload.length).size();
            assertThat(DbcCodec.presentSignals(message, payload, payload.length,
                    new DbcSignal[message.signals().size()])).isEqualTo(present);
            for (DbcSignal signal : message.signals()) {
                DbcCodec.encode(signal, DbcCodec.decode(signal, payload), payload);
            }
        }
    }
}
