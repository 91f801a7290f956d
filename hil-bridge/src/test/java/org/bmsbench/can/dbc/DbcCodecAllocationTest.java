package org.bmsbench.can.dbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsbench.realtime.AllocationWindows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A frame's message found by id, its signals encoded and decoded, multiplexed ones checked: no allocation. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DbcCodecAllocationTest {
    private final DbcDatabase foxbms = DbcFiles.read("foxbms/foxbms.dbc");
    private final byte[] data = new byte[8];
    private final DbcSignal[] present = new DbcSignal[500];
    private double sink;

    @Test
    void shouldEncodeAndDecodeWithoutAllocating() {
        DbcMessage packValues = foxbms.message("f_PackValuesP0").orElseThrow();
        DbcMessage cells = foxbms.message("f_CellVoltages").orElseThrow();
        Runnable window = () -> {
            for (int k = 0; k < 100_000; k++) {
                roundTrip(foxbms.message(packValues.id(), false), k);
                roundTrip(foxbms.message(cells.id(), false), k);
            }
        };
        window.run();
        List<Long> windows = AllocationWindows.untilNone(5, window);
        assertThat(windows.get(windows.size() - 1)).as("bytes allocated by 200 000 frames, in windows %s", windows)
                .isZero();
        assertThat(sink).isNotZero();
    }

    private void roundTrip(DbcMessage message, int k) {
        List<DbcSignal> signals = message.signals();
        for (int i = 0; i < signals.size(); i++) {
            DbcCodec.encode(signals.get(i), k % 97, data);
        }
        for (int i = 0; i < signals.size(); i++) {
            DbcSignal signal = signals.get(i);
            if (DbcCodec.isPresent(signal, data, data.length)) {
                sink += DbcCodec.decode(signal, data);
            }
        }
        int n = DbcCodec.presentSignals(message, data, data.length, present);
        for (int i = 0; i < n; i++) {
            sink += DbcCodec.decode(present[i], data);
        }
    }
}
