package org.bmsbench.can;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.bmsbench.firmware.loop.Clock;
import tel.schich.javacan.CanChannels;
import tel.schich.javacan.CanSocketOptions;
import tel.schich.javacan.JavaCAN;
import tel.schich.javacan.NetworkDevice;
import tel.schich.javacan.RawCanChannel;
import tel.schich.javacan.platform.linux.LinuxNativeOperationException;

/**
 * A Linux SocketCAN interface ({@code socketcan:can0}, {@code socketcan:vcan0}) through JavaCAN's raw socket, CAN
 * FD frames enabled. A reader thread blocks on the socket (waking every {@link #READ_TIMEOUT} to notice a close)
 * and queues what arrives; {@link #send} writes one {@code struct can(fd)_frame} from a reused native buffer and
 * waits at most {@link #SEND_TIMEOUT} ({@code SO_SNDTIMEO}; the socket is shared with the blocking reader) for
 * room in the transmit queue, then drops the frame and counts it. An interface that goes away (a USB adapter
 * unplugged, {@code ip link set can0 down}) is looked for again every {@link #RETRY_NS} and counted reopened.
 * Error frames count as error reports.
 */
final class SocketCanBus implements CanBus {
    static final long RETRY_NS = 250_000_000L;
    static final Duration READ_TIMEOUT = Duration.ofMillis(100);
    static final Duration SEND_TIMEOUT = Duration.ofMillis(1);
    static final int QUEUE_FRAMES = 1024;

    /** Linux's errno for an address family the kernel does not have. */
    private static final int EAFNOSUPPORT = 97;
    private static final int EFF_FLAG = 0x8000_0000;
    private static final int RTR_FLAG = 0x4000_0000;
    private static final int ERR_FLAG = 0x2000_0000;
    private static final int CLASSIC_MTU = 16;
    private static final int FD_MTU = 72;
    private static final int DATA_OFFSET = 8;

    private final String address;
    private final String iface;
    private final Clock clock;
    private final CanBusCounters counters = new CanBusCounters();
    private final CanFrameQueue queue = new CanFrameQueue(QUEUE_FRAMES);
    private final ByteBuffer sendBuffer;
    private final Object sendLock = new Object();
    private volatile RawCanChannel channel;
    private volatile boolean closed;
    private volatile String lastProblem = "";
    private long openings;

    SocketCanBus(String address, String iface, Clock clock) {
        String missing = unavailable();
        if (missing != null) {
            throw new IllegalStateException("cannot open " + address + ": " + missing);
        }
        this.address = address;
        this.iface = iface;
        this.clock = clock;
        this.sendBuffer = JavaCAN.allocateOrdered(FD_MTU);
        tryOpen();
        Thread reader = new Thread(this::readLoop, "socketcan-reader " + iface);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Why SocketCAN cannot be used here (JavaCAN's native library does not load, or the kernel has no
     * {@code AF_CAN}), or null when it can.
     */
    static String unavailable() {
        try {
            JavaCAN.initialize();
        } catch (LinkageError | RuntimeException e) {
            return "JavaCAN's native library for " + System.getProperty("os.arch") + " did not load: "
                    + e.getMessage();
        }
        try {
            CanChannels.newRawChannel().close();
            return null;
        } catch (LinuxNativeOperationException e) {
            return e.getErrorNumber() == EAFNOSUPPORT
                    ? "this kernel has no SocketCAN (address family AF_CAN not supported; modprobe can_raw)"
                    : "SocketCAN refuses a raw socket: " + e.getMessage();
        } catch (IOException e) {
            return "SocketCAN refuses a raw socket: " + e.getMessage();
        }
    }

    private void tryOpen() {
        RawCanChannel candidate = null;
        try {
            candidate = CanChannels.newRawChannel();
            candidate.setOption(CanSocketOptions.FD_FRAMES, true);
            candidate.setOption(CanSocketOptions.SO_RCVTIMEO, READ_TIMEOUT);
            candidate.setOption(CanSocketOptions.SO_SNDTIMEO, SEND_TIMEOUT);
            candidate.setOption(CanSocketOptions.ERR_FILTER, 0x1FFF_FFFF); // every error class reported
            candidate.bind(NetworkDevice.lookup(iface));
            channel = candidate;
            if (openings++ > 0) {
                counters.countReopened();
            }
            lastProblem = "";
        } catch (IOException e) {
            lastProblem = "cannot open SocketCAN interface " + iface + ": " + e.getMessage();
            if (candidate != null) {
                closeQuietly(candidate);
            }
        }
    }

    private void readLoop() {
        ByteBuffer in = JavaCAN.allocateOrdered(FD_MTU);
        CanFrame frame = new CanFrame();
        while (!closed) {
            RawCanChannel current = channel;
            if (current == null) {
                try {
                    Thread.sleep(RETRY_NS / 1_000_000);
                } catch (InterruptedException e) {
                    return;
                }
                if (!closed) {
                    tryOpen();
                }
                continue;
            }
            try {
                in.clear();
                long n = current.readUnsafe(in);
                take(in, (int) n, frame);
            } catch (LinuxNativeOperationException e) {
                if (!e.mayTryAgain()) { // EAGAIN is the read timeout: nothing arrived
                    lost(current, e);
                }
            } catch (IOException e) {
                lost(current, e);
            }
        }
    }

    private void take(ByteBuffer in, int length, CanFrame frame) {
        if (length != CLASSIC_MTU && length != FD_MTU) {
            counters.countMalformed();
            return;
        }
        int rawId = in.getInt(0);
        int dataLength = in.get(4) & 0xFF;
        if ((rawId & ERR_FLAG) != 0) {
            counters.countErrorReport();
            return;
        }
        boolean extended = (rawId & EFF_FLAG) != 0;
        int id = rawId & (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID);
        if (!CanFdLengths.isFrameLength(dataLength) || dataLength > length - DATA_OFFSET) {
            counters.countMalformed();
            return;
        }
        if ((rawId & RTR_FLAG) != 0) {
            frame.setRemote(id, extended, Math.min(dataLength, CanFrame.MAX_CLASSIC_LENGTH));
        } else {
            in.get(DATA_OFFSET, frame.data(), 0, dataLength);
            if (length == FD_MTU) {
                frame.setFd(id, extended, frame.data(), dataLength);
            } else {
                frame.set(id, extended, frame.data(), dataLength);
            }
        }
        frame.timestampNs(clock.nanoTime());
        if (queue.offer(frame)) {
            counters.countReceived();
        } else {
            counters.countDropped();
        }
    }

    private void lost(RawCanChannel current, IOException why) {
        lastProblem = iface + " went away: " + why.getMessage();
        channel = null;
        closeQuietly(current);
    }

    @Override
    public void send(CanFrame frame) {
        RawCanChannel current = channel;
        if (current == null) {
            counters.countDropped();
            return;
        }
        synchronized (sendLock) {
            int rawId = frame.id() | (frame.extended() ? EFF_FLAG : 0) | (frame.remote() ? RTR_FLAG : 0);
            int mtu = frame.fd() ? FD_MTU : CLASSIC_MTU;
            sendBuffer.clear();
            sendBuffer.putInt(0, rawId);
            sendBuffer.put(4, (byte) frame.length());
            for (int i = 5; i < DATA_OFFSET; i++) {
                sendBuffer.put(i, (byte) 0);
            }
            sendBuffer.put(DATA_OFFSET, frame.data(), 0, mtu - DATA_OFFSET);
            sendBuffer.limit(mtu);
            try {
                current.writeUnsafe(sendBuffer);
                counters.countSent();
            } catch (IOException e) { // ENOBUFS, a full transmit queue: the frame is lost, as on a busy bus
                counters.countDropped();
            }
        }
    }

    @Override
    public boolean receive(CanFrame into) {
        return queue.poll(into);
    }

    @Override
    public boolean isUp() {
        return channel != null;
    }

    @Override
    public CanBusCounters counters() {
        return counters;
    }

    @Override
    public String address() {
        return address;
    }

    /** Why the interface is down, or empty. */
    String lastProblem() {
        return lastProblem;
    }

    @Override
    public void close() {
        closed = true;
        RawCanChannel current = channel;
        channel = null;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private static void closeQuietly(RawCanChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket that failed: nothing more to do with it
        }
    }
}
