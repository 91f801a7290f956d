package org.bmsbench.firmware.contactor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.FirmwareHarness;
import org.bmsbench.firmware.ScriptedPort;
import org.bmsbench.firmware.events.Event;
import org.bmsbench.firmware.events.EventLog;
import org.bmsbench.firmware.events.EventType;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.HardwarePort;
import org.bmsbench.port.Measurements;

/**
 * A firmware on a 1 ms simulated clock for the state-machine tests, recording what the coils and the contactor
 * feedback did at every tick: the order of coil commands, when each coil was energised or released and when each
 * contactor's feedback changed. An optional script runs before every tick (a load that flows only while both
 * main contactors are closed, cell readings that jitter like real ones under load).
 */
final class BmsStateMachineRig {
    static final long MS = FirmwareHarness.MS;
    private static final ContactorId[] ALL = {ContactorId.MAIN_POSITIVE, ContactorId.MAIN_NEGATIVE,
        ContactorId.PRECHARGE};

    final ScriptedPort port;
    final BmsFirmware firmware;
    private final LongConsumer tickOnce;
    long nowNs;
    /** Runs before each tick with the tick's time. */
    LongConsumer script = t -> { };

    /** Every distinct set of energised coils, in order, starting with the state before the first tick. */
    final List<Set<ContactorId>> coilSets = new ArrayList<>();
    final long[] energisedAtNs = new long[ContactorId.COUNT];
    final long[] releasedAtNs = new long[ContactorId.COUNT];
    final long[] feedbackClosedAtNs = new long[ContactorId.COUNT];
    final long[] feedbackOpenedAtNs = new long[ContactorId.COUNT];

    private BmsStateMachineRig(ScriptedPort port, BmsFirmware firmware, LongConsumer tickOnce) {
        this.port = port;
        this.firmware = firmware;
        this.tickOnce = tickOnce;
        Arrays.fill(energisedAtNs, -1);
        Arrays.fill(releasedAtNs, -1);
        Arrays.fill(feedbackClosedAtNs, -1);
        Arrays.fill(feedbackOpenedAtNs, -1);
        coilSets.add(coils());
    }

    /** The {@link FirmwareHarness} with the default configuration and its 12-channel {@link ScriptedPort}. */
    static BmsStateMachineRig defaults() {
        return of(FirmwareHarness.defaults());
    }

    /** A harness with {@code yaml} laid over the default configuration. */
    static BmsStateMachineRig withOverrides(String yaml) {
        return of(new FirmwareHarness(config(yaml), new ScriptedPort(12, 12, 3.7, 25.0)));
    }

    static BmsConfig config(String yaml) {
        return BmsConfigFiles.withOverrides(ConfigNode.parse("test.yaml", yaml));
    }

    static BmsStateMachineRig of(FirmwareHarness h) {
        return new BmsStateMachineRig(h.port, h.firmware, t -> {
            if (h.nowNs != t) {
                throw new IllegalStateException("harness clock " + h.nowNs + " != rig clock " + t);
            }
            h.runMs(1);
        });
    }

    /** A firmware on {@code hardware}, which takes its contactor timing from {@code timing}. */
    static BmsStateMachineRig direct(BmsConfig config, ScriptedPort timing, HardwarePort hardware) {
        BmsFirmware firmware = new BmsFirmware(config, hardware);
        return new BmsStateMachineRig(timing, firmware, t -> {
            timing.now(t);
            firmware.tick(t);
        });
    }

    BmsStateMachine machine() {
        return firmware.stateMachine();
    }

    ContactorSequenceConfig contactors() {
        return firmware.config().contactors();
    }

    long mainPeriodNs() {
        return firmware.config().tasks().mainPeriodNs();
    }

    void request(BmsRequest request) {
        firmware.request(request);
    }

    void runMs(long ms) {
        for (long k = 0; k < ms; k++) {
            long t = nowNs;
            script.accept(t);
            tickOnce.accept(t);
            nowNs += MS;
            sample(t);
        }
    }

    /** Runs until {@code done} holds after a tick; returns that tick's time, ns, or fails after {@code maxMs}. */
    long runUntil(BooleanSupplier done, long maxMs, String what) {
        for (long k = 0; k < maxMs; k++) {
            runMs(1);
            if (done.getAsBoolean()) {
                return nowNs - MS;
            }
        }
        throw new AssertionError("no " + what + " within " + maxMs + " ms; state " + firmware.state() + ", "
                + port + ", events " + events());
    }

    long runUntil(BmsState state, long maxMs) {
        return runUntil(() -> firmware.state() == state, maxMs, state.name());
    }

    /** NORMAL requested and reached. */
    long closeContactors() {
        request(BmsRequest.NORMAL);
        return runUntil(BmsState.NORMAL, 5_000);
    }

    private void sample(long t) {
        Set<ContactorId> now = coils();
        if (!now.equals(coilSets.get(coilSets.size() - 1))) {
            coilSets.add(now);
        }
        for (ContactorId id : ALL) {
            int i = id.ordinal();
            boolean energised = port.coil[i];
            if (energised && (energisedAtNs[i] < 0 || releasedAtNs[i] > energisedAtNs[i])) {
                energisedAtNs[i] = t;
            }
            if (!energised && energisedAtNs[i] >= 0 && releasedAtNs[i] < energisedAtNs[i]) {
                releasedAtNs[i] = t;
            }
            boolean closed = port.m.contactorClosed(id);
            if (closed && (feedbackClosedAtNs[i] < 0 || feedbackOpenedAtNs[i] > feedbackClosedAtNs[i])) {
                feedbackClosedAtNs[i] = t;
            }
            if (!closed && feedbackClosedAtNs[i] >= 0 && feedbackOpenedAtNs[i] < feedbackClosedAtNs[i]) {
                feedbackOpenedAtNs[i] = t;
            }
        }
    }

    Set<ContactorId> coils() {
        Set<ContactorId> set = EnumSet.noneOf(ContactorId.class);
        for (ContactorId id : ALL) {
            if (port.coil[id.ordinal()]) {
                set.add(id);
            }
        }
        return set;
    }

    /** The coil sets recorded since {@code fromIndex} (see {@link #coilSets}). */
    List<Set<ContactorId>> coilSetsFrom(int fromIndex) {
        return coilSets.subList(fromIndex, coilSets.size());
    }

    // ---- the event log ---------------------------------------------------------------------------------------

    /** An event copied out of the log. */
    record Logged(long timeNs, EventType type, int code, int level, double value) {
        long ms() {
            return timeNs / MS;
        }

        @Override
        public String toString() {
            String what = switch (type) {
                case STATE_CHANGED -> BmsState.of(code) + " from " + BmsState.of(level);
                case REQUEST -> BmsRequest.of(code).name();
                case FAULT_RAISED, FAULT_CLEARED -> org.bmsbench.firmware.diag.FaultId.of(code) + " "
                        + org.bmsbench.firmware.diag.FaultLevel.of(level);
                default -> code + "/" + level;
            };
            return ms() + " ms " + type + " " + what + (Double.isNaN(value) ? "" : " " + value);
        }
    }

    List<Logged> events() {
        EventLog log = firmware.events();
        Event e = new Event();
        List<Logged> out = new ArrayList<>();
        for (long s = log.oldest(); s < log.count(); s++) {
            if (log.read(s, e)) {
                out.add(new Logged(e.timeNs(), e.type(), e.code(), e.level(), e.value()));
            }
        }
        return out;
    }

    List<Logged> events(EventType type) {
        return events().stream().filter(e -> e.type() == type).toList();
    }

    /** The STATE_CHANGED events, as "PREVIOUS->NEXT" strings in order. */
    List<String> transitions() {
        return events(EventType.STATE_CHANGED).stream()
                .map(e -> BmsState.of(e.level()) + "->" + BmsState.of(e.code())).toList();
    }

    /** The time of the last entry into {@code state}, ns; -1 if never. */
    long enteredNs(BmsState state) {
        long at = -1;
        for (Logged e : events(EventType.STATE_CHANGED)) {
            if (e.code() == state.ordinal()) {
                at = e.timeNs();
            }
        }
        return at;
    }

    // ---- a contactor welded behind a feedback that says open -------------------------------------------------

    /**
     * A {@link ScriptedPort} with one contactor whose main contacts are welded while its auxiliary contact
     * still follows the coil (a contactor without a mirror contact, or one whose auxiliary contact broke): the
     * feedback cannot see the weld, only the link voltage can. The link follows the contacts that really
     * conduct: the pack voltage with both main paths, a linear precharge over the port's precharge time through
     * the negative contactor and the precharge relay, and it holds its charge otherwise.
     */
    static final class HiddenWeldPort implements HardwarePort {
        final ScriptedPort inner;
        final ContactorId welded;
        private long prechargeStartNs = -1;
        private double linkV;

        HiddenWeldPort(ScriptedPort inner, ContactorId welded) {
            this.inner = inner;
            this.welded = welded;
        }

        private boolean conducts(Measurements into, ContactorId id) {
            return id == welded || into.contactorClosed(id);
        }

        @Override
        public void read(long nowNs, Measurements into) {
            inner.read(nowNs, into);
            double pack = into.packVoltageV();
            boolean negative = conducts(into, ContactorId.MAIN_NEGATIVE);
            if (negative && conducts(into, ContactorId.MAIN_POSITIVE)) {
                linkV = pack;
                prechargeStartNs = -1;
            } else if (negative && conducts(into, ContactorId.PRECHARGE)) {
                if (prechargeStartNs < 0) {
                    prechargeStartNs = nowNs;
                }
                linkV = Math.min(pack, pack * (nowNs - prechargeStartNs) / (double) inner.prechargeTimeNs);
            } else {
                prechargeStartNs = -1;
            }
            into.setLinkVoltageV(linkV);
        }

        @Override
        public int cellChannelCount() {
            return inner.cellChannelCount();
        }

        @Override
        public int temperatureSensorCount() {
            return inner.temperatureSensorCount();
        }

        @Override
        public int boardCount() {
            return inner.boardCount();
        }

        @Override
        public void commandBalancing(long nowNs, boolean[] on, boolean dischargeDuringConversion) {
            inner.commandBalancing(nowNs, on, dischargeDuringConversion);
        }

        @Override
        public void commandContactor(ContactorId id, boolean energise) {
            inner.commandContactor(id, energise);
        }

        @Override
        public boolean openWireConversion(long nowNs, boolean pullUp, double[] out) {
            return inner.openWireConversion(nowNs, pullUp, out);
        }
    }
}
