package org.bmsbench.hil.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CobsTest {
    @Test
    void shouldEncodeTheReferenceExamples() {
        // Cheshire and Baker's examples, as listed on the COBS Wikipedia page
        assertEncodes("00", "01 01");
        assertEncodes("00 00", "01 01 01");
        assertEncodes("00 11 00", "01 02 11 01");
        assertEncodes("11 22 00 33", "03 11 22 02 33");
        assertEncodes("11 22 33 44", "05 11 22 33 44");
        assertEncodes("11 00 00 00", "02 11 01 01 01");
        assertEncodes("", "01");
    }

    @Test
    void shouldSplitLongRunsIntoBlocksOf254() {
        byte[] run = new byte[254];
        for (int i = 0; i < run.length; i++) {
            run[i] = (byte) (i + 1); // 01..FE
        }
        byte[] out = new byte[Cobs.maxEncodedLength(run.length + 1)];
        assertThat(Cobs.encode(run, 0, run.length, out, 0)).isEqualTo(255); // FF 01..FE, no trailing block
        assertThat(out[0] & 0xFF).isEqualTo(0xFF);
        byte[] longer = new byte[255];
        System.arraycopy(run, 0, longer, 0, 254);
        longer[254] = (byte) 0xFF; // 01..FE FF -> FF 01..FE 02 FF
        int n = Cobs.encode(longer, 0, longer.length, out, 0);
        assertThat(n).isEqualTo(257);
        assertThat(out[255] & 0xFF).isEqualTo(0x02);
        assertThat(out[256] & 0xFF).isEqualTo(0xFF);
    }

    @Test
    void shouldDecodeWhatItEncodesForRandomFrames() {
        Random random = new Random(7);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] frame = new byte[random.nextInt(1100)];
            random.nextBytes(frame);
            for (int k = 0; k < frame.length / 10; k++) {
                frame[random.nextInt(frame.length)] = 0;
            }
            byte[] wire = new byte[Cobs.maxEncodedLength(frame.length)];
            int n = Cobs.encode(frame, 0, frame.length, wire, 0);
            for (int i = 0; i < n; i++) {
                assertThat(wire[i]).isNotZero();
            }
            int decoded = Cobs.decodeInPlace(wire, n);
            assertThat(decoded).isEqualTo(frame.length);
            for (int i = 0; i < decoded; i++) {
                assertThat(wire[i]).isEqualTo(frame[i]);
            }
        }
    }

    @Test
    void shouldRejectCodesThatPointPastTheEnd() {
        byte[] bad = Hex.bytes("05 11 22");
        assertThat(Cobs.decodeInPlace(bad, bad.length)).isEqualTo(-1);
    }

    private static void assertEncodes(String raw, String encoded) {
        byte[] in = Hex.bytes(raw);
        byte[] out = new byte[Cobs.maxEncodedLength(in.length)];
        int n = Cobs.encode(in, 0, in.length, out, 0);
        assertThat(Hex.of(out, n)).isEqualTo(encoded);
        assertThat(Cobs.decodeInPlace(out, n)).isEqualTo(in.length);
        assertThat(Hex.of(out, in.length)).isEqualTo(raw);
    }
}
