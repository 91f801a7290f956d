package org.bmsbench.can.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.CandumpWriter;
import org.bmsbench.can.dbc.DbcCodec;
import org.bmsbench.can.dbc.DbcDatabase;
import org.bmsbench.can.dbc.DbcMessage;
import org.bmsbench.can.dbc.DbcSignal;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.scenario.Expectation;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioBus;
import org.bmsbench.scenario.Segment;

/**
 * A scenario's CAN bus, in the process and on the simulated clock: the BMS's {@link BmsCanNode} on one end, the
 * vehicle on the other. The vehicle repeats its request message at its cycle time (100 ms when the DBC gives
 * none) once it has asked for a state, with a reset flag raised for one frame; sends the scenario's {@code can}
 * segments; obeys the current limits it reads from the BMS's frames; and reports the signals the scenario's CAN
 * expectations watch. Every frame can be kept as a candump log, in simulated time from the run's start.
 */
public final class CanScenarioBus implements ScenarioBus {
    static final long DEFAULT_REQUEST_PERIOD_NS = 100_000_000L;
    private static final AtomicLong OPENED = new AtomicLong();

    private final CanProfile profile;
    private final DbcDatabase database;
    private final RequestPlan plan;
    private final BmsCanNode node;
    private final CanBus bmsEnd;
    private final CanBus vehicleEnd;
    private final Listener listener;
    private final CandumpWriter log;
    private final CanFrame received = new CanFrame();
    // the vehicle's request, repeated while active
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
    private double dischargeLimitA;
    private double chargeLimitA;
    private long vehicleFrames;
    private long bmsFrames;

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

    /** Buses for a runner; {@code logFile} names each run's candump log, or gives null for none. */
    public static ScenarioBus.Factory factory(Function<Scenario, Path> logFile) {
        return (scenario, firmware, listener) -> new CanScenarioBus(scenario, firmware, listener,
                logFile.apply(scenario));
    }

    /**
     * @throws IllegalArgumentException when the scenario names an unknown profile, or a message, signal or request
     *                                  the profile does not have (with the scenario's file)
     */
    public CanScenarioBus(Scenario scenario, BmsFirmware firmware, Listener listener, Path logFile) {
        try {
            this.profile = CanProfile.byId(scenario.canProfile());
            this.database = profile.database();
            this.plan = profile.request();
            this.requestMessage = message(plan.message());
            this.stateSignal = signal(requestMessage, plan.stateSignal());
            this.flagSignals = plan.risingEdges().keySet().stream().map(flag -> signal(requestMessage, flag))
                    .toArray(DbcSignal[]::new);
            this.limitsMessage = message(profile.limits().message());
            this.dischargeSignal = signal(limitsMessage, profile.limits().dischargeSignal());
            this.chargeSignal = signal(limitsMessage, profile.limits().chargeSignal());
            check(scenario);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(scenario.source() + ": " + e.getMessage(), e);
        }
        this.requestData = new byte[requestMessage.length()];
        this.requestPeriodNs = requestMessage.cycleTimeMs() > 0 ? requestMessage.cycleTimeMs() * 1_000_000L
                : DEFAULT_REQUEST_PERIOD_NS;
        this.listener = listener;
        String bus = "virtual:scenario-" + OPENED.incrementAndGet();
        this.bmsEnd = CanBuses.open(bus);
        this.vehicleEnd = CanBuses.open(bus);
        this.node = new BmsCanNode(profile, firmware, bmsEnd);
        try {
            if (logFile != null && logFile.getParent() != null) {
                Files.createDirectories(logFile.getParent());
            }
            this.log = logFile == null ? null : new CandumpWriter(logFile);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot write the CAN log " + logFile + ": " + e.getMessage(), e);
        }
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

    // ---- the vehicle's side, from the scenario's world -----------------------------------------------------

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

    @Override
    public double dischargeLimitA() {
        return dischargeLimitA;
    }

    @Override
    public double chargeLimitA() {
        return chargeLimitA;
    }

    // ---- the bus, after each firmware tick -------------------------------------------------------------------

    @Override
    public void afterTick(long nowNs) {
        while (!once.isEmpty()) {
            vehicleSends(once.poll(), nowNs);
        }
        if (requesting && nowNs >= nextRequestNs) {
            vehicleSends(requestFrame.set(requestMessage.id(), requestMessage.extended(), requestData,
                    requestData.length), nowNs);
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
                vehicleSends(c.frame, nowNs);
                c.nextNs = (c.nextNs == Long.MIN_VALUE ? nowNs : c.nextNs) + c.periodNs;
            }
        }
        node.afterTick(nowNs);
        while (vehicleEnd.receive(received)) {
            bmsFrames++;
            if (log != null) {
                log.write(received, nowNs);
            }
            DbcMessage message = database.message(received.id(), received.extended());
            if (message == limitsMessage) {
                dischargeLimitA = DbcCodec.decode(dischargeSignal, received.data());
                chargeLimitA = DbcCodec.decode(chargeSignal, received.data());
            }
            DbcSignal[] signals = message == null ? null : watched.get(message);
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

    private void vehicleSends(CanFrame frame, long nowNs) {
        vehicleEnd.send(frame);
        vehicleFrames++;
        if (log != null) {
            log.write(frame, nowNs);
        }
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "CAN (%s profile): the vehicle sent %d frames, the BMS %d;"
                + " BMS side %s", profile.id(), vehicleFrames, bmsFrames, bmsEnd.counters());
    }

    @Override
    public void close() {
        bmsEnd.close();
        vehicleEnd.close();
        if (log != null) {
            log.close();
        }
    }
}
