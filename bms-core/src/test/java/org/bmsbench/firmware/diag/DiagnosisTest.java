package org.bmsbench.firmware.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bmsbench.firmware.InvalidConfigurationException;
import org.bmsbench.firmware.events.Event;
import org.bmsbench.firmware.events.EventLog;
import org.bmsbench.firmware.events.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fault engine on small hand-built tables: the up/down debounce counter, hysteresis, NaN samples, reaction
 * delays, latching and the service reset, the events it logs; the table's own validation; the event log's ring.
 */
class DiagnosisTest {
    private static final long MS = 1_000_000L;
    private static final long MAIN_PERIOD_NS = 10 * MS;

    private static final double OV_TRIP_V = 4.25;
    private static final double OV_RESET_V = 4.05;

    private final EventLog log = new EventLog(1024);

    // ---- helpers ----------------------------------------------------------------------------------------

    /** Every fault with every tier disabled, not latching. */
    private static Map<FaultId, FaultRule> allDisabled() {
        Map<FaultId, FaultRule> rules = new EnumMap<>(FaultId.class);
        for (FaultId id : FaultId.values()) {
            rules.put(id, new FaultRule(id, TierRule.DISABLED, TierRule.DISABLED, TierRule.DISABLED, false));
        }
        return rules;
    }

    /** A table where only {@code rules} are enabled. */
    private static DiagnosisTable tableWith(FaultRule... rules) {
        Map<FaultId, FaultRule> all = allDisabled();
        for (FaultRule rule : rules) {
            all.put(rule.id(), rule);
        }
        return new DiagnosisTable(all);
    }

    private static FaultRule fatalOnly(FaultId id, TierRule fatal, boolean latching) {
        return new FaultRule(id, TierRule.DISABLED, TierRule.DISABLED, fatal, latching);
    }

    /** Over-voltage with only a fatal tier: trip 4.25 V, reset 4.05 V, {@code events} samples, no delay. */
    private Diagnosis overvoltage(int events) {
        return new Diagnosis(tableWith(fatalOnly(FaultId.CELL_OVERVOLTAGE,
                TierRule.limit(OV_TRIP_V, OV_RESET_V, events, 0, Reaction.OPEN_CONTACTORS), false)), log);
    }

    /** Feeds {@code count} over-voltage samples of {@code value}, one main period apart, from {@code startNs}. */
    private static long feed(Diagnosis diagnosis, FaultId id, double value, int count, long startNs) {
        long t = startNs;
        for (int n = 0; n < count; n++) {
            diagnosis.sampleValue(id, value, t);
            t += MAIN_PERIOD_NS;
        }
        return t;
    }

    private List<Event> events() {
        List<Event> events = new ArrayList<>();
        for (long s = log.oldest(); s < log.count(); s++) {
            Event e = new Event();
            assertThat(log.read(s, e)).isTrue();
            events.add(e);
        }
        return events;
    }

    // ---- up/down debounce -------------------------------------------------------------------------------

    /**
     * A fault present {@code bad} samples out of every {@code bad + good}, at or below half the time: the counter
     * never climbs beyond {@code bad}, so a tier with 50 events never rises, however long it goes on.
     */
    @ParameterizedTest
    @CsvSource({
        "2, 3",   // 40 %: the domain requirement
        "1, 1",   // 50 %: still no net rise
        "4, 4",
        "1, 4",
    })
    void shouldNeverRaiseAFaultPresentAtMostHalfTheTime(int bad, int good) {
        Diagnosis diagnosis = overvoltage(50);
        int highest = 0;
        long t = 0;
        for (int cycle = 0; cycle < 2000; cycle++) {
            t = feed(diagnosis, FaultId.CELL_OVERVOLTAGE, 4.30, bad, t);
            highest = Math.max(highest, diagnosis.counter(FaultId.CELL_OVERVOLTAGE, FaultLevel.FATAL));
            t = feed(diagnosis, FaultId.CELL_OVERVOLTAGE, 4.00, good, t);
            assertThat(diagnosis.isRaised(FaultId.CELL_OVERVOLTAGE, FaultLevel.FATAL)).isFalse();
        }
        assertThat(highest).isEqualTo(bad);
        assertThat(log.count()).isZero();
    }

    /**
     * A fault present more than half the time rises, at the sample computed by hand: with {@code b} bad and
     * {@code g} good samples per cycle, the counter is {@code n (b - g)} after n cycles and peaks {@code b} higher.
     * 3 bad / 2 good (60 %) against 50 events: 47 cycles leave 47, the third bad sample of cycle 48 makes 50,
     * sample 47 x 5 + 3 = 238.
     */
    @ParameterizedTest
    @CsvSource({
        "3, 2, 50, 238",  // 60 %: the domain requirement
        "4, 1, 50, 82",   // 16 cycles leave 48; the 2nd bad of the 17th: 16 x 5 + 2
        "2, 1, 10, 26",   // 8 cycles leave 8; the 2nd bad of the 9th: 8 x 3 + 2
        "1, 0, 50, 50",   // always bad: exactly `events` samples
    })
    void shouldRaiseAFaultPresentMoreThanHalfTheTimeAtTheComputedSample(int bad, int good, int events,
                                                                       int expectedSample) {
        Diagnosis diagnosis = overvoltage(events);
        int sample = 0;
        int raisedAt = -1;
        while (raisedAt < 0 && sample < 10_000) {
            for (int n = 0; n < bad + good && raisedAt < 0; n++) {
                sample++;
                diagnosis.sampleValue(FaultId.CELL_OVERVOLTAGE, n < bad ? 4.30 : 4.00, sample * MAIN_PERIOD_NS);
                if (diagnosis.isRaised(FaultId.CELL_OVERVOLTAGE, FaultLevel.FATAL)) {
                    raisedAt = sample;
                }
            }
        }
        assertThat(raisedAt).isEqualTo(expectedSample);
        assertThat(diagnosis.counter(FaultId.CELL_OVERVOLTAGE, FaultLevel.FATAL)).isEqualTo(events);
    }

    @Test
    void shouldRaiseAtExactlyEventsConsecutiveBadSamplesAndClearWhenTheCounterIsBackAtZero() {
        Diagnosis diagnosis = overvoltage(5);
        FaultId ov = FaultId.CELL_OVERVOLTAGE;

        long t = feed(diagnosis, ov, 4.30, 4, 0);
        assertThat(diagnosis.counter(ov, FaultLevel.FATAL)).isEqualTo(4);
        assertThat(diagnosis.isRaised(ov, FaultLevel.FATAL)).isFalse();

        t = feed(diagnosis, ov, 4.30, 1, t);
        assertThat(diagnosis.isRaised(ov, FaultLevel.FATAL)).isTrue();

        // the counter stops at `events`: a long fault does not take longer to clear
        t = feed(diagnosis, ov, 4.30, 100, t);
        assertThat(diagnosis.counter(ov, FaultLevel.FATAL)).isEqualTo(5);

        t = feed(diagnosis, ov, 4.00, 4, t);
        assertThat(diagnosis.counter(ov, FaultLevel.FATAL)).isEqualTo(1);
        assertThat(diagnosis.isRaised(ov, FaultLevel.FATAL)).isTrue();

        feed(diagnosis, ov, 4.00, 1, t);
        assertThat(diagnosis.counter(ov, FaultLevel.FATAL)).isZero();
        assertThat(diagnosis.isRaised(ov, FaultLevel.FATAL)).isFalse();
        assertThat(diagnosis.highestRaised(ov)).isNull();
    }

    @Test
    void shouldCountAValueExactlyAtTheThresholdAsGood() {
        Diagnosis diagnosis = overvoltage(1);
        diagnosis.sampleValue(FaultId.CELL_OVERVOLTAGE, OV_TRIP_V, 0);
        assertThat(diagnosis.isRaised(FaultId.CELL_OVERVOLTAGE, FaultLevel.FATAL)).isFalse();
        diagnosis.sampleValue(FaultId.CELL_OVERVOLTAGE, Math.nextUp(OV_TRIP_V), 1);
        assertThat(diagnosis.isRaised(FaultId.CELL_OVERVOLTAGE, FaultLevel.FATAL)).isTrue();
    }

    // ---- hysteresis ------------------------------------------------------------------------------------

    @Test
    void shouldKeepAnAboveFaultRaisedWhileTheValueIsBetweenResetAndThreshold() {
        Diagnosis diagnosis = overvoltage(5);
        FaultId ov = FaultId.CELL_OVERVOLTAGE;

        // before the tier is raised, 4.10 V is below the threshold: good, it counts down
        long t = feed(diagnosis, ov, 4.30, 3, 0);
        t = feed(diagnosis, ov, 4.10, 1, t);
        assertThat(diagnosis.counter(ov, FaultLevel.FATAL)).isEqualTo(2);

        t = feed(diagnosis, ov, 4.30, 3, t);
        assertThat(diagnosis.isRaised(ov, FaultLevel.FATAL)).isTrue();

        // once raised, 4.10 V is above the 4.05 V reset: still bad, however long
        t = feed(diagnosis, ov, 4.10, 1000, t);
        assertThat(diagnosis.counter(ov, FaultLevel.FATAL)).isEqualTo(5);
        assertThat(diagnosis.isRaised(ov, FaultLevel.FATAL)).isTrue();

        // exactly at the reset level counts good
        feed(diagnosis, ov, OV_RESET_V, 5, t);
        assertThat(diagnosis.isRaised(ov, FaultLevel.FATAL)).isFalse();
    }

    @Test
    void shouldKeepABelowFaultRaisedWhileTheValueIsBetweenThresholdAndReset() {
        FaultId uv = FaultId.CELL_UNDERVOLTAGE;
        Diagnosis diagnosis = new Diagnosis(tableWith(fatalOnly(uv,
                TierRule.limit(2.5, 3.0, 5, 0, Reaction.OPEN_CONTACTORS), false)), log);

        long t = feed(diagnosis, uv, 2.4, 3, 0);
        t = feed(diagnosis, uv, 2.8, 1, t); // above 2.5: good before the tier is raised
        assertThat(diagnosis.counter(uv, FaultLevel.FATAL)).isEqualTo(2);

        t = feed(diagnosis, uv, 2.4, 3, t);
        assertThat(diagnosis.isRaised(uv, FaultLevel.FATAL)).isTrue();

        t = feed(diagnosis, uv, 2.8, 1000, t); // below the 3.0 V reset: still bad
        assertThat(diagnosis.counter(uv, FaultLevel.FATAL)).isEqualTo(5);
        assertThat(diagnosis.isRaised(uv, FaultLevel.FATAL)).isTrue();

        t = feed(diagnosis, uv, 3.0, 4, t);
        assertThat(diagnosis.isRaised(uv, FaultLevel.FATAL)).isTrue();
        feed(diagnosis, uv, 3.0, 1, t);
        assertThat(diagnosis.isRaised(uv, FaultLevel.FATAL)).isFalse();
    }

    // ---- NaN --------------------------------------------------------------------------------------------

    @Test
    void shouldHoldTheCounterOnNaNSamples() {
        Diagnosis diagnosis = overvoltage(5);
        FaultId ov = FaultId.CELL_OVERVOLTAGE;

        long t = feed(diagnosis, ov, 4.30, 3, 0);
        t = feed(diagnosis, ov, Double.NaN, 1000, t);
        assertThat(diagnosis.counter(ov, FaultLevel.FATAL)).isEqualTo(3);
        assertThat(diagnosis.lastValue(ov)).isNaN();

        t = feed(diagnosis, ov, 4.30, 2, t);
        assertThat(diagnosis.isRaised(ov, FaultLevel.FATAL)).isTrue();

        // nor does NaN clear a raised tier
        t = feed(diagnosis, ov, Double.NaN, 1000, t);
        assertThat(diagnosis.counter(ov, FaultLevel.FATAL)).isEqualTo(5);
        assertThat(diagnosis.isRaised(ov, FaultLevel.FATAL)).isTrue();
        assertThat(log.count()).isEqualTo(1);
    }

    /** An infinite sample (a "cannot apply" sentinel on the safe side) is a value: only NaN holds the counters. */
    @Test
    void shouldCountAnInfiniteSampleAsAValueUnlikeNaN() {
        Diagnosis diagnosis = overvoltage(5);
        FaultId ov = FaultId.CELL_OVERVOLTAGE;
        long t = feed(diagnosis, ov, Double.POSITIVE_INFINITY, 5, 0);
        assertThat(diagnosis.isRaised(ov, FaultLevel.FATAL)).isTrue();
        feed(diagnosis, ov, Double.NEGATIVE_INFINITY, 5, t);
        assertThat(diagnosis.isRaised(ov, FaultLevel.FATAL)).isFalse();
        assertThat(diagnosis.lastValue(ov)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    // ---- reactions -------------------------------------------------------------------------------------

    /** Each reaction, and the flags it sets once its tier has been raised for the 200 ms delay. */
    @ParameterizedTest
    @CsvSource({
        "NONE,            false, false, false, false",
        "DERATE,          false, false, false, true",
        "BLOCK_CHARGE,    false, true,  false, false",
        "BLOCK_DISCHARGE, false, false, true,  false",
        "BLOCK_POWER,     false, true,  true,  false",
        "OPEN_CONTACTORS, true,  true,  true,  false",
    })
    void shouldApplyATiersReactionOnlyOnceItHasBeenRaisedForItsDelay(Reaction reaction, boolean open,
                                                                      boolean blockCharge, boolean blockDischarge,
                                                                      boolean derate) {
        long delayNs = 200 * MS;
        Diagnosis diagnosis = new Diagnosis(tableWith(fatalOnly(FaultId.CELL_OVERVOLTAGE,
                TierRule.limit(OV_TRIP_V, OV_RESET_V, 1, delayNs, reaction), false)), log);
        long raisedAtNs = 1_000 * MS;
        diagnosis.sampleValue(FaultId.CELL_OVERVOLTAGE, 4.30, raisedAtNs);
        assertThat(diagnosis.isRaised(FaultId.CELL_OVERVOLTAGE, FaultLevel.FATAL)).isTrue();
        assertThat(diagnosis.anyContactorOpeningFaultRaised()).isEqualTo(reaction == Reaction.OPEN_CONTACTORS);

        diagnosis.updateReactions(raisedAtNs + delayNs - 1);
        assertThat(diagnosis.openContactors()).isFalse();
        assertThat(diagnosis.blockCharge()).isFalse();
        assertThat(diagnosis.blockDischarge()).isFalse();
        assertThat(diagnosis.derate()).isFalse();

        diagnosis.updateReactions(raisedAtNs + delayNs);
        assertThat(diagnosis.openContactors()).isEqualTo(open);
        assertThat(diagnosis.blockCharge()).isEqualTo(blockCharge);
        assertThat(diagnosis.blockDischarge()).isEqualTo(blockDischarge);
        assertThat(diagnosis.derate()).isEqualTo(derate);

        // the reaction ends with the fault
        diagnosis.sampleValue(FaultId.CELL_OVERVOLTAGE, 4.00, raisedAtNs + delayNs + MAIN_PERIOD_NS);
        diagnosis.updateReactions(raisedAtNs + delayNs + MAIN_PERIOD_NS);
        assertThat(diagnosis.openContactors()).isFalse();
        assertThat(diagnosis.blockCharge()).isFalse();
        assertThat(diagnosis.blockDischarge()).isFalse();
        assertThat(diagnosis.derate()).isFalse();
    }

    @Test
    void shouldCombineTheReactionsOfEveryRaisedTier() {
        Diagnosis diagnosis = new Diagnosis(tableWith(
                new FaultRule(FaultId.CELL_UNDERTEMPERATURE_CHARGE, TierRule.DISABLED,
                        TierRule.limit(2, 5, 1, 0, Reaction.DERATE), TierRule.limit(0, 3, 1, 0, Reaction.BLOCK_CHARGE),
                        false),
                fatalOnly(FaultId.OPEN_WIRE, TierRule.condition(1, 50 * MS, Reaction.BLOCK_DISCHARGE), false)), log);
        diagnosis.sampleValue(FaultId.CELL_UNDERTEMPERATURE_CHARGE, -1, 0);
        diagnosis.sampleCondition(FaultId.OPEN_WIRE, true, 0);

        diagnosis.updateReactions(10 * MS); // the open-wire reaction is still 40 ms away
        assertThat(diagnosis.derate()).isTrue();
        assertThat(diagnosis.blockCharge()).isTrue();
        assertThat(diagnosis.blockDischarge()).isFalse();
        assertThat(diagnosis.openContactors()).isFalse();

        diagnosis.updateReactions(50 * MS);
        assertThat(diagnosis.blockDischarge()).isTrue();
        assertThat(diagnosis.openContactors()).isFalse();
        assertThat(diagnosis.highestRaised(FaultId.CELL_UNDERTEMPERATURE_CHARGE)).isEqualTo(FaultLevel.FATAL);
        assertThat(diagnosis.anyRaised(FaultLevel.WARNING)).isTrue();
        assertThat(diagnosis.anyRaised(FaultLevel.INFO)).isFalse();
    }

    @Test
    void shouldTimeTheDelayFromWhenTheTierWasRaisedNotFromTheFirstBadSample() {
        long delayNs = 100 * MS;
        Diagnosis diagnosis = new Diagnosis(tableWith(fatalOnly(FaultId.CELL_OVERVOLTAGE,
                TierRule.limit(OV_TRIP_V, OV_RESET_V, 10, delayNs, Reaction.OPEN_CONTACTORS), false)), log);
        feed(diagnosis, FaultId.CELL_OVERVOLTAGE, 4.30, 10, 0); // raised by the 10th sample, at 90 ms
        long raisedAtNs = 9 * MAIN_PERIOD_NS;

        diagnosis.updateReactions(raisedAtNs + delayNs - 1);
        assertThat(diagnosis.openContactors()).isFalse();
        diagnosis.updateReactions(raisedAtNs + delayNs);
        assertThat(diagnosis.openContactors()).isTrue();
    }

    // ---- latching and the service reset ------------------------------------------------------------------

    @Test
    void shouldKeepALatchedTierRaisedUntilAServiceResetAfterTheCauseIsGone() {
        FaultId deep = FaultId.CELL_DEEP_DISCHARGE;
        Diagnosis diagnosis = new Diagnosis(tableWith(fatalOnly(deep,
                TierRule.limit(2.0, 2.5, 3, 0, Reaction.OPEN_CONTACTORS), true)), log);

        long t = feed(diagnosis, deep, 1.9, 3, 0);
        assertThat(diagnosis.isRaised(deep, FaultLevel.FATAL)).isTrue();

        // the cause is still there: a service reset changes nothing
        diagnosis.serviceReset(t);
        assertThat(diagnosis.isRaised(deep, FaultLevel.FATAL)).isTrue();

        // the cause goes away: the counter returns to zero, the tier stays raised and nothing is logged
        t = feed(diagnosis, deep, 3.2, 100, t);
        assertThat(diagnosis.counter(deep, FaultLevel.FATAL)).isZero();
        assertThat(diagnosis.isRaised(deep, FaultLevel.FATAL)).isTrue();
        diagnosis.updateReactions(t);
        assertThat(diagnosis.openContactors()).isTrue();
        assertThat(log.count()).isEqualTo(1);

        diagnosis.serviceReset(t);
        assertThat(diagnosis.isRaised(deep, FaultLevel.FATAL)).isFalse();
        diagnosis.updateReactions(t);
        assertThat(diagnosis.openContactors()).isFalse();

        List<Event> events = events();
        assertThat(events).hasSize(2);
        Event cleared = events.get(1);
        assertThat(cleared.type()).isEqualTo(EventType.FAULT_CLEARED);
        assertThat(cleared.code()).isEqualTo(deep.ordinal());
        assertThat(cleared.level()).isEqualTo(FaultLevel.FATAL.ordinal());
        assertThat(cleared.value()).isEqualTo(3.2);
        assertThat(cleared.timeNs()).isEqualTo(t);
    }

    @Test
    void shouldRefuseAServiceResetWhileABadSampleIsStillCounted() {
        FaultId deep = FaultId.CELL_DEEP_DISCHARGE;
        Diagnosis diagnosis = new Diagnosis(tableWith(fatalOnly(deep,
                TierRule.limit(2.0, 2.5, 3, 0, Reaction.OPEN_CONTACTORS), true)), log);
        long t = feed(diagnosis, deep, 1.9, 3, 0);
        t = feed(diagnosis, deep, 3.2, 2, t);
        // 2.4 V is above the trip but below the 2.5 V reset: on a raised tier it counts bad
        t = feed(diagnosis, deep, 2.4, 1, t);
        assertThat(diagnosis.counter(deep, FaultLevel.FATAL)).isEqualTo(2);

        diagnosis.serviceReset(t);
        assertThat(diagnosis.isRaised(deep, FaultLevel.FATAL)).isTrue();
        assertThat(log.count()).isEqualTo(1);
    }

    @Test
    void shouldClearANonLatchedConditionByItselfAndLeaveItToTheServiceResetOtherwise() {
        Diagnosis diagnosis = new Diagnosis(tableWith(
                fatalOnly(FaultId.CONTACTOR_FEEDBACK_MISMATCH, TierRule.condition(2, 0, Reaction.OPEN_CONTACTORS),
                        false),
                fatalOnly(FaultId.CONTACTOR_WELDED, TierRule.condition(1, 0, Reaction.OPEN_CONTACTORS), true)), log);
        diagnosis.sampleCondition(FaultId.CONTACTOR_FEEDBACK_MISMATCH, true, 0);
        diagnosis.sampleCondition(FaultId.CONTACTOR_WELDED, true, 0);
        diagnosis.sampleCondition(FaultId.CONTACTOR_FEEDBACK_MISMATCH, true, MS);
        assertThat(diagnosis.lastValue(FaultId.CONTACTOR_FEEDBACK_MISMATCH)).isEqualTo(1.0);
        assertThat(diagnosis.isRaised(FaultId.CONTACTOR_FEEDBACK_MISMATCH, FaultLevel.FATAL)).isTrue();
        assertThat(diagnosis.isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL)).isTrue();

        for (int n = 0; n < 2; n++) {
            diagnosis.sampleCondition(FaultId.CONTACTOR_FEEDBACK_MISMATCH, false, (2 + n) * MS);
            diagnosis.sampleCondition(FaultId.CONTACTOR_WELDED, false, (2 + n) * MS);
        }
        assertThat(diagnosis.lastValue(FaultId.CONTACTOR_WELDED)).isEqualTo(0.0);
        assertThat(diagnosis.isRaised(FaultId.CONTACTOR_FEEDBACK_MISMATCH, FaultLevel.FATAL)).isFalse();
        assertThat(diagnosis.isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL)).isTrue();

        diagnosis.serviceReset(10 * MS);
        assertThat(diagnosis.isRaised(FaultId.CONTACTOR_WELDED, FaultLevel.FATAL)).isFalse();
        assertThat(diagnosis.anyRaised(FaultLevel.FATAL)).isFalse();
    }

    // ---- events ----------------------------------------------------------------------------------------

    @Test
    void shouldLogEachTierRaisedAndClearedWithTheFaultLevelAndValue() {
        FaultId ov = FaultId.CELL_OVERVOLTAGE;
        Diagnosis diagnosis = new Diagnosis(tableWith(new FaultRule(ov,
                TierRule.limit(4.20, 4.15, 2, 0, Reaction.NONE),
                TierRule.limit(4.22, 4.15, 2, 0, Reaction.DERATE),
                TierRule.limit(4.25, 4.05, 2, 0, Reaction.OPEN_CONTACTORS), false)), log);

        diagnosis.sampleValue(ov, 4.21, 10 * MS);
        diagnosis.sampleValue(ov, 4.23, 20 * MS); // info raised (2 samples above 4.20)
        diagnosis.sampleValue(ov, 4.26, 30 * MS); // warning raised (4.23, 4.26)
        diagnosis.sampleValue(ov, 4.27, 40 * MS); // fatal raised (4.26, 4.27)
        assertThat(diagnosis.highestRaised(ov)).isEqualTo(FaultLevel.FATAL);
        diagnosis.sampleValue(ov, 4.10, 50 * MS); // below info and warning reset; above the fatal reset
        diagnosis.sampleValue(ov, 4.00, 60 * MS); // info and warning clear (counters 2 -> 0); fatal 2 -> 1
        diagnosis.sampleValue(ov, 4.00, 70 * MS); // fatal clears

        List<Event> events = events();
        assertThat(events).extracting(Event::type).containsExactly(
                EventType.FAULT_RAISED, EventType.FAULT_RAISED, EventType.FAULT_RAISED,
                EventType.FAULT_CLEARED, EventType.FAULT_CLEARED, EventType.FAULT_CLEARED);
        assertThat(events).extracting(Event::code).containsOnly(ov.ordinal());
        assertThat(events).extracting(Event::level).containsExactly(0, 1, 2, 0, 1, 2);
        assertThat(events).extracting(Event::value).containsExactly(4.23, 4.26, 4.27, 4.00, 4.00, 4.00);
        assertThat(events).extracting(Event::timeNs).containsExactly(
                20 * MS, 30 * MS, 40 * MS, 60 * MS, 60 * MS, 70 * MS);
        assertThat(events).extracting(Event::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    // ---- the table's validation -------------------------------------------------------------------------

    private static List<String> problemsOf(Map<FaultId, FaultRule> rules) {
        InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
                () -> new DiagnosisTable(rules));
        assertThat(e).as("the table was rejected").isNotNull();
        return e.problems();
    }

    @Test
    void shouldAcceptATableWithEveryFaultDisabled() {
        DiagnosisTable table = new DiagnosisTable(allDisabled());
        assertThat(table.rules()).hasSize(FaultId.COUNT);
        assertThat(table.rule(FaultId.OPEN_WIRE).warning()).isEqualTo(TierRule.DISABLED);
    }

    /** Each row: the fault, its fatal tier (threshold, reset), and the one problem expected. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CELL_OVERVOLTAGE|4.25|4.30|CELL_OVERVOLTAGE.fatal: reset 4.3 must be on the safe side of threshold 4.25 (below it)",
        "CELL_OVERVOLTAGE|4.25|4.25|CELL_OVERVOLTAGE.fatal: reset 4.25 must be on the safe side of threshold 4.25 (below it)",
        "CELL_UNDERVOLTAGE|2.5|2.4|CELL_UNDERVOLTAGE.fatal: reset 2.4 must be on the safe side of threshold 2.5 (above it)",
        "ISOLATION_LOW|500000|500000|ISOLATION_LOW.fatal: reset 500000.0 must be on the safe side of threshold 500000.0 (above it)",
        "PACK_VOLTAGE_MISMATCH|NaN|2.0|PACK_VOLTAGE_MISMATCH.fatal: needs a finite threshold and reset, got NaN and 2.0",
        "CELL_VOLTAGE_SPREAD|0.3|Infinity|CELL_VOLTAGE_SPREAD.fatal: needs a finite threshold and reset, got 0.3 and Infinity",
    })
    void shouldRejectAResetOnTheWrongSideOrMissing(FaultId id, double threshold, double reset, String expected) {
        Map<FaultId, FaultRule> rules = allDisabled();
        rules.put(id, fatalOnly(id, TierRule.limit(threshold, reset, 1, 0, Reaction.OPEN_CONTACTORS), false));
        assertThat(problemsOf(rules)).containsExactly(expected);
    }

    @Test
    void shouldRejectTiersThatDoNotGrowMoreSevereSkippingDisabledOnes() {
        Map<FaultId, FaultRule> rules = allDisabled();
        rules.put(FaultId.CELL_OVERVOLTAGE, new FaultRule(FaultId.CELL_OVERVOLTAGE,
                TierRule.limit(4.20, 4.15, 1, 0, Reaction.NONE),
                TierRule.limit(4.20, 4.15, 1, 0, Reaction.DERATE),
                TierRule.limit(4.18, 4.05, 1, 0, Reaction.OPEN_CONTACTORS), false));
        rules.put(FaultId.CELL_UNDERTEMPERATURE_DISCHARGE, new FaultRule(FaultId.CELL_UNDERTEMPERATURE_DISCHARGE,
                TierRule.limit(-20, -17, 1, 0, Reaction.NONE),
                TierRule.DISABLED,
                TierRule.limit(-15, -13, 1, 0, Reaction.OPEN_CONTACTORS), false));
        assertThat(problemsOf(rules)).containsExactly(
                "CELL_OVERVOLTAGE.warning: threshold 4.2 must be above the info threshold 4.2 (tiers must grow more severe)",
                "CELL_OVERVOLTAGE.fatal: threshold 4.18 must be above the warning threshold 4.2 (tiers must grow more severe)",
                "CELL_UNDERTEMPERATURE_DISCHARGE.fatal: threshold -15.0 must be below the info threshold -20.0 "
                        + "(tiers must grow more severe)");
    }

    @Test
    void shouldReportEveryViolationOfATableAtOnce() {
        Map<FaultId, FaultRule> rules = allDisabled();
        rules.remove(FaultId.CELL_OVERVOLTAGE);
        rules.put(FaultId.CELL_UNDERVOLTAGE, fatalOnly(FaultId.CELL_UNDERVOLTAGE,
                TierRule.limit(2.5, 3.0, 50, 0, Reaction.OPEN_CONTACTORS), false));
        rules.put(FaultId.CELL_DEEP_DISCHARGE, fatalOnly(FaultId.CELL_DEEP_DISCHARGE,
                TierRule.limit(2.5, 2.8, 50, 0, Reaction.OPEN_CONTACTORS), true));
        rules.put(FaultId.OVERCURRENT_CHARGE, new FaultRule(FaultId.OVERCURRENT_CHARGE,
                TierRule.limit(3.0, 2.8, 1, 0, Reaction.NONE), TierRule.limit(2.9, 3.0, 1, 0, Reaction.DERATE),
                TierRule.DISABLED, false));
        rules.put(FaultId.OPEN_WIRE, new FaultRule(FaultId.OPEN_WIRE, TierRule.DISABLED,
                TierRule.limit(0.4, 0.1, 1, 0, Reaction.BLOCK_POWER), TierRule.DISABLED, false));
        rules.put(FaultId.CONTACTOR_WELDED, new FaultRule(FaultId.CONTACTOR_WELDED, TierRule.DISABLED,
                TierRule.DISABLED, TierRule.DISABLED, true));
        rules.put(FaultId.PRECHARGE_FAILED, fatalOnly(FaultId.CONTACTOR_WELDED,
                TierRule.condition(1, 0, Reaction.OPEN_CONTACTORS), true));

        InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
                () -> new DiagnosisTable(rules));
        List<String> expected = List.of(
                "CELL_OVERVOLTAGE: no rule; every fault needs one (disable its tiers to switch it off)",
                "OVERCURRENT_CHARGE.warning: reset 3.0 must be on the safe side of threshold 2.9 (below it)",
                "OVERCURRENT_CHARGE.warning: threshold 2.9 must be above the info threshold 3.0 "
                        + "(tiers must grow more severe)",
                "OPEN_WIRE.warning: a condition fault takes no threshold or reset",
                "CONTACTOR_WELDED: latching, but no tier is enabled",
                "PRECHARGE_FAILED: the rule given is for CONTACTOR_WELDED",
                "CELL_DEEP_DISCHARGE.fatal: threshold 2.5 must be below the CELL_UNDERVOLTAGE fatal threshold 2.5 "
                        + "(the under-voltage trip must come first)");
        assertThat(e.problems()).containsExactlyElementsOf(expected);
        assertThat(e).hasMessage("7 problems:\n  - " + String.join("\n  - ", expected));
    }

    @Test
    void shouldUseTheSingleProblemAsTheMessage() {
        Map<FaultId, FaultRule> rules = allDisabled();
        rules.put(FaultId.CONTROL_LOOP_OVERRUN, new FaultRule(FaultId.CONTROL_LOOP_OVERRUN, TierRule.DISABLED,
                TierRule.DISABLED, TierRule.DISABLED, true));
        assertThatThrownBy(() -> new DiagnosisTable(rules))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("CONTROL_LOOP_OVERRUN: latching, but no tier is enabled");
    }

    @Test
    void shouldAllowADeepDischargeFatalBelowTheUnderVoltageFatal() {
        Map<FaultId, FaultRule> rules = allDisabled();
        rules.put(FaultId.CELL_UNDERVOLTAGE, fatalOnly(FaultId.CELL_UNDERVOLTAGE,
                TierRule.limit(2.5, 3.0, 50, 0, Reaction.OPEN_CONTACTORS), false));
        rules.put(FaultId.CELL_DEEP_DISCHARGE, fatalOnly(FaultId.CELL_DEEP_DISCHARGE,
                TierRule.limit(2.49, 2.8, 50, 0, Reaction.OPEN_CONTACTORS), true));
        assertThat(new DiagnosisTable(rules).rule(FaultId.CELL_DEEP_DISCHARGE).latching()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0|events must be 1 or more, got 0",
        "1|-1|delay must be zero or more, got -1 ns",
    })
    void shouldRejectAnEnabledTierWithoutEventsOrWithANegativeDelay(int events, long delayNs, String expected) {
        assertThatThrownBy(() -> TierRule.limit(4.25, 4.05, events, delayNs, Reaction.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected);
    }

    // ---- the event log ---------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"2, 2", "3, 4", "4, 4", "5, 8", "1000, 1024", "1024, 1024", "1025, 2048"})
    void shouldRoundTheEventLogCapacityUpToAPowerOfTwo(int asked, int expected) {
        assertThat(new EventLog(asked).capacity()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1", "0", "-8"})
    void shouldRejectAnEventLogOfFewerThanTwoEvents(int capacity) {
        assertThatThrownBy(() -> new EventLog(capacity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event log capacity must be 2 or more, got " + capacity);
    }

    @Test
    void shouldReadBackEveryEventBeforeTheRingWraps() {
        EventLog ring = new EventLog(6); // 8 slots
        for (int n = 0; n < 5; n++) {
            ring.append(n * MS, EventType.REQUEST, n, -1, n / 2.0);
        }
        assertThat(ring.count()).isEqualTo(5);
        assertThat(ring.oldest()).isZero();
        Event e = new Event();
        assertThat(ring.read(3, e)).isTrue();
        assertThat(e.sequence()).isEqualTo(3);
        assertThat(e.timeNs()).isEqualTo(3 * MS);
        assertThat(e.type()).isEqualTo(EventType.REQUEST);
        assertThat(e.code()).isEqualTo(3);
        assertThat(e.level()).isEqualTo(-1);
        assertThat(e.value()).isEqualTo(1.5);
        assertThat(ring.read(5, e)).as("not written yet").isFalse();
        assertThat(ring.read(-1, e)).isFalse();
    }

    @Test
    void shouldLoseTheOldestEventsOnceTheRingWraps() {
        EventLog ring = new EventLog(8);
        for (int n = 0; n < 20; n++) {
            ring.append(n, EventType.STATE_CHANGED, n, n - 1, Double.NaN);
        }
        assertThat(ring.count()).isEqualTo(20);
        // 8 slots hold 12..19, but the slot of 12 is the next one the writer fills: 13 is the oldest safe one
        assertThat(ring.oldest()).isEqualTo(13);
        Event e = new Event();
        for (long s = 13; s < 20; s++) {
            assertThat(ring.read(s, e)).as("sequence %d", s).isTrue();
            assertThat(e.code()).isEqualTo((int) s);
            assertThat(e.level()).isEqualTo((int) s - 1);
            assertThat(e.timeNs()).isEqualTo(s);
        }
        assertThat(ring.read(12, e)).isFalse();
        assertThat(ring.read(4, e)).as("overwritten by 12").isFalse();
        assertThat(ring.read(0, e)).isFalse();
        assertThat(ring.read(20, e)).as("not written yet").isFalse();
    }
}
