package org.bmsbench.hil.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private final List<Integer> sequences = new ArrayList<>();
    private final FrameDecoder decoder = new FrameDecoder((type, seq, buf, offset, length) -> sequences.add(seq));
    private final FrameEncoder encoder = new FrameEncoder();

    private byte[] heartbeat(int seq) {
        Messages.heartbeat(encoder, seq * 100L);
        int n = encoder.finish(seq);
        byte[] out = new byte[n];
        System.arraycopy(encoder.wire(), 0, out, 0, n);
        return out;
    }

    @Test
    void shouldReassembleFramesFedOneByteAtATime() {
        for (int seq = 0; seq < 5; seq++) {
            for (byte b : heartbeat(seq)) {
                decoder.accept(new byte[] {b}, 0, 1);
            }
        }
        assertThat(sequences).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void shouldCountABadCrcAndCarryOnWithTheNextFrame() {
        byte[] first = heartbeat(1);
        first[1] ^= 0x10; // a flipped bit in the version byte: the CRC, checked first, catches it
        decoder.accept(first, 0, first.length);
        byte[] second = heartbeat(2);
        decoder.accept(second, 0, second.length);
        assertThat(sequences).containsExactly(2);
        assertThat(decoder.crcErrors()).isEqualTo(1);
    }

    @Test
    void shouldResynchroniseAfterGarbageAndATruncatedFrame() {
        byte[] garbage = {0x55, 0x13, 0x7F, (byte) 0xAA};
        decoder.accept(garbage, 0, garbage.length);
        byte[] frame = heartbeat(3);
        decoder.accept(frame, 0, frame.length); // the garbage runs into it: one bad frame
        byte[] truncated = heartbeat(4);
        decoder.accept(truncated, 0, 6);
        decoder.accept(new byte[] {0}, 0, 1);
        byte[] good = heartbeat(5);
        decoder.accept(good, 0, good.length);
        assertThat(sequences).containsExactly(5);
        assertThat(decoder.crcErrors() + decoder.stuffingErrors() + decoder.tooShort()).isEqualTo(2);
    }

    @Test
    void shouldDropAnOversizedRunWithoutGrowing() {
        byte[] flood = new byte[5000];
        java.util.Arrays.fill(flood, (byte) 0x42);
        decoder.accept(flood, 0, flood.length);
        decoder.accept(new byte[] {0}, 0, 1);
        byte[] good = heartbeat(9);
        decoder.accept(good, 0, good.length);
        assertThat(decoder.oversized()).isEqualTo(1);
        assertThat(sequences).containsExactly(9);
    }

    @Test
    void shouldRejectAnotherProtocolVersion() {
        byte[] frame = new byte[] {2, 2, 0, 0};
        byte[] withCrc = new byte[8];
        System.arraycopy(frame, 0, withCrc, 0, 4);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(frame, 0, 4);
        Bytes.put32(withCrc, 4, (int) crc.getValue());
        byte[] wire = new byte[Cobs.maxEncodedLength(8) + 1];
        int n = Cobs.encode(withCrc, 0, 8, wire, 0);
        decoder.accept(wire, 0, n + 1);
        assertThat(decoder.versionErrors()).isEqualTo(1);
        assertThat(sequences).isEmpty();
    }

    @Test
    void shouldPassEveryIntactFrameOfACorruptedStream() {
        Random random = new Random(11);
        int sent = 2000;
        int corrupted = 0;
        for (int seq = 0; seq < sent; seq++) {
            byte[] frame = heartbeat(seq);
            if (random.nextDouble() < 0.1) {
                frame[random.nextInt(frame.length - 1)] ^= (byte) (1 << random.nextInt(8));
                corrupted++;
            }
            decoder.accept(frame, 0, frame.length);
        }
        // a flipped bit can also turn a byte into a delimiter and cost the next frame; never more than that
        assertThat(sequences.size()).isBetween(sent - 2 * corrupted, sent - corrupted);
        assertThat(decoder.crcErrors() + decoder.stuffingErrors() + decoder.tooShort()).isPositive();
        assertThat(decoder.frames()).isEqualTo(sequences.size());
    }
}
