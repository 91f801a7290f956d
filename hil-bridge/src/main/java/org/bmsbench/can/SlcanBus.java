package org.bmsbench.can;

import org.bmsbench.firmware.loop.Clock;
import org.bmsbench.hil.transport.ByteStream;

/**
 * The host side of an slcan adapter ({@code slcan:PORT@BITRATE}): on each connection it closes the channel,
 * sets the bit rate and opens it ({@code C}, {@code Sn}, {@code O}), and does so again every second until the
 * adapter answers anything (one that was not listening yet, such as an emulator started after the host, never
 * saw the first setup); frames go out as {@code t/T/r/R} lines and
 * come back the same way. The adapter's replies are counted, not trusted: a BEL is an error report, an
 * {@code F} status with overrun bits an overrun, with error bits an error report, a broken frame line malformed.
 * CAN FD frames do not fit the protocol and are dropped.
 */
final class SlcanBus extends SlcanPort {
    static final long SETUP_RETRY_NS = 1_000_000_000L;
    private final int bitRateCode;
    private boolean answered;
    private long setUpAtNs;

    SlcanBus(String address, ByteStream link, int bitRateCode, Clock clock) {
        super(address, link, clock);
        if (bitRateCode < 0 || bitRateCode > 8) {
            throw new IllegalArgumentException("slcan bit rate code S" + bitRateCode + " is not S0-S8");
        }
        this.bitRateCode = bitRateCode;
        pump(); // sets the adapter up now if its port is there
    }

    @Override
    protected void connected() {
        answered = false;
        setUpAtNs = nowNs();
        command('C');
        out[0] = 'S';
        out[1] = (byte) ('0' + bitRateCode);
        out[2] = Slcan.CR;
        write(3, false);
        command('O');
    }

    private void command(char c) {
        out[0] = (byte) c;
        out[1] = Slcan.CR;
        write(2, false);
    }

    @Override
    protected void onLine(byte[] line, int length, boolean bell) {
        answered = true;
        if (bell) {
            counters.countErrorReport();
            return;
        }
        if (frameLine(line, length) != Slcan.Line.OTHER) {
            return;
        }
        int flags = Slcan.statusFlags(line, length);
        if (flags >= 0) {
            if ((flags & Slcan.OVERRUN_FLAGS) != 0) {
                counters.countOverrun();
            }
            if ((flags & Slcan.ERROR_FLAGS) != 0) {
                counters.countErrorReport();
            }
        } else if (!isAcknowledgement(line, length)) {
            counters.countMalformed();
        }
    }

    /** An empty line (a command done), {@code z}/{@code Z} (a frame sent), or a version or serial number reply. */
    private static boolean isAcknowledgement(byte[] line, int length) {
        return length == 0 || (length == 1 && (line[0] == 'z' || line[0] == 'Z'))
                || (length == 5 && (line[0] == 'V' || line[0] == 'N'));
    }

    /** Sets the adapter up again when it has not answered the last setup for a second. */
    private void setUpAgainIfUnanswered() {
        if (!answered && link.isUp() && nowNs() - setUpAtNs >= SETUP_RETRY_NS) {
            connected();
        }
    }

    @Override
    public boolean receive(CanFrame into) {
        boolean got = super.receive(into); // reads the adapter's answers first
        setUpAgainIfUnanswered();
        return got;
    }

    @Override
    public void send(CanFrame frame) {
        pump();
        setUpAgainIfUnanswered();
        if (!link.isUp() || !Slcan.fits(frame)) {
            counters.countDropped();
            return;
        }
        write(Slcan.format(frame, out), true);
    }
}
