package org.bmsbench.can;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SlcanTest {
    private final CanFrame frame = new CanFrame();

    private Slcan.Line parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        return Slcan.parse(bytes, bytes.length, frame);
    }

    private static String format(CanFrame frame) {
        byte[] out = new byte[Slcan.MAX_LINE + 1];
        return new String(out, 0, Slcan.format(frame, out), StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "t1232DEAD, 123#DEAD",
            "t7FF0, 7FF#",
            "T1FFFFFFF81122334455667788, 1FFFFFFF#1122334455667788",
            "T000001232cafe, 00000123#CAFE",
            "r1005, 100#R5",
            "R123456780, 12345678#R0"})
    void shouldReadFrameLines(String line, String expected) {
        assertThat(parse(line)).isEqualTo(Slcan.Line.FRAME);
        assertThat(frame).hasToString(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "t123", // no DLC
            "t1239", // DLC over 8
            "t1232DEA", // one digit short
            "t1232DEADBE", // a byte too many
            "t12G1AA", // not hex in the id
            "t8001AA", // beyond 11 bits
            "T200000001AA", // beyond 29 bits
            "t1231ZZ", // not hex in the data
            "r1232AA", // a remote frame with data
            "T1234"}) // an extended id cut short
    void shouldRefuseBrokenFrameLines(String line) {
        assertThat(parse(line)).isEqualTo(Slcan.Line.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "O", "C", "S6", "F", "z", "V1013"})
    void shouldLeaveCommandsAndRepliesToTheCaller(String line) {
        assertThat(parse(line)).isEqualTo(Slcan.Line.OTHER);
    }

    @Test
    void shouldFormatWhatItReads() {
        assertThat(format(CanFrame.of(0x123, "DEADBEEF"))).isEqualTo("t1234DEADBEEF\r");
        assertThat(format(CanFrame.of(0x18FF50E5, "01"))).isEqualTo("T18FF50E5101\r");
        assertThat(format(new CanFrame().setRemote(0x7FF, false, 8))).isEqualTo("r7FF8\r");
        assertThat(format(new CanFrame().setRemote(0x1234, true, 0))).isEqualTo("R000012340\r");
        assertThat(format(CanFrame.of(0x001, ""))).isEqualTo("t0010\r");
    }

    @Test
    void shouldRefuseCanFdFrames() {
        CanFrame fd = new CanFrame().set(0x100, false, new byte[12], 12);
        assertThat(Slcan.fits(fd)).isFalse();
        assertThatThrownBy(() -> format(fd)).hasMessageContaining("classic CAN frames only");
    }

    @Test
    void shouldMapBitRatesToTheirCodes() {
        assertThat(Slcan.bitRateCode(10_000)).isZero();
        assertThat(Slcan.bitRateCode(500_000)).isEqualTo(6);
        assertThat(Slcan.bitRateCode(800_000)).isEqualTo(7);
        assertThat(Slcan.bitRateCode(1_000_000)).isEqualTo(8);
        assertThatThrownBy(() -> Slcan.bitRateCode(83_300)).hasMessageStartingWith("slcan bit rate 83300 is not one of");
    }

    @Test
    void shouldReadStatusReplies() {
        byte[] out = new byte[4];
        assertThat(Slcan.formatStatus(0xA5, out)).isEqualTo(4);
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("FA5\r");
        assertThat(Slcan.statusFlags(out, 3)).isEqualTo(0xA5);
        assertThat(Slcan.statusFlags("F".getBytes(StandardCharsets.US_ASCII), 1)).isEqualTo(-1);
        assertThat(Slcan.statusFlags("Fxy".getBytes(StandardCharsets.US_ASCII), 3)).isEqualTo(-1);
    }
}
