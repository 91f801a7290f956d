package org.bmsbench.hil.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bmsbench.port.Measurements;

/**
 * Any bytes at all through the decoder and the message readers: nothing may throw, and the decoder never holds
 * more than one frame's worth of bytes (its buffer is fixed). The seeds (the worked examples, a flood, a
 * truncated frame) run in the normal test suite; {@code JAZZER_FUZZ=1 mvn test -pl hil-bridge
 * -Dtest=FrameDecoderFuzzTest} fuzzes for real.
 */
class FrameDecoderFuzzTest {
    private static final MeasurementCodec CODEC = new MeasurementCodec();
    private static final Measurements SMALL = new Measurements(4, 2, 1);
    private static final Measurements LARGE = new Measurements(96, 32, 8);

    @FuzzTest(maxDuration = "60s")
    void decodeAnything(byte[] data) {
        long[] payloadBytes = new long[1];
        FrameDecoder decoder = new FrameDecoder((type, seq, buf, offset, length) -> {
            assertThat(length).isBetween(0, Frames.MAX_PAYLOAD);
            payloadBytes[0] += length;
            if (type == MessageType.MEASUREMENT.wireCode()) {
                CODEC.decode(buf, offset, length, SMALL, 0);
                CODEC.decode(buf, offset, length, LARGE, 0);
            } else if (type == MessageType.HELLO.wireCode()) {
                Hello.decode(buf, offset, length);
            }
        });
        decoder.accept(data, 0, data.length);
        // whatever came in is accounted for: every byte went to a frame, an error, or is still pending
        assertThat(decoder.bytes()).isEqualTo(data.length);
        assertThat(payloadBytes[0]).isLessThanOrEqualTo(data.length);
    }

    /**
     * Arbitrary payloads in well-formed frames, so that the message readers see what a random byte stream almost
     * never gets past the CRC: every length, every type, every field value.
     */
    @FuzzTest(maxDuration = "60s")
    void readAnyPayload(byte[] data) {
        if (data.length == 0) {
            return;
        }
        FrameEncoder encoder = new FrameEncoder();
        MessageType[] types = MessageType.values();
        encoder.begin(types[(data[0] & 0xFF) % types.length]);
        for (int i = 1; i < Math.min(data.length, Frames.MAX_PAYLOAD + 1); i++) {
            encoder.put8(data[i]);
        }
        int n = encoder.finish();
        int[] frames = new int[1];
        FrameDecoder decoder = new FrameDecoder((type, seq, buf, offset, length) -> {
            frames[0]++;
            CODEC.reset();
            CODEC.decode(buf, offset, length, SMALL, 0);
            CODEC.decode(buf, offset, length, LARGE, 0);
            Hello.decode(buf, offset, length);
        });
        decoder.accept(encoder.wire(), 0, n);
        assertThat(frames[0]).isEqualTo(1);
    }
}
