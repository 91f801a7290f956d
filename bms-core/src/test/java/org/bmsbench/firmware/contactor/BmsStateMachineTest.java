package org.bmsbench.firmware.contactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bmsbench.port.ContactorId.MAIN_NEGATIVE;
import static org.bmsbench.port.ContactorId.MAIN_POSITIVE;
import static org.bmsbench.port.ContactorId.PRECHARGE;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.firmware.ScriptedPort;
import org.bmsbench.firmware.contactor.BmsStateMachineRig.HiddenWeldPort;
import org.bmsbench.firmware.contactor.BmsStateMachineRig.Logged;
import org.bmsbench.firmware.diag.Diagnosis;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.firmware.diag.TierRule;
import org.bmsbench.firmware.events.EventType;
import org.bmsbench.port.ContactorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The BMS state machine and contactor sequencing, run inside the firmware against a {@link ScriptedPort} on a
 * 1 ms clock (main task every 10 ms). Expected times are derived from the configuration and the port's timing
 * (contactors follow their coils after 20 ms, the link charges linearly over 300 ms); the tolerance is one main
 * period, the granularity at which the state machine sees anything.
 */
class BmsStateMachineTest {
    private static final long MS = BmsStateMachineRig.MS;
    private static final Set<ContactorId> NONE = EnumSet.noneOf(ContactorId.class);
    /** 12s40p: 300 A is 7.5 A per cell, no over-current, but above the contactors' 250 A break rating. */
    private static final String PARALLEL_PACK = "pack: {parallel: 40, cells_per_temperature_sensor: 40}";

    // ---- 1. precharge ----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "overrides {0}")
    @ValueSource(strings = {"{}", "contactors: {feedback_timeout_ms: 60, weld_check_ms: 150}"})
    void shouldCheckForWeldsPrechargeAndCloseInOrder(String overrides) {
        BmsStateMachineRig rig = BmsStateMachineRig.withOverrides(overrides);
        ContactorSequenceConfig c = rig.contactors();
        long main = rig.mainPeriodNs();
        long checkNs = c.feedbackTimeoutNs() + c.weldCheckNs();

        long normalNs = rig.closeContactors();

        // weld checks: the precharge relay alone, then the negative alone; then precharge, then the positive
        assertThat(rig.coilSets).containsExactly(NONE, EnumSet.of(PRECHARGE), EnumSet.of(MAIN_NEGATIVE),
                EnumSet.of(MAIN_NEGATIVE, PRECHARGE), EnumSet.of(MAIN_POSITIVE, MAIN_NEGATIVE, PRECHARGE),
                EnumSet.of(MAIN_POSITIVE, MAIN_NEGATIVE));
        assertThat(rig.energisedAtNs[MAIN_NEGATIVE.ordinal()]).isCloseTo(checkNs, within(main));
        assertThat(rig.energisedAtNs[PRECHARGE.ordinal()]).isCloseTo(2 * checkNs, within(main));

        // the link reaches 95 % of the pack (44.4 V: before the 1 V margin) after that share of the precharge time
        double packV = rig.port.m.packVoltageV();
        double share = Math.min(c.prechargeFraction(), 1 - c.prechargeMarginV() / packV);
        long chargeNs = (long) Math.ceil(share * rig.port.prechargeTimeNs);
        long contactorNs = rig.port.contactorTimeNs;
        long expectedNs = 2 * checkNs + contactorNs + chargeNs + contactorNs; // 725 ms with the defaults
        assertThat(normalNs).isBetween(expectedNs, expectedNs + main);
        assertThat(rig.energisedAtNs[MAIN_POSITIVE.ordinal()]).isBetween(expectedNs - contactorNs,
                expectedNs - contactorNs + main);
        assertThat(rig.releasedAtNs[PRECHARGE.ordinal()]).isEqualTo(normalNs);

        rig.runMs(100);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.NORMAL);
        assertThat(rig.machine().powerAvailable()).isTrue();
        assertThat(rig.machine().prechargeAttempts()).isEqualTo(1);
        assertThat(rig.port.m.contactorClosed(MAIN_POSITIVE)).isTrue();
        assertThat(rig.port.m.contactorClosed(MAIN_NEGATIVE)).isTrue();
        assertThat(rig.port.m.contactorClosed(PRECHARGE)).isFalse();

        List<Logged> requests = rig.events(EventType.REQUEST);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).code()).isEqualTo(BmsRequest.NORMAL.ordinal());
        assertThat(requests.get(0).timeNs()).isZero();
        assertThat(rig.transitions()).containsExactly("STANDBY->PRECHARGE", "PRECHARGE->NORMAL");
        assertThat(rig.enteredNs(BmsState.PRECHARGE)).isZero();
        assertThat(rig.enteredNs(BmsState.NORMAL)).isEqualTo(normalNs);
        assertThat(rig.events(EventType.FAULT_RAISED)).isEmpty();
        assertThat(rig.events(EventType.PRECHARGE_ATTEMPT_FAILED)).isEmpty();
    }

    // ---- 2. precharge timeout, retries and lockout ------------------------------------------------------------

    @Test
    void shouldRetryATimedOutPrechargeAndLockOutAfterTheLastAttempt() {
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        ContactorSequenceConfig c = rig.contactors();
        Diagnosis diagnosis = rig.firmware.diagnosis();
        long main = rig.mainPeriodNs();
        rig.port.prechargeStuck = true; // the link never rises: a broken precharge resistor

        rig.request(BmsRequest.NORMAL);
        long errorNs = rig.runUntil(BmsState.ERROR, 15_000);

        List<Logged> failed = rig.events(EventType.PRECHARGE_ATTEMPT_FAILED);
        assertThat(failed).extracting(Logged::code).containsExactly(1, 2, 3);
        assertThat(failed).extracting(Logged::value).containsOnly(0.0); // the link voltage reached
        long firstChargeNs = 2 * (c.feedbackTimeoutNs() + c.weldCheckNs());
        assertThat(failed.get(0).timeNs()).isCloseTo(firstChargeNs + c.prechargeTimeoutNs(), within(main));
        for (int k = 1; k < failed.size(); k++) {
            assertThat(failed.get(k).timeNs() - failed.get(k - 1).timeNs())
                    .isCloseTo(c.prechargeRetryPauseNs() + c.prechargeTimeoutNs(), within(main));
        }
        // weld checks only before the first attempt; every attempt releases the coils; the positive never closes
        assertThat(rig.coilSets).containsExactly(NONE, EnumSet.of(PRECHARGE), EnumSet.of(MAIN_NEGATIVE),
                EnumSet.of(MAIN_NEGATIVE, PRECHARGE), NONE, EnumSet.of(MAIN_NEGATIVE, PRECHARGE), NONE,
                EnumSet.of(MAIN_NEGATIVE, PRECHARGE), NONE);

        List<Logged> raised = rig.events(EventType.FAULT_RAISED);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).code()).isEqualTo(FaultId.PRECHARGE_FAILED.ordinal());
        assertThat(raised.get(0).level()).isEqualTo(FaultLevel.FATAL.ordinal());
        assertThat(raised.get(0).timeNs()).isBetween(failed.get(2).timeNs(), failed.get(2).timeNs() + main);
        assertThat(errorNs - failed.get(2).timeNs()).isLessThanOrEqualTo(4 * main);
        assertThat(rig.transitions()).containsExactly("STANDBY->PRECHARGE", "PRECHARGE->OPENING", "OPENING->ERROR");

        // locked out: no further attempt, however long it waits
        rig.runMs(20_000);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.ERROR);
        assertThat(rig.events(EventType.PRECHARGE_ATTEMPT_FAILED)).hasSize(3);
        assertThat(rig.machine().prechargeAttempts()).isEqualTo(3);
        assertThat(rig.coils()).isEmpty();

        // latched: a fault reset does not clear it ...
        rig.request(BmsRequest.RESET_FAULTS);
        rig.runMs(500);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.ERROR);
        assertThat(diagnosis.isRaised(FaultId.PRECHARGE_FAILED, FaultLevel.FATAL)).isTrue();

        // ... a service reset does, to STANDBY and not back to NORMAL
        long serviceNs = rig.nowNs;
        rig.request(BmsRequest.SERVICE_RESET);
        long standbyNs = rig.runUntil(BmsState.STANDBY, 100);
        assertThat(standbyNs - serviceNs).isLessThanOrEqualTo(main);
        assertThat(diagnosis.isRaised(FaultId.PRECHARGE_FAILED, FaultLevel.FATAL)).isFalse();
        assertThat(rig.events(EventType.FAULT_CLEARED)).extracting(Logged::code)
                .containsExactly(FaultId.PRECHARGE_FAILED.ordinal());
        rig.runMs(1_000);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.STANDBY);
        assertThat(rig.coils()).isEmpty();

        // a new NORMAL request precharges again, from the first attempt (the re-close lockout is long past)
        rig.port.prechargeStuck = false;
        long requestNs = rig.nowNs;
        rig.closeContactors();
        assertThat(rig.enteredNs(BmsState.PRECHARGE) - requestNs).isLessThanOrEqualTo(main);
        assertThat(rig.machine().prechargeAttempts()).isEqualTo(1);
        assertThat(errorNs + c.recloseLockoutNs()).isLessThan(requestNs);
    }

    // ---- 3. success on the second attempt ---------------------------------------------------------------------

    @Test
    void shouldReachNormalWhenTheSecondPrechargeAttemptSucceeds() {
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        ContactorSequenceConfig c = rig.contactors();
        long main = rig.mainPeriodNs();
        rig.port.prechargeStuck = true;

        rig.request(BmsRequest.NORMAL);
        long failedNs = rig.runUntil(() -> !rig.events(EventType.PRECHARGE_ATTEMPT_FAILED).isEmpty(), 5_000,
                "a failed precharge attempt");
        int mark = rig.coilSets.size() - 1;
        rig.port.prechargeStuck = false;
        long normalNs = rig.runUntil(BmsState.NORMAL, 5_000);

        // the retry goes straight to precharging, without the weld checks
        assertThat(rig.coilSetsFrom(mark)).containsExactly(NONE, EnumSet.of(MAIN_NEGATIVE, PRECHARGE),
                EnumSet.of(MAIN_POSITIVE, MAIN_NEGATIVE, PRECHARGE), EnumSet.of(MAIN_POSITIVE, MAIN_NEGATIVE));
        long contactorNs = rig.port.contactorTimeNs;
        long chargeNs = (long) Math.ceil(c.prechargeFraction() * rig.port.prechargeTimeNs);
        long expectedNs = c.prechargeRetryPauseNs() + contactorNs + chargeNs + contactorNs;
        assertThat(normalNs - failedNs).isBetween(expectedNs, expectedNs + main);
        assertThat(rig.machine().prechargeAttempts()).isEqualTo(2);
        assertThat(rig.events(EventType.PRECHARGE_ATTEMPT_FAILED)).extracting(Logged::code).containsExactly(1);
        assertThat(rig.events(EventType.FAULT_RAISED)).isEmpty();
        assertThat(rig.transitions()).containsExactly("STANDBY->PRECHARGE", "PRECHARGE->NORMAL");
    }

    // ---- 4. weld checks before precharge -----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = ContactorId.class, names = {"MAIN_NEGATIVE", "MAIN_POSITIVE"})
    void shouldFindAWeldedMainContactorByTheLinkVoltageBeforePrecharging(ContactorId welded) {
        ScriptedPort timing = new ScriptedPort(12, 12, 3.7, 25.0);
        BmsStateMachineRig rig = BmsStateMachineRig.direct(BmsConfigFiles.defaults(), timing,
                new HiddenWeldPort(timing, welded));
        ContactorSequenceConfig c = rig.contactors();
        Diagnosis diagnosis = rig.firmware.diagnosis();
        long main = rig.mainPeriodNs();

        rig.request(BmsRequest.NORMAL);
        long raisedNs = rig.runUntil(() -> diagnosis.isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL), 2_000,
                "CONTACTOR_WELDED");

        // a welded negative lets the link rise through the precharge relay alone (first check); a welded positive
        // lets it rise with the negative alone (second check)
        int check = welded == MAIN_NEGATIVE ? 1 : 2;
        long checkEndNs = check * (c.feedbackTimeoutNs() + c.weldCheckNs());
        assertThat(raisedNs).isBetween(checkEndNs, checkEndNs + main);
        assertThat(rig.firmware.acquisition().linkVoltageV())
                .isGreaterThan(c.weldRiseFraction() * rig.port.m.packVoltageV());

        rig.runUntil(BmsState.ERROR, 100);
        List<Set<ContactorId>> expected = welded == MAIN_NEGATIVE
                ? List.of(NONE, EnumSet.of(PRECHARGE), NONE)
                : List.of(NONE, EnumSet.of(PRECHARGE), EnumSet.of(MAIN_NEGATIVE), NONE);
        assertThat(rig.coilSets).isEqualTo(expected); // never precharged, the positive never energised
        assertThat(rig.transitions()).containsExactly("STANDBY->PRECHARGE", "PRECHARGE->OPENING", "OPENING->ERROR");

        // latched: a fault reset does not leave ERROR
        rig.request(BmsRequest.RESET_FAULTS);
        rig.runMs(500);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.ERROR);
        assertThat(diagnosis.isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL)).isTrue();
        assertThat(rig.coils()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ContactorId.class, names = {"MAIN_NEGATIVE", "MAIN_POSITIVE"})
    void shouldNotEnergiseAnyCoilWhenAContactorReportsClosedBeforeItWasCommanded(ContactorId welded) {
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        ContactorSequenceConfig c = rig.contactors();
        long main = rig.mainPeriodNs();
        rig.port.welded[welded.ordinal()] = true;
        rig.port.m.setContactorClosed(welded, true); // welded closed since the last drive

        rig.runMs(500);
        List<Logged> raised = rig.events(EventType.FAULT_RAISED);
        assertThat(raised).extracting(Logged::code).containsExactly(FaultId.CONTACTOR_WELDED.ordinal());
        assertThat(raised.get(0).timeNs()).isBetween(c.feedbackTimeoutNs(), c.feedbackTimeoutNs() + main);
        assertThat(rig.transitions()).containsExactly("STANDBY->ERROR");

        rig.request(BmsRequest.NORMAL);
        rig.runMs(2_000);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.ERROR);
        assertThat(rig.coilSets).containsExactly(NONE);
    }

    /**
     * The second weld check takes its reference link voltage one main tick after the negative contactor is
     * commanded. A negative that closes within that tick (5 ms here: small relays on a 44 V pack do) onto a
     * welded positive has already charged the link, the check concludes "already charged: cannot tell", and the
     * BMS closes onto the weld. The reference belongs to the moment of the command, when the link is at rest.
     */
    @Test
    void shouldFindAWeldedPositiveContactorEvenWhenTheNegativeClosesWithinOneMainPeriod() {
        ScriptedPort timing = new ScriptedPort(12, 12, 3.7, 25.0);
        timing.contactorTimeNs = 5 * MS;
        BmsStateMachineRig rig = BmsStateMachineRig.direct(BmsConfigFiles.defaults(), timing,
                new HiddenWeldPort(timing, MAIN_POSITIVE));

        rig.request(BmsRequest.NORMAL);
        rig.runMs(2_000);

        assertThat(rig.firmware.diagnosis().isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL))
                .as("CONTACTOR_WELDED raised; events %s", rig.events()).isTrue();
        assertThat(rig.firmware.state()).isEqualTo(BmsState.ERROR);
        assertThat(rig.energisedAtNs[MAIN_POSITIVE.ordinal()]).as("positive coil energised at, ns").isEqualTo(-1);
    }

    // ---- 5. feedback after opening and closing ------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = ContactorId.class, names = {"MAIN_POSITIVE", "MAIN_NEGATIVE"})
    void shouldRaiseWeldedWhenAContactorStaysClosedAfterItsCoilIsReleased(ContactorId welded) {
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        ContactorSequenceConfig c = rig.contactors();
        Diagnosis diagnosis = rig.firmware.diagnosis();
        long main = rig.mainPeriodNs();
        rig.closeContactors();
        rig.runMs(100);
        rig.port.welded[welded.ordinal()] = true;

        rig.request(BmsRequest.STANDBY);
        long raisedNs = rig.runUntil(() -> diagnosis.isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL), 1_000,
                "CONTACTOR_WELDED");

        long releasedNs = rig.releasedAtNs[welded.ordinal()];
        TierRule tier = diagnosis.table().rule(FaultId.CONTACTOR_WELDED).tier(FaultLevel.FATAL);
        assertThat(releasedNs).isPositive();
        assertThat(raisedNs - releasedNs)
                .isBetween(c.feedbackTimeoutNs(), c.feedbackTimeoutNs() + tier.events() * main);
        assertThat(rig.port.m.contactorClosed(welded)).isTrue();

        rig.runUntil(BmsState.ERROR, 500);
        assertThat(rig.coils()).isEmpty();
        // the reply to a reset says what the firmware will do with it
        assertThat(rig.firmware.requestAndJudge(BmsRequest.RESET_FAULTS))
                .isEqualTo("reset refused: CONTACTOR_WELDED (latched: needs a service reset) still raised");
        rig.runMs(500);
        assertThat(rig.events(EventType.REQUEST_REFUSED)).hasSize(1);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.ERROR);
        assertThat(diagnosis.isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL)).isTrue();
    }

    @Test
    void shouldRaiseFeedbackMismatchAndGoToErrorWhenAContactorFailsToClose() {
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        ContactorSequenceConfig c = rig.contactors();
        Diagnosis diagnosis = rig.firmware.diagnosis();
        long main = rig.mainPeriodNs();
        rig.port.failsToClose[MAIN_POSITIVE.ordinal()] = true;

        rig.request(BmsRequest.NORMAL);
        long raisedNs = rig.runUntil(
                () -> diagnosis.isRaised(FaultId.CONTACTOR_FEEDBACK_MISMATCH, FaultLevel.FATAL), 3_000,
                "CONTACTOR_FEEDBACK_MISMATCH");

        // the feedback timeout, then the debounce: one sample per main tick up to the tier's events
        TierRule tier = diagnosis.table().rule(FaultId.CONTACTOR_FEEDBACK_MISMATCH).tier(FaultLevel.FATAL);
        long commandNs = rig.energisedAtNs[MAIN_POSITIVE.ordinal()];
        assertThat(commandNs).isPositive();
        assertThat(raisedNs - commandNs).isBetween(c.feedbackTimeoutNs() + (tier.events() - 1) * main,
                c.feedbackTimeoutNs() + tier.events() * main);

        long errorNs = rig.runUntil(BmsState.ERROR, 1_000);
        assertThat(errorNs - raisedNs).isBetween(tier.delayNs(), tier.delayNs() + 3 * main);
        assertThat(rig.transitions()).containsExactly("STANDBY->PRECHARGE", "PRECHARGE->OPENING", "OPENING->ERROR");
        assertThat(rig.coils()).isEmpty();
        assertThat(diagnosis.isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL)).isFalse();
    }

    // ---- 6. opening under load ---------------------------------------------------------------------------------

    /** A load of {@code loadA[0]} that flows while both main contactors are closed; cell readings jitter. */
    private static void scriptLoad(BmsStateMachineRig rig, double[] loadA) {
        rig.script = t -> {
            rig.port.setAllCells((t / MS) % 2 == 0 ? 3.7 : 3.7005);
            boolean mains = rig.port.m.contactorClosed(MAIN_POSITIVE) && rig.port.m.contactorClosed(MAIN_NEGATIVE);
            rig.port.m.setPackCurrentA(mains ? loadA[0] : 0.0);
        };
    }

    @Test
    void shouldWaitForTheOpeningTimeoutThenOpenUnderLoadPositiveFirst() {
        BmsStateMachineRig rig = BmsStateMachineRig.withOverrides(PARALLEL_PACK);
        ContactorSequenceConfig c = rig.contactors();
        long main = rig.mainPeriodNs();
        double[] loadA = {0.0};
        scriptLoad(rig, loadA);
        rig.closeContactors();
        loadA[0] = 300.0;
        assertThat(loadA[0]).isGreaterThan(c.breakCurrentA());
        rig.runMs(1_000);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.NORMAL);

        rig.request(BmsRequest.STANDBY);
        rig.runUntil(BmsState.STANDBY, 5_000);

        long openingNs = rig.enteredNs(BmsState.OPENING);
        List<Logged> underLoad = rig.events(EventType.OPENED_UNDER_LOAD);
        assertThat(underLoad).hasSize(1);
        assertThat(underLoad.get(0).value()).isCloseTo(300.0, within(1e-9));
        long openedNs = underLoad.get(0).timeNs();
        assertThat(openedNs - openingNs).isBetween(c.openingTimeoutNs(), c.openingTimeoutNs() + main);
        assertPositiveOpenedBeforeNegative(rig, openedNs, main);
        assertThat(rig.machine().openingsUnderLoad()).isEqualTo(1);
        assertThat(rig.transitions()).endsWith("NORMAL->OPENING", "OPENING->STANDBY");

        rig.runMs(500);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.STANDBY);
        assertThat(rig.firmware.diagnosis().anyRaised(FaultLevel.FATAL)).isFalse();
    }

    @ParameterizedTest(name = "current falls to {0} A")
    @ValueSource(doubles = {100.0, 0.5})
    void shouldOpenAsSoonAsTheCurrentFallsBelowTheBreakLimit(double fallsToA) {
        BmsStateMachineRig rig = BmsStateMachineRig.withOverrides(PARALLEL_PACK);
        ContactorSequenceConfig c = rig.contactors();
        long main = rig.mainPeriodNs();
        double[] loadA = {0.0};
        scriptLoad(rig, loadA);
        rig.closeContactors();
        loadA[0] = 300.0;
        rig.runMs(100);

        rig.request(BmsRequest.STANDBY);
        rig.runMs(1_000);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.OPENING);
        assertThat(rig.coils()).containsExactlyInAnyOrder(MAIN_POSITIVE, MAIN_NEGATIVE); // still waiting
        long fallNs = rig.nowNs;
        loadA[0] = fallsToA;
        long standbyNs = rig.runUntil(BmsState.STANDBY, 1_000);

        long openedNs = rig.releasedAtNs[MAIN_POSITIVE.ordinal()];
        assertThat(openedNs - fallNs).isBetween(0L, main);
        assertThat(standbyNs - rig.enteredNs(BmsState.OPENING)).isLessThan(c.openingTimeoutNs());
        assertPositiveOpenedBeforeNegative(rig, openedNs, main);
        List<Logged> underLoad = rig.events(EventType.OPENED_UNDER_LOAD);
        if (fallsToA > 1.0) {
            assertThat(underLoad).extracting(Logged::value).containsExactly(fallsToA); // within the rating, logged
        } else {
            assertThat(underLoad).isEmpty(); // a negligible current is no load
        }
    }

    private static void assertPositiveOpenedBeforeNegative(BmsStateMachineRig rig, long positiveReleasedNs,
                                                           long main) {
        int pos = MAIN_POSITIVE.ordinal();
        int neg = MAIN_NEGATIVE.ordinal();
        long contactorNs = rig.port.contactorTimeNs;
        assertThat(rig.releasedAtNs[pos]).isEqualTo(positiveReleasedNs);
        assertThat(rig.feedbackOpenedAtNs[pos]).isEqualTo(positiveReleasedNs + contactorNs);
        // the negative coil is released once the positive reports open
        assertThat(rig.releasedAtNs[neg]).isBetween(rig.feedbackOpenedAtNs[pos], rig.feedbackOpenedAtNs[pos] + main);
        assertThat(rig.coilSets.subList(rig.coilSets.size() - 3, rig.coilSets.size())).containsExactly(
                EnumSet.of(MAIN_POSITIVE, MAIN_NEGATIVE), EnumSet.of(MAIN_NEGATIVE), NONE);
    }

    // ---- 7. the error state -----------------------------------------------------------------------------------

    /** Closes the contactors, then raises every cell above the fatal over-voltage limit; returns the ERROR time. */
    private static long overvoltageInNormal(BmsStateMachineRig rig) {
        rig.closeContactors();
        rig.runMs(100);
        rig.port.setAllCells(4.3);
        return rig.runUntil(BmsState.ERROR, 2_000);
    }

    @Test
    void shouldOpenTheContactorsOnAFatalFaultAndStayInErrorWhileItPersists() {
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        Diagnosis diagnosis = rig.firmware.diagnosis();
        long main = rig.mainPeriodNs();
        TierRule tier = diagnosis.table().rule(FaultId.CELL_OVERVOLTAGE).tier(FaultLevel.FATAL);

        long errorNs = overvoltageInNormal(rig);

        assertThat(rig.transitions()).containsExactly("STANDBY->PRECHARGE", "PRECHARGE->NORMAL", "NORMAL->OPENING",
                "OPENING->ERROR");
        long raisedNs = rig.events(EventType.FAULT_RAISED).stream()
                .filter(e -> e.code() == FaultId.CELL_OVERVOLTAGE.ordinal() && e.level() == FaultLevel.FATAL.ordinal())
                .findFirst().orElseThrow().timeNs();
        long openingNs = rig.enteredNs(BmsState.OPENING);
        assertThat(openingNs - raisedNs).isBetween(tier.delayNs(), tier.delayNs() + main);
        assertPositiveOpenedBeforeNegative(rig, rig.releasedAtNs[MAIN_POSITIVE.ordinal()], main);
        assertThat(errorNs).isEqualTo(rig.releasedAtNs[MAIN_NEGATIVE.ordinal()]);
        assertThat(rig.machine().target()).isEqualTo(BmsRequest.STANDBY); // the vehicle must ask again

        assertThat(rig.firmware.requestAndJudge(BmsRequest.RESET_FAULTS))
                .isEqualTo("reset refused: CELL_OVERVOLTAGE still raised");
        rig.runMs(1_000);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.ERROR);
        assertThat(rig.coils()).isEmpty();
        assertThat(rig.events(EventType.REQUEST)).extracting(Logged::code)
                .containsExactly(BmsRequest.NORMAL.ordinal(), BmsRequest.RESET_FAULTS.ordinal());
    }

    @Test
    void shouldLeaveErrorOnlyForAResetOnceTheCauseIsGoneAndNotReturnToNormalByItself() {
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        Diagnosis diagnosis = rig.firmware.diagnosis();
        ContactorSequenceConfig c = rig.contactors();
        long main = rig.mainPeriodNs();
        overvoltageInNormal(rig);

        rig.port.setAllCells(4.0); // below the 4.05 V reset level
        rig.runUntil(() -> !diagnosis.isRaised(FaultId.CELL_OVERVOLTAGE, FaultLevel.FATAL), 2_000, "cleared");
        assertThat(diagnosis.anyContactorOpeningFaultRaised()).isFalse();
        rig.runMs(2_000);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.ERROR); // the cause is gone, but nobody reset

        long resetNs = rig.nowNs;
        assertThat(rig.firmware.requestAndJudge(BmsRequest.RESET_FAULTS)).isNull();
        long standbyNs = rig.runUntil(BmsState.STANDBY, 100);
        assertThat(standbyNs - resetNs).isLessThanOrEqualTo(main);

        // no NORMAL without a new NORMAL request, even long after the re-close lockout
        rig.runMs(c.recloseLockoutNs() / MS + 5_000);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.STANDBY);
        assertThat(rig.coils()).isEmpty();
        assertThat(rig.transitions()).endsWith("OPENING->ERROR", "ERROR->STANDBY");
    }

    @Test
    void shouldTreatStaleFeedbackAsUnknownAndRecoverFromALinkOutageWithoutAWeldFault() {
        // a 2 s link outage in NORMAL: the firmware keeps the last report (contactors closed) and sees it age
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        Diagnosis diagnosis = rig.firmware.diagnosis();
        rig.closeContactors();
        long lostNs = rig.nowNs;
        rig.port.linkLost = true;
        long errorNs = rig.runUntil(BmsState.ERROR, 2_000);
        assertThat(rig.releasedAtNs[MAIN_NEGATIVE.ordinal()] - lostNs).isLessThanOrEqualTo(500 * MS);
        rig.runMs((2_000 * MS - (errorNs - lostNs)) / MS);
        rig.port.linkLost = false;
        rig.runMs(500);

        assertThat(diagnosis.isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL)).isFalse();
        assertThat(rig.events(EventType.FAULT_RAISED)).extracting(e -> FaultId.of(e.code()))
                .contains(FaultId.AFE_COMMUNICATION_LOSS) // and the current's loss: both true
                .doesNotContain(FaultId.CONTACTOR_WELDED, FaultId.CONTACTOR_FEEDBACK_MISMATCH);
        rig.request(BmsRequest.RESET_FAULTS);
        rig.runUntil(BmsState.STANDBY, 100);
        rig.runMs(rig.contactors().recloseLockoutNs() / MS);
        rig.closeContactors();
        assertThat(rig.events(EventType.REQUEST_REFUSED)).isEmpty();
    }

    @Test
    void shouldNotCloseOnStaleFeedback() {
        // the link goes down while the positive contactor is closing: its old "open" feedback must not be read
        // as closed, and a stale "closed" must not complete the precharge
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        rig.request(BmsRequest.NORMAL);
        rig.runUntil(() -> rig.port.coil[MAIN_POSITIVE.ordinal()], 5_000, "positive commanded");
        rig.port.linkLost = true;
        rig.runMs(1_000);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.ERROR);
        assertThat(rig.transitions()).doesNotContain("PRECHARGE->NORMAL");
        assertThat(rig.firmware.diagnosis().isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL)).isFalse();
    }

    @Test
    void shouldHoldANormalRequestUntilTheRecloseLockoutHasPassed() {
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        Diagnosis diagnosis = rig.firmware.diagnosis();
        ContactorSequenceConfig c = rig.contactors();
        long main = rig.mainPeriodNs();
        long errorNs = overvoltageInNormal(rig);
        long openedNs = rig.releasedAtNs[MAIN_NEGATIVE.ordinal()];
        assertThat(openedNs).isEqualTo(errorNs);

        rig.port.setAllCells(4.0);
        rig.runUntil(() -> !diagnosis.isRaised(FaultId.CELL_OVERVOLTAGE, FaultLevel.FATAL), 2_000, "cleared");
        rig.request(BmsRequest.RESET_FAULTS);
        rig.runUntil(BmsState.STANDBY, 100);

        long requestNs = rig.nowNs;
        assertThat(requestNs - openedNs).isLessThan(c.recloseLockoutNs());
        rig.request(BmsRequest.NORMAL);
        long prechargeNs = rig.runUntil(BmsState.PRECHARGE, c.recloseLockoutNs() / MS + 1_000);

        assertThat(prechargeNs - openedNs).isBetween(c.recloseLockoutNs(), c.recloseLockoutNs() + main);
        // no coil energised during the wait: the first one is the precharge relay of the first weld check
        assertThat(rig.energisedAtNs[PRECHARGE.ordinal()]).isEqualTo(prechargeNs);
        assertThat(rig.energisedAtNs[MAIN_NEGATIVE.ordinal()]).isLessThan(openedNs);
        assertThat(rig.energisedAtNs[MAIN_POSITIVE.ordinal()]).isLessThan(openedNs);
        rig.runUntil(BmsState.NORMAL, 5_000);
    }

    // ---- 8. abort ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "STANDBY at {0} ms")
    @ValueSource(longs = {100, 300, 550}) // first weld check, second weld check, charging the link
    void shouldAbortThePrechargeAndReleaseEveryCoilOnAStandbyRequest(long abortMs) {
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        long main = rig.mainPeriodNs();
        rig.request(BmsRequest.NORMAL);
        rig.runMs(abortMs);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.PRECHARGE);
        assertThat(rig.coils()).isNotEmpty();

        long requestNs = rig.nowNs;
        rig.request(BmsRequest.STANDBY);
        long standbyNs = rig.runUntil(BmsState.STANDBY, 100);

        assertThat(standbyNs - requestNs).isLessThanOrEqualTo(3 * main);
        assertThat(rig.coils()).isEmpty();
        assertThat(rig.transitions()).containsExactly("STANDBY->PRECHARGE", "PRECHARGE->OPENING", "OPENING->STANDBY");
        rig.runMs(1_000);
        assertThat(rig.firmware.state()).isEqualTo(BmsState.STANDBY);
        assertThat(rig.coils()).isEmpty();
        for (ContactorId id : ContactorId.values()) {
            assertThat(rig.port.m.contactorClosed(id)).as(id.name()).isFalse();
        }
        assertThat(rig.energisedAtNs[MAIN_POSITIVE.ordinal()]).isEqualTo(-1);
        assertThat(rig.events(EventType.FAULT_RAISED)).isEmpty();
        assertThat(rig.events(EventType.OPENED_UNDER_LOAD)).isEmpty();
    }

    // ---- 9. the mailbox ------------------------------------------------------------------------------------------

    @Test
    void shouldKeepOnlyTheNewestRequestAndReturnNullWhenEmpty() {
        RequestMailbox mailbox = new RequestMailbox();
        assertThat(mailbox.take()).isNull();

        mailbox.post(BmsRequest.NORMAL);
        mailbox.post(BmsRequest.STANDBY);
        assertThat(mailbox.take()).isEqualTo(BmsRequest.STANDBY);
        assertThat(mailbox.take()).isNull();

        for (BmsRequest request : BmsRequest.values()) {
            mailbox.post(request);
            assertThat(mailbox.take()).isEqualTo(request);
            assertThat(mailbox.take()).isNull();
        }
    }

    @Test
    void shouldActOnlyOnTheNewestOfTwoRequestsPostedBetweenTicks() {
        BmsStateMachineRig rig = BmsStateMachineRig.defaults();
        rig.request(BmsRequest.NORMAL);
        rig.request(BmsRequest.STANDBY);
        rig.runMs(1_000);

        assertThat(rig.events(EventType.REQUEST)).extracting(Logged::code)
                .containsExactly(BmsRequest.STANDBY.ordinal());
        assertThat(rig.firmware.state()).isEqualTo(BmsState.STANDBY);
        assertThat(rig.coilSets).containsExactly(NONE);
    }
}
