package org.bmsbench.can.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.CandumpWriter;
import org.bmsbench.can.dbc.DbcCodec;
import org.bmsbench.can.dbc.DbcDatabase;
import org.bmsbench.can.dbc.DbcMessage;
import org.bmsbench.can.dbc.DbcSignal;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.scenario.Expectation;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioBus;
import org.bmsbench.scenario.ScenarioWorld;
import org.bmsbench.scenario.Segment;

/**
 * A scenario's vehicle on a CAN bus, speaking a profile's messages: once it has asked for a state it repeats its
 * request message at the message's cycle time (100 ms when the DBC gives none), a reset flag raised for one frame;
 * it sends the scenario's {@code can} segments, obeys the current limits it reads from the BMS's frames and reports
 * the signals the scenario's CAN expectations watch. Every frame it sends or receives can go to a candump log. The
 * scenario's world drives it ({@link #request}, {@link #send}); its owner calls {@link #sendDue} and
 * {@link #receive} on the scenario's clock.
 */
public final class CanVehicle implements ScenarioWorld.Bms {
    static final long DEFAULT_REQUEST_PERIOD_NS = 100_000_000L;

    private final CanProfile profile;
    private final DbcDatabase database;
    private final RequestPlan plan;
    private final CanBus bus;
    private final ScenarioBus.Listener listener;
    private final CandumpWriter log;
    private final CanFrame received = new CanFrame();
    // the request, repeated while active
    private final DbcMessage requestMessage;
    private final DbcSignal stateSignal;
    private final DbcSignal[] flagSignals;
    private final byte[] requestData;
    private final CanFrame requestFrame = new CanFrame();
    private final long requestPeriodNs;
    private boolean requesting;
    private boolean flagRaised;
    private long nextRequestNs;
    // the scenario's own frames
    private final List<Cyclic> cyclic = new ArrayList<>();
    private final ArrayDeque<CanFrame> once = new ArrayDeque<>();
    // what the vehicle reads
    private final DbcMessage limitsMessage;
    private final DbcSignal dischargeSignal;
    private final DbcSignal chargeSignal;
    private final Map<DbcMessage, DbcSignal[]> watched = new LinkedHashMap<>();
    private volatile double dischargeLimitA;
    private volatile double chargeLimitA;
    private long framesSent;
    private long framesReceived;

    /** A frame the vehicle repeats. */
    private static final class Cyclic {
        final CanFrame frame;
        final long periodNs;
        long nextNs = Long.MIN_VALUE;

        Cyclic(CanFrame frame, long periodNs) {
            this.frame = frame;
            this.periodNs = periodNs;
        }
    }

    /**
     * @param profileId the profile's id ({@code bmsbench}, {@code foxbms})
     * @param listener told the watched signals' values (null: the scenario expects nothing on the bus)
     * @param log      every frame sent and received, or null
     * @throws IllegalArgumentException when the scenario names an unknown profile, or a message, signal or request
     *                                  the profile does not have (with the scenario's file)
     */
    public CanVehicle(Scenario scenario, String profileId, CanBus bus, ScenarioBus.Listener listener,
            CandumpWriter log) {
        try {
            this.profile = CanProfile.byId(profileId);
            this.database = this.profile.database();
            this.plan = this.profile.request();
            this.requestMessage = message(plan.message());
            this.stateSignal = signal(requestMessage, plan.stateSignal());
            this.flagSignals = plan.risingEdges().keySet().stream().map(flag -> signal(requestMessage, flag))
                    .toArray(DbcSignal[]::new);
            this.limitsMessage = message(this.profile.limits().message());
            this.dischargeSignal = signal(limitsMessage, this.profile.limits().dischargeSignal());
            this.chargeSignal = signal(limitsMessage, this.profile.limits().chargeSignal());
            check(scenario);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(scenario.source() + ": " + e.getMessage(), e);
        }
        this.requestData = new byte[requestMessage.length()];
        this.requestPeriodNs = requestMessage.cycleTimeMs() > 0 ? requestMessage.cycleTimeMs() * 1_000_000L
                : DEFAULT_REQUEST_PERIOD_NS;
        this.bus = bus;
        this.listener = listener;
        this.log = log;
    }

    /** Every message, signal and request the scenario names exists in the profile. */
    private void check(Scenario scenario) {
        for (Expectation expectation : scenario.expectations()) {
            if (expectation instanceof Expectation.CanValue can) {
                DbcMessage message = message(can.message());
                DbcSignal signal = signal(message, can.signal());
                DbcSignal[] known = watched.getOrDefault(message, new DbcSignal[0]);
                DbcSignal[] more = Arrays.copyOf(known, known.length + 1);
                more[known.length] = signal;
                watched.put(message, more);
            }
        }
        for (Segment segment : scenario.profile()) {
            if (segment instanceof Segment.CanSegment can && can.message() != null) {
                DbcMessage message = message(can.message());
                can.signals().keySet().forEach(name -> signal(message, name));
            } else if (segment instanceof Segment.RequestSegment request) {
                requestable(request.request());
            }
        }
    }

    /** A fault reset travels as a standby request where the profile says so (foxbms). */
    private boolean resetByStandby(BmsRequest request) {
        return request == BmsRequest.RESET_FAULTS && plan.flagFor(request) == null && plan.standbyResets();
    }

    private void requestable(BmsRequest request) {
        boolean state = request == BmsRequest.STANDBY || request == BmsRequest.NORMAL;
        if (resetByStandby(request) ? plan.rawStateOf(BmsRequest.STANDBY) < 0
                : state ? plan.rawStateOf(request) < 0 : plan.flagFor(request) == null) {
            throw new IllegalArgumentException("the " + profile.id() + " profile's " + plan.message()
                    + " cannot ask for " + request.id());
        }
    }

    private DbcMessage message(String name) {
        return database.message(name).orElseThrow(() -> new IllegalArgumentException("the " + profile.id()
                + " profile's DBC has no message " + name));
    }

    private static DbcSignal signal(DbcMessage message, String name) {
        return message.signal(name).orElseThrow(() -> new IllegalArgumentException("message " + message.name()
                + " has no signal " + name));
    }

    public CanProfile profile() {
        return profile;
    }

    // ---- the scenario's world ------------------------------------------------------------------------------

    @Override
    public void request(BmsRequest request) {
        requestable(request);
        if (resetByStandby(request)) {
            DbcCodec.encodeRaw(stateSignal, plan.rawStateOf(BmsRequest.STANDBY), requestData);
        } else if (request == BmsRequest.STANDBY || request == BmsRequest.NORMAL) {
            DbcCodec.encodeRaw(stateSignal, plan.rawStateOf(request), requestData);
        } else {
            DbcCodec.encodeRaw(signal(requestMessage, plan.flagFor(request)), 1, requestData);
            flagRaised = true;
        }
        requesting = true;
        nextRequestNs = Long.MIN_VALUE; // at the next tick
        cyclic.removeIf(c -> c.frame.id() == requestMessage.id()); // the vehicle's own request takes over again
    }

    @Override
    public void send(Segment.CanSegment segment) {
        if (segment.stop()) {
            boolean all = segment.id() < 0 && segment.message() == null;
            int id = segment.message() != null ? message(segment.message()).id() : segment.id();
            cyclic.removeIf(c -> all || c.frame.id() == id);
            if (all || id == requestMessage.id()) {
                requesting = false;
            }
            return;
        }
        CanFrame frame = frame(segment);
        if (segment.everyNs() == 0) {
            once.add(frame);
            return;
        }
        cyclic.removeIf(c -> c.frame.id() == frame.id());
        cyclic.add(new Cyclic(frame, segment.everyNs()));
        if (frame.id() == requestMessage.id()) {
            requesting = false; // the scenario's frame replaces the vehicle's request
        }
    }

    private CanFrame frame(Segment.CanSegment segment) {
        if (segment.message() == null) {
            byte[] data = HexFormat.of().parseHex(segment.dataHex());
            return new CanFrame().set(segment.id(), segment.extended(), data, data.length);
        }
        DbcMessage message = message(segment.message());
        byte[] data = DbcCodec.encode(message, segment.signals());
        return new CanFrame().set(message.id(), message.extended(), data, data.length);
    }

    /** The discharge current the BMS last allowed on the bus, A (another thread may read it). */
    @Override
    public double dischargeLimitA() {
        return dischargeLimitA;
    }

    @Override
    public double chargeLimitA() {
        return chargeLimitA;
    }

    // ---- on the scenario's clock ---------------------------------------------------------------------------

    /** Sends what is due at {@code nowNs}: one-off frames, the request, the scenario's cyclic frames. */
    public void sendDue(long nowNs) {
        while (!once.isEmpty()) {
            send(once.poll(), nowNs);
        }
        if (requesting && nowNs >= nextRequestNs) {
            send(requestFrame.set(requestMessage.id(), requestMessage.extended(), requestData, requestData.length),
                    nowNs);
            nextRequestNs = (nextRequestNs == Long.MIN_VALUE ? nowNs : nextRequestNs) + requestPeriodNs;
            if (flagRaised) { // a reset is an edge: the flags go back to 0 in the next frame
                flagRaised = false;
                for (DbcSignal flag : flagSignals) {
                    DbcCodec.encodeRaw(flag, 0, requestData);
                }
            }
        }
        for (int i = 0; i < cyclic.size(); i++) {
            Cyclic c = cyclic.get(i);
            if (nowNs >= c.nextNs) {
                send(c.frame, nowNs);
                c.nextNs = (c.nextNs == Long.MIN_VALUE ? nowNs : c.nextNs) + c.periodNs;
            }
        }
    }

    /** Reads what the BMS sent: the limits it obeys, the watched signals. */
    public void receive(long nowNs) {
        while (bus.receive(received)) {
            framesReceived++;
            if (log != null) {
                log.write(received, nowNs);
            }
            DbcMessage message = database.message(received.id(), received.extended());
            if (message == limitsMessage) {
                dischargeLimitA = DbcCodec.decode(dischargeSignal, received.data());
                chargeLimitA = DbcCodec.decode(chargeSignal, received.data());
            }
            DbcSignal[] signals = message == null || listener == null ? null : watched.get(message);
            if (signals != null) {
                for (DbcSignal signal : signals) {
                    if (DbcCodec.isPresent(signal, received.data(), received.length())) {
                        listener.busValue(nowNs, message.name(), signal.name(),
                                DbcCodec.decode(signal, received.data()));
                    }
                }
            }
        }
    }

    private void send(CanFrame frame, long nowNs) {
        bus.send(frame);
        framesSent++;
        if (log != null) {
            log.write(frame, nowNs);
        }
    }

    public long framesSent() {
        return framesSent;
    }

    public long framesReceived() {
        return framesReceived;
    }
}
