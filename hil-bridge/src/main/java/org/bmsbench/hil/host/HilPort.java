package org.bmsbench.hil.host;

import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.hil.protocol.AckResult;
import org.bmsbench.hil.protocol.Bytes;
import org.bmsbench.hil.protocol.FaultAction;
import org.bmsbench.hil.protocol.FrameDecoder;
import org.bmsbench.hil.protocol.FrameEncoder;
import org.bmsbench.hil.protocol.Frames;
import org.bmsbench.hil.protocol.Hello;
import org.bmsbench.hil.protocol.MeasurementCodec;
import org.bmsbench.hil.protocol.MessageType;
import org.bmsbench.hil.protocol.Messages;
import org.bmsbench.hil.transport.ByteStream;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.Measurements;

/**
 * The firmware's hardware port over the serial HIL protocol ({@code docs/hil-protocol.md}): measurements
 * from a board's MEASUREMENT reports, commands as BALANCE and CONTACTOR frames. Everything runs in the control
 * loop's thread: each {@link #read} drains what has arrived, decodes it, and sends what is due (heartbeat and
 * host status every 100 ms, the HELLO until the board answers, the commanded states again every second, so a
 * board that restarted or lost a frame converges). The firmware's own staleness check turns a silent board into
 * AFE_COMMUNICATION_LOSS; this port only counts.
 *
 * <p>The channel counts are the board's, from its HELLO ({@link #connect}). Nothing allocates per call.
 */
public final class HilPort implements HilBoard {
    static final long HEARTBEAT_PERIOD_NS = 100_000_000L;
    static final long HELLO_RETRY_NS = 500_000_000L;
    static final long REFRESH_PERIOD_NS = 1_000_000_000L;
    /** The board turns the bleed switches off when no BALANCE came for this long. */
    static final int BALANCE_TIMEOUT_MS = 2000;

    private final ByteStream link;
    private final Hello board;
    private final Hello host;
    private final FrameDecoder decoder = new FrameDecoder(this::onFrame);
    private final FrameEncoder encoder = new FrameEncoder();
    private final MeasurementCodec codec = new MeasurementCodec();
    private final Measurements latest;
    private final LinkStats stats = new LinkStats();
    private final byte[] readBuffer = new byte[4096];
    private final byte[] mask;
    private final byte[] sentMask;
    private final boolean[] energised = new boolean[ContactorId.COUNT];
    private boolean balanceDuringConversion;
    private BmsFirmware firmware;
    private long connections;
    private boolean handshaken;
    private long nowNs;
    private long lastHeartbeatNs = Long.MIN_VALUE / 2;
    private long lastHelloNs = Long.MIN_VALUE / 2;
    private long lastRefreshNs = Long.MIN_VALUE / 2;
    private long lastBalanceNs = Long.MIN_VALUE / 2;
    private long lastFrameNs;
    /** The caller's clock at the first poll (the port keeps the caller's time base, whatever its origin). */
    private long startNs;
    private boolean started;
    private int lastBoardSequence = -1;
    private volatile BmsRequest pendingRequest;

    private HilPort(ByteStream link, Hello board, Hello host) {
        int payload = MeasurementCodec.payloadBytes(board.cells(), board.temperatures(), board.boards());
        if (board.cells() == 0 || payload > Frames.MAX_PAYLOAD) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the board '%s' declares %d cells,"
                    + " %d temperature sensors and %d boards: %s", board.name(), board.cells(), board.temperatures(),
                    board.boards(), board.cells() == 0 ? "a board needs at least one cell"
                            : "its reports (" + payload + " bytes) would not fit the protocol's " + Frames.MAX_PAYLOAD
                            + "-byte payload (docs/hil-protocol.md)"));
        }
        this.link = link;
        this.board = board;
        this.host = host;
        this.latest = new Measurements(board.cells(), board.temperatures(), board.boards());
        this.mask = new byte[Messages.maskBytes(board.cells())];
        this.sentMask = new byte[mask.length];
        this.connections = link.connections();
    }

    /**
     * Says HELLO on {@code link} until a board answers, for at most {@code timeoutNs}; returns the port sized for
     * that board, or null when none answered.
     */
    public static HilPort connect(ByteStream link, String hostName, long timeoutNs) throws InterruptedException {
        Hello host = new Hello(Hello.Role.HOST, 0, 0, 0, 0, 0, hostName);
        FrameEncoder encoder = new FrameEncoder();
        Hello[] answer = new Hello[1];
        FrameDecoder decoder = new FrameDecoder((type, seq, buf, offset, length) -> {
            if (type == MessageType.HELLO.wireCode()) {
                Hello h = Hello.decode(buf, offset, length);
                if (h != null && h.role() != Hello.Role.HOST) {
                    answer[0] = h;
                }
            }
        });
        byte[] buffer = new byte[4096];
        long start = System.nanoTime();
        long lastHello = start - HELLO_RETRY_NS;
        while (answer[0] == null && System.nanoTime() - start < timeoutNs) {
            long now = System.nanoTime();
            if (now - lastHello >= HELLO_RETRY_NS) {
                host.encode(encoder);
                link.write(encoder.wire(), 0, encoder.finish());
                lastHello = now;
            }
            int n = link.read(buffer, 0, buffer.length);
            if (n > 0) {
                decoder.accept(buffer, 0, n);
            } else {
                Thread.sleep(2);
            }
        }
        return answer[0] == null ? null : new HilPort(link, answer[0], host);
    }

    /** The firmware whose state and limits the HOST_STATUS reports carry. */
    @Override
    public void publish(BmsFirmware value) {
        this.firmware = value;
    }

    /**
     * The board's latest readings, as the firmware gets them. Another thread may look (for a display); what it
     * sees is not a consistent snapshot.
     */
    @Override
    public Measurements latest() {
        return latest;
    }

    /** The board's HELLO. */
    public Hello board() {
        return board;
    }

    public LinkStats stats() {
        return stats;
    }

    /** The board's decoder counters. */
    public FrameDecoder decoder() {
        return decoder;
    }

    /**
     * Whether the board has started a session with this host since the link last came up: a report has arrived
     * (a board reports only once it has heard a host's HELLO; a board HELLO proves nothing, it may be its own
     * call while it waits).
     */
    public boolean handshaken() {
        return handshaken;
    }

    /** The status bits of the board's last report. */
    public int boardStatus() {
        return codec.status();
    }

    /** Time since the last good frame from the board, ns. */
    public long silenceNs(long now) {
        return now - lastFrameNs;
    }

    /** A request the board relayed from the vehicle, once, or null. */
    @Override
    public BmsRequest takeVehicleRequest() {
        BmsRequest r = pendingRequest;
        pendingRequest = null;
        return r;
    }

    @Override
    public int cellChannelCount() {
        return board.cells();
    }

    @Override
    public int temperatureSensorCount() {
        return board.temperatures();
    }

    @Override
    public int boardCount() {
        return board.boards();
    }

    @Override
    public void read(long now, Measurements into) {
        poll(now);
        into.copyFrom(latest);
    }

    /** Drains and decodes what has arrived, and sends what is due. */
    @Override
    public void poll(long now) {
        nowNs = now;
        if (!started) {
            started = true;
            startNs = now;
            lastFrameNs = now;
        }
        if (link.connections() != connections) { // the port came back: the board may have restarted
            connections = link.connections();
            handshaken = false;
            decoder.reset();
            codec.reset();
            lastBoardSequence = -1;
            stats.reconnections++;
        }
        for (int n; (n = link.read(readBuffer, 0, readBuffer.length)) > 0; ) {
            decoder.accept(readBuffer, 0, n);
        }
        if (!handshaken && now - lastHelloNs >= HELLO_RETRY_NS) {
            host.encode(encoder);
            send();
            lastHelloNs = now;
        }
        if (now - lastHeartbeatNs >= HEARTBEAT_PERIOD_NS) {
            Messages.heartbeat(encoder, (now - startNs) / 1_000_000L);
            send();
            sendHostStatus();
            lastHeartbeatNs = now;
        }
        if (now - lastRefreshNs >= REFRESH_PERIOD_NS) {
            for (int k = 0; k < ContactorId.COUNT; k++) {
                Messages.contactor(encoder, ContactorId.of(k).wireCode(), energised[k]);
                send();
            }
            lastRefreshNs = now;
        }
    }

    private void sendHostStatus() {
        if (firmware == null) {
            Messages.hostStatus(encoder, BmsState.STANDBY.wireCode(), 0, 0);
        } else {
            Messages.hostStatus(encoder, firmware.state().wireCode(), firmware.limits().dischargeA(),
                    firmware.limits().chargeA());
        }
        send();
    }

    private void send() {
        int length = encoder.finish();
        link.write(encoder.wire(), 0, length);
        stats.framesSent++;
    }

    private void onFrame(int type, int sequence, byte[] buf, int offset, int length) {
        lastFrameNs = nowNs;
        if (lastBoardSequence >= 0 && sequence != ((lastBoardSequence + 1) & 0xFFFF)) {
            stats.sequenceGaps++;
        }
        lastBoardSequence = sequence;
        MessageType t = MessageType.fromWireCode(type);
        if (t == null) {
            stats.unknownTypes++;
            return;
        }
        switch (t) {
            case HELLO -> onHello(buf, offset, length);
            case HEARTBEAT -> stats.heartbeatsReceived++;
            case ACK -> onAck(buf, offset, length);
            case MEASUREMENT -> onMeasurement(buf, offset, length);
            case VEHICLE_REQUEST -> onVehicleRequest(sequence, buf, offset, length);
            default -> stats.unexpectedTypes++;
        }
    }

    private void onHello(byte[] buf, int offset, int length) {
        Hello h = Hello.decode(buf, offset, length);
        if (h == null) {
            stats.malformed++;
            return;
        }
        if (h.cells() != board.cells() || h.temperatures() != board.temperatures() || h.boards() != board.boards()) {
            stats.wrongCounts++;
            handshaken = false;
            return;
        }
        // A board HELLO is its answer to ours, or its own call (it came up, restarted, or never heard ours):
        // answer any that does not follow ours within a retry period. An answer to ours is not answered again, so
        // the two sides do not echo each other; a call whose answer is lost comes again and is answered again.
        if (nowNs - lastHelloNs >= HELLO_RETRY_NS) {
            host.encode(encoder);
            send();
            lastHelloNs = nowNs;
            sendHostStatus(); // the vehicle learns the limits at once
        }
    }

    private void onAck(byte[] buf, int offset, int length) {
        if (length != 4) {
            stats.malformed++;
            return;
        }
        stats.acks++;
        if (AckResult.fromWireCode(Bytes.u8(buf, offset + 3)) != AckResult.OK) {
            stats.rejected++;
        }
    }

    private void onMeasurement(byte[] buf, int offset, int length) {
        handshaken = true; // the board reports: it has heard a host HELLO
        switch (codec.decode(buf, offset, length, latest, nowNs)) {
            case NEW_CONVERSION -> stats.measurements++;
            case SAME_CONVERSION -> stats.repeatedConversions++;
            case MALFORMED -> stats.malformed++;
            case WRONG_COUNTS -> stats.wrongCounts++;
        }
    }

    private void onVehicleRequest(int sequence, byte[] buf, int offset, int length) {
        BmsRequest request = length == 1 ? BmsRequest.fromWireCode(Bytes.u8(buf, offset)) : null;
        Messages.ack(encoder, sequence, MessageType.VEHICLE_REQUEST.wireCode(),
                (request != null ? AckResult.OK : AckResult.BAD_VALUE).wireCode());
        send();
        if (request != null) {
            pendingRequest = request;
            stats.vehicleRequests++;
        } else {
            stats.malformed++;
        }
    }

    @Override
    public void commandBalancing(long now, boolean[] on, boolean dischargeDuringConversion) {
        java.util.Arrays.fill(mask, (byte) 0);
        for (int k = 0; k < on.length && k < board.cells(); k++) {
            if (on[k]) {
                mask[k >>> 3] |= (byte) (1 << (k & 7));
            }
        }
        boolean changed = dischargeDuringConversion != balanceDuringConversion
                || !java.util.Arrays.equals(mask, sentMask);
        if (changed || now - lastBalanceNs >= REFRESH_PERIOD_NS) {
            Messages.balance(encoder, BALANCE_TIMEOUT_MS,
                    dischargeDuringConversion ? Messages.BALANCE_DURING_CONVERSION : 0, mask, board.cells());
            send();
            System.arraycopy(mask, 0, sentMask, 0, mask.length);
            balanceDuringConversion = dischargeDuringConversion;
            lastBalanceNs = now;
        }
    }

    @Override
    public void commandContactor(ContactorId id, boolean energise) {
        boolean changed = energised[id.ordinal()] != energise;
        energised[id.ordinal()] = energise;
        if (changed) {
            Messages.contactor(encoder, id.wireCode(), energise);
            send();
        }
    }

    /** Asks the board for a report period. */
    public void setReportPeriod(int periodMs) {
        Messages.setRate(encoder, periodMs);
        send();
    }

    /**
     * Asks an emulator to inject ({@code inject}) or clear a simulated fault, by the fault type's wire code
     * ({@code PlantFault.Type.wireCode()}); a real board refuses.
     */
    public void injectFault(int faultType, boolean inject, int target, double value) {
        FaultAction action = inject ? FaultAction.INJECT : FaultAction.CLEAR;
        Messages.injectFault(encoder, faultType, action.wireCode(), target, (float) value);
        send();
    }

    /** No open-wire test over the link: the board runs its own, and reports it as invalid channels. */
    @Override
    public boolean openWireConversion(long now, boolean pullUp, double[] out) {
        return false;
    }
}
