package org.bmsbench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelemetryRingTest {
    private final TelemetryRing ring = new TelemetryRing(16, () -> new TelemetrySnapshot(4, 2));
    private final TelemetrySnapshot out = new TelemetrySnapshot(4, 2);

    private void offer(double timeS) {
        ring.claim().timeS = timeS;
        ring.publish();
    }

    @Test
    void shouldHandOverInOrder() {
        for (int k = 0; k < 10; k++) {
            offer(k);
        }
        for (int k = 0; k < 10; k++) {
            assertThat(ring.poll(out)).isTrue();
            assertThat(out.timeS).isEqualTo(k);
        }
        assertThat(ring.poll(out)).isFalse();
        assertThat(ring.dropped()).isZero();
    }

    @Test
    void shouldDropTheOldestWhenTheReaderFallsBehind() {
        for (int k = 0; k < 100; k++) {
            offer(k);
        }
        int read = 0;
        double first = -1;
        double last = -1;
        while (ring.poll(out)) {
            first = read == 0 ? out.timeS : first;
            last = out.timeS;
            read++;
        }
        assertThat(last).isEqualTo(99);
        assertThat(read + ring.dropped()).isEqualTo(100);
        assertThat(read).as("the newest, short of the slot the writer may be in").isBetween(13, 15);
        assertThat(first).isEqualTo(100 - read);
    }

    @Test
    void shouldNeverHandOverATornSnapshotUnderAConcurrentWriter() throws InterruptedException {
        Thread writer = new Thread(() -> {
            for (int k = 0; k < 2_000_000; k++) {
                TelemetrySnapshot s = ring.claim();
                s.timeS = k;
                s.packVoltageV = k; // a reader that sees different values in one snapshot saw a torn write
                s.cellMinV = k;
                ring.publish();
            }
        });
        writer.start();
        long read = 0;
        double previous = -1;
        while (true) {
            boolean writing = writer.isAlive();
            if (ring.poll(out)) {
                assertThat(out.packVoltageV).isEqualTo(out.timeS);
                assertThat(out.cellMinV).isEqualTo(out.timeS);
                assertThat(out.timeS).isGreaterThan(previous);
                previous = out.timeS;
                read++;
            } else if (!writing) {
                break;
            }
        }
        writer.join();
        assertThat(read + ring.dropped()).isEqualTo(2_000_000);
    }
}
