package org.bmsbench.can;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CanFdLengthsTest {
    @Test
    void shouldMapDlcCodesToCanFdLengths() {
        int[] lengths = new int[16];
        for (int dlc = 0; dlc < 16; dlc++) {
            lengths[dlc] = CanFdLengths.lengthOf(dlc);
        }
        assertThat(lengths).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64);
        assertThatThrownBy(() -> CanFdLengths.lengthOf(16)).hasMessage("DLC code 16 is not 0-15");
    }

    @Test
    void shouldPickTheSmallestFrameThatHoldsAPayload() {
        assertThat(CanFdLengths.dlcFor(8)).isEqualTo(8);
        assertThat(CanFdLengths.dlcFor(9)).isEqualTo(9); // 12 bytes, padded
        assertThat(CanFdLengths.dlcFor(10)).isEqualTo(9);
        assertThat(CanFdLengths.dlcFor(33)).isEqualTo(14); // 48 bytes
        assertThat(CanFdLengths.dlcFor(64)).isEqualTo(15);
        assertThat(CanFdLengths.isFrameLength(20)).isTrue();
        assertThat(CanFdLengths.isFrameLength(10)).isFalse();
        assertThatThrownBy(() -> CanFdLengths.dlcFor(65)).hasMessage("payload length 65 is not 0-64");
    }
}
