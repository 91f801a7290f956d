package org.bmsbench.firmware.contactor;

import org.bmsbench.firmware.Acquisition;
import org.bmsbench.firmware.diag.Diagnosis;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.events.EventLog;
import org.bmsbench.firmware.events.EventType;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.HardwarePort;

/**
 * The BMS state machine and contactor sequencing, after foxBMS: a state, a step within it and a timer, with
 * requests taken from a one-slot mailbox once per tick.
 *
 * <ul>
 *   <li>STANDBY: coils released. A NORMAL request (once no fault demands open contactors and the re-close
 *       lockout has passed) starts a precharge.</li>
 *   <li>PRECHARGE: two weld checks with the link voltage (the precharge relay alone, then the negative
 *       contactor alone: a link that rises reveals a welded negative or positive contactor), then the negative
 *       contactor and the precharge relay until the link is within the margin (or fraction) of the pack voltage
 *       with the current low; a timed-out attempt is retried after a pause, and after the last attempt the
 *       precharge is locked out (PRECHARGE_FAILED, latched). Then the positive contactor closes and the
 *       precharge relay opens.</li>
 *   <li>NORMAL: both main contactors closed. A STANDBY request opens them.</li>
 *   <li>OPENING: waits (up to a timeout) for the current to fall below the contactors' break rating, then opens
 *       the positive contactor and, once it has opened, the negative; an opening under load is recorded.</li>
 *   <li>ERROR: entered (through OPENING when contactors are closed) when a fault demands open contactors.
 *       Leaving needs a reset request (a service reset for latched faults) that arrives when every such fault
 *       is gone; a reset that arrives too early is refused and logged, not kept for later. It leads to
 *       STANDBY, never back to NORMAL by itself, and the contactors may not re-close for the lockout time.</li>
 * </ul>
 * Feedback is checked continuously: a contactor that does not close when commanded is a feedback mismatch; one
 * that does not open, or current that flows with every contactor reported open, is a weld.
 *
 * <p>Control-loop thread only (except {@link #mailbox()}); nothing allocates after construction.
 */
public final class BmsStateMachine {
    private enum Step { CHECK_NEGATIVE_WELD, CHECK_POSITIVE_WELD, CHARGE_LINK, CLOSE_POSITIVE, RETRY_PAUSE,
        WAIT_FOR_CURRENT, OPEN_NEGATIVE, NONE }

    /** Current below which an opening is not worth recording as "under load", A. */
    private static final double NEGLIGIBLE_CURRENT_A = 1.0;

    private final ContactorSequenceConfig config;
    private final HardwarePort port;
    private final Diagnosis diagnosis;
    private final EventLog events;
    private final RequestMailbox mailbox = new RequestMailbox();

    private final boolean[] commanded = new boolean[ContactorId.COUNT];
    private final long[] disagreeingSinceNs = new long[ContactorId.COUNT];

    private BmsState state = BmsState.STANDBY;
    private BmsState afterOpening = BmsState.STANDBY;
    private BmsRequest target = BmsRequest.STANDBY;
    private boolean resetRequested;
    private Step step = Step.NONE;
    private long stepStartedNs;
    private double linkAtStepStartV;
    private int attempt;
    private long recloseAllowedAtNs = Long.MIN_VALUE;
    private boolean weldFound;
    private boolean prechargeLockedOut;
    private long currentWithContactorsOpenSinceNs = -1;
    private int openingsUnderLoad;

    public BmsStateMachine(ContactorSequenceConfig config, HardwarePort port, Diagnosis diagnosis, EventLog events) {
        this.config = config;
        this.port = port;
        this.diagnosis = diagnosis;
        this.events = events;
        for (int i = 0; i < ContactorId.COUNT; i++) {
            disagreeingSinceNs[i] = -1;
            port.commandContactor(ContactorId.of(i), false);
        }
    }

    /** Where requests are left (from any thread). */
    public RequestMailbox mailbox() {
        return mailbox;
    }

    /** One main-task tick. */
    public void tick(long nowNs, Acquisition data) {
        BmsRequest request = mailbox.take();
        if (request != null) {
            accept(request, nowNs);
        }
        checkContactors(nowNs, data);
        diagnosis.sampleCondition(FaultId.PRECHARGE_FAILED, prechargeLockedOut, nowNs);
        if (request == BmsRequest.SERVICE_RESET) {
            diagnosis.serviceReset(nowNs);
        }
        boolean fatal = diagnosis.openContactors();
        switch (state) {
            case STANDBY:
                standby(nowNs, fatal, data);
                break;
            case PRECHARGE:
                if (fatal || target == BmsRequest.STANDBY) {
                    startOpening(nowNs, fatal ? BmsState.ERROR : BmsState.STANDBY);
                } else {
                    precharge(nowNs, data);
                }
                break;
            case NORMAL:
                if (fatal || target == BmsRequest.STANDBY) {
                    startOpening(nowNs, fatal ? BmsState.ERROR : BmsState.STANDBY);
                }
                break;
            case OPENING:
                if (fatal) {
                    afterOpening = BmsState.ERROR;
                }
                opening(nowNs, data);
                break;
            default:
                error(nowNs);
        }
        resetRequested = false; // a reset is judged on the tick it arrives, never kept for later
    }

    private void accept(BmsRequest request, long nowNs) {
        events.append(nowNs, EventType.REQUEST, request.ordinal(), -1, Double.NaN);
        switch (request) {
            case STANDBY:
            case NORMAL:
                target = request;
                break;
            case SERVICE_RESET:
                weldFound = false;
                prechargeLockedOut = false;
                resetRequested = true;
                break;
            default:
                resetRequested = true;
        }
    }

    private void standby(long nowNs, boolean fatal, Acquisition data) {
        if (fatal) {
            enter(BmsState.ERROR, nowNs);
            return;
        }
        if (target == BmsRequest.NORMAL && nowNs >= recloseAllowedAtNs) {
            attempt = 0;
            enter(BmsState.PRECHARGE, nowNs);
            startAttempt(nowNs, true, data.linkVoltageV());
        }
    }

    /** {@code linkV}: the link voltage at the moment of the command, the weld checks' reference. */
    private void startAttempt(long nowNs, boolean checkWelds, double linkV) {
        attempt++;
        if (checkWelds) {
            command(ContactorId.PRECHARGE, true, nowNs); // main - open: the link must not move
            beginStep(Step.CHECK_NEGATIVE_WELD, nowNs, linkV);
        } else {
            command(ContactorId.MAIN_NEGATIVE, true, nowNs);
            command(ContactorId.PRECHARGE, true, nowNs);
            beginStep(Step.CHARGE_LINK, nowNs, linkV);
        }
    }

    /** {@code linkV}: the link voltage when the step's commands went out (NaN where no step needs it). */
    private void beginStep(Step next, long nowNs, double linkV) {
        step = next;
        stepStartedNs = nowNs;
        linkAtStepStartV = linkV;
    }

    private void precharge(long nowNs, Acquisition data) {
        long inStep = nowNs - stepStartedNs;
        double packV = data.packVoltageV();
        double linkV = data.linkVoltageV();
        switch (step) {
            case CHECK_NEGATIVE_WELD:
                if (inStep >= config.feedbackTimeoutNs() + config.weldCheckNs()) {
                    if (linkRose(packV, linkV)) {
                        weldFound = true; // current flowed with main - open
                        return;
                    }
                    command(ContactorId.PRECHARGE, false, nowNs);
                    command(ContactorId.MAIN_NEGATIVE, true, nowNs); // main + open: the link must not move
                    beginStep(Step.CHECK_POSITIVE_WELD, nowNs, linkV);
                }
                break;
            case CHECK_POSITIVE_WELD:
                if (inStep >= config.feedbackTimeoutNs() + config.weldCheckNs()) {
                    if (linkRose(packV, linkV)) {
                        weldFound = true; // current flowed with main + and the precharge relay open
                        return;
                    }
                    command(ContactorId.PRECHARGE, true, nowNs);
                    beginStep(Step.CHARGE_LINK, nowNs, linkV);
                }
                break;
            case CHARGE_LINK:
                double current = data.packCurrentA();
                boolean charged = Math.abs(packV - linkV) <= config.prechargeMarginV()
                        || linkV >= config.prechargeFraction() * packV;
                if (charged && Math.abs(current) <= config.prechargeMaxCurrentA()) {
                    command(ContactorId.MAIN_POSITIVE, true, nowNs);
                    beginStep(Step.CLOSE_POSITIVE, nowNs, linkV);
                } else if (inStep >= config.prechargeTimeoutNs()) {
                    events.append(nowNs, EventType.PRECHARGE_ATTEMPT_FAILED, attempt, -1, linkV);
                    releaseAll(nowNs);
                    if (attempt >= config.prechargeAttempts()) {
                        prechargeLockedOut = true; // the latched fault takes the BMS to ERROR
                        step = Step.NONE;
                    } else {
                        beginStep(Step.RETRY_PAUSE, nowNs, linkV);
                    }
                }
                break;
            case RETRY_PAUSE:
                if (inStep >= config.prechargeRetryPauseNs()) {
                    startAttempt(nowNs, false, linkV);
                }
                break;
            case CLOSE_POSITIVE:
                if (data.contactorSeenClosed(ContactorId.MAIN_POSITIVE)) {
                    command(ContactorId.PRECHARGE, false, nowNs);
                    step = Step.NONE;
                    enter(BmsState.NORMAL, nowNs);
                }
                break;
            default:
                break;
        }
    }

    /** During a weld check: did the link voltage move a good part of the way to the pack voltage? */
    private boolean linkRose(double packV, double linkV) {
        double gap = packV - linkAtStepStartV;
        if (!(gap > 0.2 * packV)) {
            return false; // the link is already charged: the check cannot tell
        }
        return linkV - linkAtStepStartV > config.weldRiseFraction() * gap;
    }

    private void startOpening(long nowNs, BmsState then) {
        afterOpening = then;
        enter(BmsState.OPENING, nowNs);
        beginStep(Step.WAIT_FOR_CURRENT, nowNs, Double.NaN);
    }

    private void opening(long nowNs, Acquisition data) {
        double current = data.packCurrentA();
        if (step == Step.WAIT_FOR_CURRENT) {
            boolean safe = !(Math.abs(current) > config.breakCurrentA()); // an unknown current does not wait
            if (safe || nowNs - stepStartedNs >= config.openingTimeoutNs()) {
                if (Math.abs(current) > NEGLIGIBLE_CURRENT_A) {
                    openingsUnderLoad++;
                    events.append(nowNs, EventType.OPENED_UNDER_LOAD, -1, -1, current);
                }
                command(ContactorId.MAIN_POSITIVE, false, nowNs);
                command(ContactorId.PRECHARGE, false, nowNs);
                beginStep(Step.OPEN_NEGATIVE, nowNs, Double.NaN);
            }
        } else if (step == Step.OPEN_NEGATIVE) {
            if (data.contactorSeenOpen(ContactorId.MAIN_POSITIVE)
                    || nowNs - stepStartedNs >= config.feedbackTimeoutNs()) {
                command(ContactorId.MAIN_NEGATIVE, false, nowNs);
                step = Step.NONE;
                if (afterOpening == BmsState.ERROR) {
                    recloseAllowedAtNs = nowNs + config.recloseLockoutNs();
                }
                enter(afterOpening, nowNs);
            }
        }
    }

    private void error(long nowNs) {
        if (!resetRequested) {
            return;
        }
        if (diagnosis.anyContactorOpeningFaultRaised()) {
            events.append(nowNs, EventType.REQUEST_REFUSED, BmsRequest.RESET_FAULTS.ordinal(), -1, Double.NaN);
        } else {
            enter(BmsState.STANDBY, nowNs);
        }
    }

    private void enter(BmsState next, long nowNs) {
        if (next == state) {
            return;
        }
        events.append(nowNs, EventType.STATE_CHANGED, next.ordinal(), state.ordinal(), Double.NaN);
        if (next == BmsState.ERROR) {
            target = BmsRequest.STANDBY; // no automatic re-close: the vehicle must ask again
            releaseAll(nowNs);
        }
        if (next == BmsState.STANDBY) {
            releaseAll(nowNs);
        }
        state = next;
    }

    private void releaseAll(long nowNs) {
        for (int i = 0; i < ContactorId.COUNT; i++) {
            command(ContactorId.of(i), false, nowNs);
        }
    }

    private void command(ContactorId id, boolean close, long nowNs) {
        if (commanded[id.ordinal()] != close) {
            commanded[id.ordinal()] = close;
            disagreeingSinceNs[id.ordinal()] = -1;
        }
        port.commandContactor(id, close);
    }

    /**
     * Compares every contactor's feedback with its command, and the current with the contactors' state. Stale
     * feedback is no evidence: a disagreement is timed only over fresh reports, from the first fresh one that
     * shows it (after a link outage, the last report's "closed" is what the contactors did before it).
     */
    private void checkContactors(long nowNs, Acquisition data) {
        boolean failedToClose = false;
        boolean stuckClosed = false;
        boolean allOpen = true;
        boolean fresh = data.contactorFeedbackFresh();
        for (int i = 0; i < ContactorId.COUNT; i++) {
            ContactorId id = ContactorId.of(i);
            boolean closed = data.contactorClosed(id);
            allOpen &= !commanded[i] && !closed;
            if (!fresh || closed == commanded[i]) {
                disagreeingSinceNs[i] = -1;
                continue;
            }
            if (disagreeingSinceNs[i] < 0) {
                disagreeingSinceNs[i] = nowNs;
            }
            if (nowNs - disagreeingSinceNs[i] >= config.feedbackTimeoutNs()) {
                if (commanded[i]) {
                    failedToClose = true;
                } else {
                    stuckClosed = true;
                }
            }
        }
        double current = data.packCurrentA();
        if (allOpen && Math.abs(current) > config.weldedCurrentA()) {
            if (currentWithContactorsOpenSinceNs < 0) {
                currentWithContactorsOpenSinceNs = nowNs;
            }
        } else {
            currentWithContactorsOpenSinceNs = -1;
        }
        boolean currentFlowsOpen = currentWithContactorsOpenSinceNs >= 0
                && nowNs - currentWithContactorsOpenSinceNs >= config.feedbackTimeoutNs();
        diagnosis.sampleCondition(FaultId.CONTACTOR_FEEDBACK_MISMATCH, failedToClose, nowNs);
        diagnosis.sampleCondition(FaultId.CONTACTOR_WELDED, weldFound || stuckClosed || currentFlowsOpen, nowNs);
    }

    /**
     * Why {@code request}, arriving now, would be refused, or null when it would be taken: a fault reset in ERROR
     * while a fault still demands open contactors. Control-loop thread (it reads the state and the diagnosis);
     * builds a string, so not for the tick.
     */
    public String refusal(BmsRequest request) {
        if (request == BmsRequest.RESET_FAULTS && state == BmsState.ERROR && diagnosis.anyContactorOpeningFaultRaised()) {
            return "reset refused: " + diagnosis.contactorOpeningFaults() + " still raised";
        }
        return null;
    }

    public BmsState state() {
        return state;
    }

    /** The state the vehicle last asked for: STANDBY or NORMAL. */
    public BmsRequest target() {
        return target;
    }

    /** True when the contactor is commanded closed. */
    public boolean commanded(ContactorId id) {
        return commanded[id.ordinal()];
    }

    /** Precharge attempts in the current (or last) closing. */
    public int prechargeAttempts() {
        return attempt;
    }

    /** Times the contactors opened with more than a negligible current. */
    public int openingsUnderLoad() {
        return openingsUnderLoad;
    }

    /** True while the contactors may carry power: the vehicle may draw up to the limits. */
    public boolean powerAvailable() {
        return state == BmsState.NORMAL;
    }
}
