package org.bmsbench.hil.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.hil.protocol.Bytes;
import org.bmsbench.hil.protocol.FaultAction;
import org.bmsbench.hil.protocol.FrameDecoder;
import org.bmsbench.hil.protocol.FrameEncoder;
import org.bmsbench.hil.protocol.Hello;
import org.bmsbench.hil.protocol.MeasurementCodec;
import org.bmsbench.hil.protocol.MessageType;
import org.bmsbench.hil.protocol.Messages;
import org.bmsbench.hil.transport.ByteStream;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.Measurements;
import org.bmsbench.scenario.CoSimulation;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioEvent;
import org.bmsbench.scenario.ScenarioWorld;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantFault;

/**
 * A cell-monitoring board, emulated: a scenario's pack plant (cells, AFE, contactors, faults on the scenario's
 * timeline) behind the serial HIL protocol, stepped in real time by the caller. It answers the host's HELLO,
 * reports measurements at the requested period, obeys BALANCE (turning the bleed switches off itself when the
 * BALANCE timeout runs out) and CONTACTOR, relays the scenario's vehicle requests and obeys the host's current
 * limits as the vehicle would. When the host goes quiet for {@link #HOST_WATCHDOG_NS} it releases every coil and
 * bleed switch, as a board's own watchdog would. The scenario's clock starts when a host first says HELLO.
 */
public final class BoardEmulator implements EmulatedBoard {
    /** The board's safe state after this much silence from the host. */
    public static final long HOST_WATCHDOG_NS = 500_000_000L;
    static final long HEARTBEAT_PERIOD_NS = 100_000_000L;
    static final long HELLO_PERIOD_NS = 500_000_000L;
    static final long REQUEST_RETRY_NS = 200_000_000L;
    static final int DEFAULT_REPORT_PERIOD_MS = 10;
    private static final int MIN_REPORT_PERIOD_MS = 1;
    private static final int MAX_REPORT_PERIOD_MS = 1000;

    private final Scenario scenario;
    private final CoSimulation simulation;
    private final PackPlant plant;
    private final ByteStream link;
    private final Hello hello;
    private final FrameDecoder decoder = new FrameDecoder(this::onFrame);
    private final FrameEncoder encoder = new FrameEncoder();
    private final byte[] readBuffer = new byte[4096];
    private final List<ScenarioEvent> events = new CopyOnWriteArrayList<>(); // read while it runs
    private final int cells;
    private long connections;
    private boolean hostKnown;
    private boolean started;
    private boolean watchdogTripped;
    private boolean balancing;
    private long nowNs;
    private long lastHostFrameNs;
    private long lastHeartbeatNs = Long.MIN_VALUE / 2;
    private long lastHelloNs = Long.MIN_VALUE / 2;
    private long nextReportNs;
    private long balanceDeadlineNs = Long.MAX_VALUE;
    private long reportPeriodNs = DEFAULT_REPORT_PERIOD_MS * 1_000_000L;
    private int pendingRequest = -1;
    private int pendingRequestSequence = -1;
    private long lastRequestSentNs;
    private volatile double dischargeLimitA;
    private volatile double chargeLimitA;
    private long framesSent;

    public BoardEmulator(Scenario scenario, ByteStream link) {
        this.scenario = scenario;
        this.simulation = CoSimulation.withoutFirmware(scenario, new Vehicle(), events);
        this.plant = simulation.plant();
        this.link = link;
        Measurements m = plant.measurements();
        this.cells = m.cellChannelCount();
        this.hello = new Hello(Hello.Role.EMULATOR, cells, m.temperatureSensorCount(), m.boardCount(),
                DEFAULT_REPORT_PERIOD_MS, Hello.CAN_BALANCE | Hello.CAN_SWITCH_CONTACTORS
                | Hello.CAN_MONITOR_ISOLATION | Hello.CAN_INJECT_FAULTS | Hello.CAN_RELAY_VEHICLE_REQUESTS,
                "bmsbench emulator " + scenario.name());
        this.connections = link.connections();
    }

    /**
     * One plant step at wall time {@code wallNs}: talks to the host, and once a host has said HELLO advances the
     * scenario by its step and reports when a report is due. Returns false when the scenario has ended.
     */
    @Override
    public boolean step(long wallNs) {
        nowNs = wallNs;
        if (link.connections() != connections) {
            connections = link.connections();
            hostKnown = false;
            decoder.reset();
        }
        for (int n; (n = link.read(readBuffer, 0, readBuffer.length)) > 0; ) {
            decoder.accept(readBuffer, 0, n);
        }
        if (!hostKnown && wallNs - lastHelloNs >= HELLO_PERIOD_NS) {
            hello.encode(encoder);
            send();
            lastHelloNs = wallNs;
        }
        if (wallNs - lastHeartbeatNs >= HEARTBEAT_PERIOD_NS) {
            Messages.heartbeat(encoder, plant.timeNs() / 1_000_000L);
            send();
            lastHeartbeatNs = wallNs;
        }
        if (!started) {
            return true;
        }
        superviseHost(wallNs);
        if (pendingRequest >= 0 && wallNs - lastRequestSentNs >= REQUEST_RETRY_NS) {
            sendRequest();
        }
        simulation.step();
        if (plant.timeNs() >= nextReportNs) { // on the plant's clock: the wall clock's ticks wobble
            report();
            nextReportNs += reportPeriodNs;
            if (nextReportNs <= plant.timeNs()) { // the period is shorter than a step: a report every step
                nextReportNs = plant.timeNs() + reportPeriodNs;
            }
        }
        return simulation.running();
    }

    private void superviseHost(long wallNs) {
        if (!watchdogTripped && wallNs - lastHostFrameNs > HOST_WATCHDOG_NS) {
            watchdogTripped = true;
            for (int k = 0; k < ContactorId.COUNT; k++) {
                plant.commandContactor(ContactorId.of(k), false);
            }
            allBleedsOff();
            events.add(new ScenarioEvent.BoardEvent(plant.timeNs(), ScenarioEvent.BoardAction.HOST_WATCHDOG,
                    "no frame from the host for " + HOST_WATCHDOG_NS / 1_000_000 + " ms: coils and bleed switches off"));
        }
        if (balancing && wallNs >= balanceDeadlineNs) {
            allBleedsOff();
            events.add(new ScenarioEvent.BoardEvent(plant.timeNs(), ScenarioEvent.BoardAction.BALANCE_TIMEOUT,
                    "no BALANCE in time"));
        }
    }

    private void allBleedsOff() {
        for (int c = 0; c < cells; c++) {
            plant.afe().commandBalancing(c, false, plant.timeNs());
        }
        balancing = false;
        balanceDeadlineNs = Long.MAX_VALUE;
    }

    private void report() {
        Measurements m = plant.measurements();
        int status = MeasurementCodec.STATUS_SIMULATED | (balancing ? MeasurementCodec.STATUS_BALANCING : 0)
                | (watchdogTripped ? MeasurementCodec.STATUS_HOST_WATCHDOG : 0);
        MeasurementCodec.encode(encoder, m, plant.timeNs() / 1000, m.sequence(), status);
        send();
    }

    private void send() {
        link.write(encoder.wire(), 0, encoder.finish());
        framesSent++;
    }

    private void ack(int sequence, int type, int result) {
        Messages.ack(encoder, sequence, type, result);
        send();
    }

    private void onFrame(int type, int sequence, byte[] buf, int offset, int length) {
        lastHostFrameNs = nowNs;
        plant.afe().hostActivity(plant.timeNs());
        if (watchdogTripped) {
            watchdogTripped = false;
            events.add(new ScenarioEvent.BoardEvent(plant.timeNs(), ScenarioEvent.BoardAction.HOST_BACK, ""));
        }
        MessageType t = MessageType.fromWireCode(type);
        if (t == null) {
            ack(sequence, type, Messages.ACK_UNSUPPORTED);
            return;
        }
        switch (t) {
            case HELLO -> onHello(buf, offset, length);
            case HOST_STATUS -> onHostStatus(buf, offset, length);
            case BALANCE -> ack(sequence, type, onBalance(buf, offset, length));
            case CONTACTOR -> ack(sequence, type, onContactor(buf, offset, length));
            case SET_RATE -> ack(sequence, type, onSetRate(buf, offset, length));
            case INJECT_FAULT -> ack(sequence, type, onInjectFault(buf, offset, length));
            case ACK -> onAck(buf, offset, length);
            default -> { } // heartbeats only keep the watchdog fed
        }
    }

    private void onHello(byte[] buf, int offset, int length) {
        if (Hello.decode(buf, offset, length) == null) {
            return;
        }
        hello.encode(encoder);
        send();
        hostKnown = true;
        if (!started) {
            started = true;
            lastHostFrameNs = nowNs;
            events.add(new ScenarioEvent.BoardEvent(plant.timeNs(), ScenarioEvent.BoardAction.HOST_CONNECTED, ""));
            simulation.start();
        }
    }

    private void onHostStatus(byte[] buf, int offset, int length) {
        if (length == 5) {
            dischargeLimitA = Bytes.u16(buf, offset + 1) * 0.1;
            chargeLimitA = Bytes.u16(buf, offset + 3) * 0.1;
        }
    }

    private int onBalance(byte[] buf, int offset, int length) {
        if (length < 5) {
            return Messages.ACK_BAD_VALUE;
        }
        int timeoutMs = Bytes.u16(buf, offset);
        int flags = Bytes.u8(buf, offset + 2);
        int count = Bytes.u16(buf, offset + 3);
        if (count != cells || length != 5 + Messages.maskBytes(count)) {
            return Messages.ACK_BAD_VALUE;
        }
        plant.afe().setDischargeDuringConversion((flags & Messages.BALANCE_DURING_CONVERSION) != 0);
        boolean any = false;
        for (int c = 0; c < cells; c++) {
            boolean on = (buf[offset + 5 + (c >>> 3)] & (1 << (c & 7))) != 0;
            plant.afe().commandBalancing(c, on, plant.timeNs());
            any |= on;
        }
        balancing = any;
        balanceDeadlineNs = any ? nowNs + timeoutMs * 1_000_000L : Long.MAX_VALUE;
        return Messages.ACK_OK;
    }

    private int onContactor(byte[] buf, int offset, int length) {
        ContactorId id = length == 2 ? ContactorId.fromWireCode(Bytes.u8(buf, offset)) : null;
        if (id == null || Bytes.u8(buf, offset + 1) > 1) {
            return Messages.ACK_BAD_VALUE;
        }
        plant.commandContactor(id, Bytes.u8(buf, offset + 1) == 1);
        return Messages.ACK_OK;
    }

    private int onSetRate(byte[] buf, int offset, int length) {
        int periodMs = length == 2 ? Bytes.u16(buf, offset) : -1;
        if (periodMs < MIN_REPORT_PERIOD_MS || periodMs > MAX_REPORT_PERIOD_MS) {
            return Messages.ACK_BAD_VALUE;
        }
        reportPeriodNs = periodMs * 1_000_000L;
        return Messages.ACK_OK;
    }

    private int onInjectFault(byte[] buf, int offset, int length) {
        if (length != 8) {
            return Messages.ACK_BAD_VALUE;
        }
        PlantFault.Type type = PlantFault.Type.fromWireCode(Bytes.u8(buf, offset));
        FaultAction action = FaultAction.fromWireCode(Bytes.u8(buf, offset + 1));
        int target = Bytes.u16(buf, offset + 2);
        double value = Bytes.f32(buf, offset + 4);
        if (type == null || action == null) {
            return Messages.ACK_BAD_VALUE;
        }
        PlantFault fault;
        try {
            fault = new PlantFault(type, target, value);
            if (action == FaultAction.INJECT) {
                plant.inject(fault);
            } else {
                plant.clear(fault);
            }
        } catch (IllegalArgumentException e) { // a target the pack does not have, a value the fault cannot take
            return Messages.ACK_BAD_VALUE;
        }
        events.add(new ScenarioEvent.PlantFaultChanged(plant.timeNs(), fault, action == FaultAction.INJECT,
                ScenarioEvent.FaultSource.LINK));
        return Messages.ACK_OK;
    }

    private void onAck(byte[] buf, int offset, int length) {
        if (length == 4 && Bytes.u16(buf, offset) == pendingRequestSequence
                && Bytes.u8(buf, offset + 2) == MessageType.VEHICLE_REQUEST.wireCode()) {
            pendingRequest = -1;
        }
    }

    private void sendRequest() {
        Messages.vehicleRequest(encoder, pendingRequest);
        send();
        pendingRequestSequence = encoder.lastSequence();
        lastRequestSentNs = nowNs;
    }

    /** The scenario's vehicle: its requests go to the host, and it obeys the limits the host publishes. */
    private final class Vehicle implements ScenarioWorld.Bms {
        @Override
        public void request(BmsRequest request) {
            pendingRequest = request.wireCode(); // a newer request replaces one not yet acknowledged
            sendRequest();
        }

        @Override
        public double dischargeLimitA() {
            return dischargeLimitA;
        }

        @Override
        public double chargeLimitA() {
            return chargeLimitA;
        }
    }

    @Override
    public PackPlant plant() {
        return plant;
    }

    @Override
    public List<ScenarioEvent> events() {
        return events;
    }

    /** Whether a host has said HELLO and the scenario is running. */
    public boolean started() {
        return started;
    }

    public FrameDecoder decoder() {
        return decoder;
    }

    public long framesSent() {
        return framesSent;
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }
}
