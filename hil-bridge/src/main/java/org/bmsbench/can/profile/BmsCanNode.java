package org.bmsbench.can.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.dbc.DbcCodec;
import org.bmsbench.can.dbc.DbcDatabase;
import org.bmsbench.can.dbc.DbcMessage;
import org.bmsbench.can.dbc.DbcSignal;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.scenario.CoSimulation;

/**
 * The BMS on a CAN bus: after each firmware tick it takes the vehicle's frames (each request frame tells the
 * firmware the vehicle is there; a changed state or a raised reset flag becomes a request) and sends each of the
 * profile's messages when its cycle time is up, a multiplexed one frame at a time, its multiplexer values in
 * turn. The messages are staggered a fast period apart, as an ECU spreads its schedule: no tick sends them all, and
 * the first tick of each period (where every firmware task runs) sends none while there are fewer messages than
 * fast periods in a cycle. Everything is worked out when the node is built (which signal carries which reading, for every
 * multiplexer value of this pack), so the tick only encodes and allocates nothing.
 */
public final class BmsCanNode implements CoSimulation.TickObserver {
    /** Requests waiting for the firmware's one-slot mailbox, one taken per tick. */
    private static final int PENDING_CAPACITY = 8;

    private final BmsFirmware firmware;
    private final CanBus bus;
    private final DbcDatabase database;
    private final Outgoing[] outgoing;
    private final Incoming request;
    private final CanFrame received = new CanFrame();
    private final CanFrame sent = new CanFrame();
    private final BmsRequest[] pending = new BmsRequest[PENDING_CAPACITY];
    private int pendingHead;
    private int pendingCount;
    private boolean started;

    public BmsCanNode(CanProfile profile, BmsFirmware firmware, CanBus bus) {
        this.firmware = firmware;
        this.bus = bus;
        this.database = profile.database();
        List<MessagePlan> plans = profile.messages();
        this.outgoing = new Outgoing[plans.size()];
        for (int i = 0; i < outgoing.length; i++) {
            outgoing[i] = new Outgoing(message(plans.get(i).message()), plans.get(i), firmware);
        }
        this.request = new Incoming(message(profile.request().message()), profile.request());
    }

    private DbcMessage message(String name) {
        return database.message(name).orElseThrow(() -> new IllegalArgumentException(
                "the profile's DBC " + database.source() + " has no message " + name));
    }

    /** After the firmware's tick at {@code nowNs}: the vehicle's frames in, then the messages due out. */
    @Override
    public void afterTick(long nowNs) {
        receive();
        if (pendingCount > 0) {
            firmware.request(pending[pendingHead]);
            pendingHead = (pendingHead + 1) % PENDING_CAPACITY;
            pendingCount--;
        }
        if (!started) { // each message in its own tick, none in the first (every task's): no burst on the bus
            started = true;
            long spacingNs = firmware.config().tasks().fastPeriodNs();
            for (int i = 0; i < outgoing.length; i++) {
                outgoing[i].nextDueNs = nowNs + ((i + 1) * spacingNs) % outgoing[i].periodNs;
            }
        }
        for (Outgoing message : outgoing) {
            if (nowNs >= message.nextDueNs) {
                message.send(firmware, bus, sent);
                // the next cycle; after a stall of more than a cycle, one cycle from now: never a burst
                long next = message.nextDueNs + message.periodNs;
                message.nextDueNs = next > nowNs ? next : nowNs + message.periodNs;
            }
        }
    }

    private void receive() {
        while (bus.receive(received)) {
            DbcMessage message = database.message(received.id(), received.extended());
            if (message == null) {
                bus.counters().countUnknownId();
            } else if (message == request.message) {
                if (received.remote() || received.length() < message.length()) {
                    bus.counters().countMalformed();
                } else {
                    firmware.vehicleHeard();
                    request.take(received.data(), this);
                }
            }
        }
    }

    private void queue(BmsRequest value) {
        if (pendingCount == PENDING_CAPACITY) { // a flood of changes: the oldest gives way to the latest
            pendingHead = (pendingHead + 1) % PENDING_CAPACITY;
            pendingCount--;
        }
        pending[(pendingHead + pendingCount) % PENDING_CAPACITY] = value;
        pendingCount++;
    }

    /** The vehicle's request message: its state signal's last value and its flags' last values. */
    private static final class Incoming {
        final DbcMessage message;
        final RequestPlan plan;
        final DbcSignal state;
        final DbcSignal[] flags;
        final BmsRequest[] flagRequests;
        final long[] lastFlags;
        long lastState = -1;

        Incoming(DbcMessage message, RequestPlan plan) {
            this.message = message;
            this.plan = plan;
            this.state = signal(message, plan.stateSignal());
            this.flags = new DbcSignal[plan.risingEdges().size()];
            this.flagRequests = new BmsRequest[flags.length];
            this.lastFlags = new long[flags.length];
            int i = 0;
            for (Map.Entry<String, BmsRequest> edge : plan.risingEdges().entrySet()) {
                flags[i] = signal(message, edge.getKey());
                flagRequests[i++] = edge.getValue();
            }
        }

        void take(byte[] data, BmsCanNode node) {
            long value = DbcCodec.decodeRaw(state, data);
            if (value != lastState) {
                lastState = value;
                BmsRequest wanted = plan.stateOf().apply(value);
                if (wanted != null) {
                    node.queue(wanted);
                }
                if (wanted == BmsRequest.STANDBY && plan.standbyResets()) {
                    node.queue(BmsRequest.RESET_FAULTS);
                }
            }
            for (int i = 0; i < flags.length; i++) {
                long flag = DbcCodec.decodeRaw(flags[i], data);
                if (flag != 0 && lastFlags[i] == 0) {
                    node.queue(flagRequests[i]);
                }
                lastFlags[i] = flag;
            }
        }
    }

    /** One outgoing message: its frames (one per multiplexer value of a round) with their signals bound. */
    private static final class Outgoing {
        final DbcMessage message;
        final long periodNs;
        final DbcSignal[] multiplexers;
        final Frame[] frames;
        final byte[] scratch;
        long nextDueNs;
        int nextFrame;
        long count;

        Outgoing(DbcMessage message, MessagePlan plan, BmsFirmware firmware) {
            this.message = message;
            this.multiplexers = message.signals().stream()
                    .filter(s -> s.isMultiplexer() && s.selectedBy() == null).toArray(DbcSignal[]::new);
            if (plan.items() != null && multiplexers.length != 1) {
                throw new IllegalArgumentException("message " + message.name() + " is sent multiplexed but has "
                        + multiplexers.length + " top-level multiplexers, expected 1");
            }
            this.scratch = new byte[message.length()];
            this.frames = new Frame[plan.frames(firmware)];
            int items = plan.itemCount(firmware);
            for (int m = 0; m < frames.length; m++) {
                frames[m] = new Frame(m, plan, items);
            }
            if (message.cycleTimeMs() <= 0) {
                throw new IllegalArgumentException("message " + message.name() + " has no GenMsgCycleTime");
            }
            long cycleNs = message.cycleTimeMs() * 1_000_000L;
            this.periodNs = plan.perRound() ? cycleNs / declaredMultiplexerValues() : cycleNs;
        }

        /** How many multiplexer values select signals in the DBC: a round of the message as its file sees it. */
        private int declaredMultiplexerValues() {
            DbcSignal multiplexer = multiplexers[0];
            DbcSignal[] present = new DbcSignal[message.signals().size()];
            int values = 0;
            long limit = Math.min(1L << multiplexer.bitLength(), 1L << 16);
            for (long value = 0; value < limit; value++) {
                Arrays.fill(scratch, (byte) 0);
                DbcCodec.encodeRaw(multiplexer, value, scratch);
                if (DbcCodec.presentSignals(message, scratch, scratch.length, present) > multiplexers.length) {
                    values++;
                }
            }
            return Math.max(1, values);
        }

        void send(BmsFirmware firmware, CanBus bus, CanFrame frame) {
            Frame f = frames[nextFrame];
            nextFrame = (nextFrame + 1) % frames.length;
            byte[] data = frame.data();
            Arrays.fill(data, 0, message.length(), (byte) 0);
            if (multiplexers.length > 0) {
                DbcCodec.encodeRaw(multiplexers[0], f.multiplexerValue, data);
            }
            for (int i = 0; i < f.signals.length; i++) {
                SignalBinding binding = f.bindings[i];
                if (binding.kind() == SignalBinding.Kind.ALIVE_COUNTER) {
                    DbcCodec.encodeRaw(f.signals[i], count & ((1L << f.signals[i].bitLength()) - 1), data);
                } else {
                    DbcCodec.encode(f.signals[i], binding.reading().read(firmware, binding.index()), data);
                }
            }
            count++;
            bus.send(frame.set(message.id(), message.extended(), data, message.length()));
        }

        /** The signals a frame with multiplexer value {@code m} carries, and what fills each. */
        private final class Frame {
            final int multiplexerValue;
            final DbcSignal[] signals;
            final SignalBinding[] bindings;

            Frame(int m, MessagePlan plan, int items) {
                this.multiplexerValue = m;
                Arrays.fill(scratch, (byte) 0);
                if (multiplexers.length > 0) {
                    DbcCodec.encodeRaw(multiplexers[0], m, scratch);
                }
                DbcSignal[] present = new DbcSignal[message.signals().size()];
                int n = DbcCodec.presentSignals(message, scratch, scratch.length, present);
                List<DbcSignal> bound = new ArrayList<>();
                List<SignalBinding> bindingsFound = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (present[i].isMultiplexer()) {
                        continue;
                    }
                    SignalBinding binding = plan.rule().bind(present[i].name(), m);
                    if (binding != null && !(binding.kind() == SignalBinding.Kind.ITEM && binding.index() >= items)) {
                        bound.add(present[i]);
                        bindingsFound.add(binding);
                    }
                }
                this.signals = bound.toArray(new DbcSignal[0]);
                this.bindings = bindingsFound.toArray(new SignalBinding[0]);
            }
        }
    }

    private static DbcSignal signal(DbcMessage message, String name) {
        return message.signal(name).orElseThrow(() -> new IllegalArgumentException(
                "message " + message.name() + " has no signal " + name));
    }
}
