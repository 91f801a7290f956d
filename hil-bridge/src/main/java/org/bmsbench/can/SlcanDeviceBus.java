package org.bmsbench.can;

import org.bmsbench.firmware.loop.Clock;
import org.bmsbench.hil.transport.ByteStream;

/**
 * The adapter side of slcan ({@code slcan-device:PORT}): bms-bench standing in for a CANable on a serial port or
 * pty, so that a host tool (python-can, slcand, our own {@code slcan:}) talks to an emulated bus. It obeys
 * {@code O}, {@code C}, {@code S0}-{@code S8}, {@code F}, {@code V} and {@code N}; a frame line from the host is
 * received (and acknowledged {@code z}/{@code Z}) while the channel is open; anything else is answered with
 * BEL. Frames sent on this bus go to the host while it has the channel open, and are dropped otherwise. The
 * {@code F} reply sets bit 0 (receive FIFO full) when frames were dropped since the last one.
 */
final class SlcanDeviceBus extends SlcanPort {
    private boolean channelOpen;
    private long droppedAtLastStatus;

    SlcanDeviceBus(String address, ByteStream link, Clock clock) {
        super(address, link, clock);
        pump();
    }

    @Override
    protected void connected() {
        channelOpen = false; // a new host opens the channel itself
    }

    @Override
    protected void onLine(byte[] line, int length, boolean bell) {
        if (bell) {
            counters.countMalformed(); // hosts do not send BEL
            return;
        }
        if (length > 0 && isFrameCommand(line[0])) {
            if (!channelOpen) {
                reply(Slcan.BEL);
                return;
            }
            if (frameLine(line, length) == Slcan.Line.FRAME) {
                out[0] = (byte) (line[0] == 't' || line[0] == 'r' ? 'z' : 'Z');
                out[1] = Slcan.CR;
                write(2, false);
            } else {
                reply(Slcan.BEL);
            }
            return;
        }
        if (length == 0) {
            reply(Slcan.CR);
        } else if (length == 1 && line[0] == 'O') {
            channelOpen = true;
            reply(Slcan.CR);
        } else if (length == 1 && line[0] == 'C') {
            channelOpen = false;
            reply(Slcan.CR);
        } else if (length == 2 && line[0] == 'S' && line[1] >= '0' && line[1] <= '8' && !channelOpen) {
            reply(Slcan.CR);
        } else if (length == 1 && line[0] == 'F') {
            long dropped = counters.dropped();
            write(Slcan.formatStatus(dropped != droppedAtLastStatus ? 0x01 : 0, out), false);
            droppedAtLastStatus = dropped;
        } else if (length == 1 && line[0] == 'V') {
            text("V1013\r");
        } else if (length == 1 && line[0] == 'N') {
            text("NBMSB\r");
        } else {
            counters.countMalformed();
            reply(Slcan.BEL);
        }
    }

    private static boolean isFrameCommand(byte c) {
        return c == 't' || c == 'T' || c == 'r' || c == 'R';
    }

    private void reply(byte terminator) {
        out[0] = terminator;
        write(1, false);
    }

    private void text(String reply) {
        for (int i = 0; i < reply.length(); i++) {
            out[i] = (byte) reply.charAt(i);
        }
        write(reply.length(), false);
    }

    @Override
    public void send(CanFrame frame) {
        pump();
        if (!channelOpen || !link.isUp() || !Slcan.fits(frame)) {
            counters.countDropped();
            return;
        }
        write(Slcan.format(frame, out), true);
    }

    /** Whether the host has opened the channel ({@code O}) and not closed it since. */
    boolean channelOpen() {
        return channelOpen;
    }
}
