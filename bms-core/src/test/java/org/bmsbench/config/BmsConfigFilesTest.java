package org.bmsbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultRule;
import org.bmsbench.firmware.diag.Reaction;
import org.bmsbench.firmware.diag.TierRule;
import org.bmsbench.firmware.soc.SocConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BMS configuration loader: the bundled defaults, overrides laid over them, and every problem reported with
 * file, line, column and key path. Overrides are written inline; line numbers count from the first line of the
 * YAML text (line 1).
 */
class BmsConfigFilesTest {
    private static final long MS = 1_000_000L;

    private static BmsConfig withOverrides(String yaml) {
        return BmsConfigFiles.withOverrides(ConfigNode.parse("bms.yaml", yaml));
    }

    /** Asserts every part of {@code changed} but the ones named equals the defaults. */
    private static void assertUnchangedBut(BmsConfig changed, BmsConfig defaults, String... parts) {
        Set<String> except = Set.of(parts);
        assertThat(changed.cell().name()).isEqualTo(defaults.cell().name());
        assertThat(changed.parallel()).isEqualTo(defaults.parallel());
        assertThat(changed.cellsPerTemperatureSensor()).isEqualTo(defaults.cellsPerTemperatureSensor());
        assertThat(changed.tasks()).isEqualTo(defaults.tasks());
        assertThat(changed.acquisition()).isEqualTo(defaults.acquisition());
        if (!except.contains("soc")) {
            assertThat(changed.soc()).isEqualTo(defaults.soc());
        }
        assertThat(changed.balancing()).isEqualTo(defaults.balancing());
        assertThat(changed.contactors()).isEqualTo(defaults.contactors());
        assertThat(changed.limits()).isEqualTo(defaults.limits());
        assertThat(changed.openWire()).isEqualTo(defaults.openWire());
        assertThat(changed.eventLogCapacity()).isEqualTo(defaults.eventLogCapacity());
        Map<FaultId, FaultRule> rules = new EnumMap<>(changed.diagnosis().rules());
        Map<FaultId, FaultRule> defaultRules = new EnumMap<>(defaults.diagnosis().rules());
        for (String part : parts) {
            if (part.startsWith("diagnosis.")) {
                FaultId id = FaultId.valueOf(part.substring("diagnosis.".length()));
                rules.remove(id);
                defaultRules.remove(id);
            }
        }
        assertThat(rules).isEqualTo(defaultRules);
    }

    // ---- the defaults and overrides ----------------------------------------------------------------------

    @Test
    void shouldLoadTheBundledDefaults() {
        BmsConfig config = BmsConfigFiles.defaults();
        assertThat(config.cell().name()).isEqualTo("panasonic-18650pf");
        assertThat(config.parallel()).isEqualTo(1);
        assertThat(config.tasks().fastPeriodNs()).isEqualTo(1 * MS);
        assertThat(config.tasks().mainPeriodNs()).isEqualTo(10 * MS);
        assertThat(config.tasks().slowPeriodNs()).isEqualTo(100 * MS);
        assertThat(config.tasks().overrunToleranceNs()).isEqualTo(2 * MS);
        assertThat(config.acquisition().staleAfterNs()).isEqualTo(250 * MS);
        assertThat(config.soc().estimator()).isEqualTo(SocConfig.Estimator.EKF);
        assertThat(config.balancing().strategy()).isEqualTo(BalancingConfig.Strategy.VOLTAGE);
        assertThat(config.contactors().recloseLockoutNs()).isEqualTo(10_000 * MS);
        assertThat(config.eventLogCapacity()).isEqualTo(4096);
        assertThat(config.diagnosis().rule(FaultId.CELL_OVERVOLTAGE).fatal())
                .isEqualTo(TierRule.limit(4.25, 4.05, 50, 200 * MS, Reaction.OPEN_CONTACTORS));
        assertThat(config.diagnosis().rule(FaultId.CELL_DEEP_DISCHARGE).latching()).isTrue();
        assertThat(config.diagnosis().rule(FaultId.CELL_DEEP_DISCHARGE).info()).isEqualTo(TierRule.DISABLED);
    }

    @Test
    void shouldChangeOnlyTheEstimatorAnOverrideGives() {
        BmsConfig defaults = BmsConfigFiles.defaults();
        BmsConfig config = withOverrides("""
                soc:
                  estimator: coulomb
                """);
        assertThat(config.soc().estimator()).isEqualTo(SocConfig.Estimator.COULOMB);
        assertThat(config.soc().restTimeS()).isEqualTo(600.0);
        assertThat(config.soc().restCurrentA()).isEqualTo(0.2);
        assertThat(config.soc().voltageSigmaV()).isEqualTo(defaults.soc().voltageSigmaV());
        assertUnchangedBut(config, defaults, "soc");
    }

    @Test
    void shouldChangeOnlyTheThresholdAnOverrideGives() {
        BmsConfig defaults = BmsConfigFiles.defaults();
        BmsConfig config = withOverrides("""
                diagnosis:
                  CELL_OVERVOLTAGE:
                    fatal: {threshold: 4.30}
                """);
        FaultRule rule = config.diagnosis().rule(FaultId.CELL_OVERVOLTAGE);
        FaultRule before = defaults.diagnosis().rule(FaultId.CELL_OVERVOLTAGE);
        assertThat(rule.fatal()).isEqualTo(TierRule.limit(4.30, 4.05, 50, 200 * MS, Reaction.OPEN_CONTACTORS));
        assertThat(rule.info()).isEqualTo(before.info());
        assertThat(rule.warning()).isEqualTo(before.warning());
        assertThat(rule.latching()).isFalse();
        assertUnchangedBut(config, defaults, "diagnosis.CELL_OVERVOLTAGE");
    }

    @Test
    void shouldSwitchATierOffAndLatchAFaultWhenAnOverrideSaysSo() {
        BmsConfig defaults = BmsConfigFiles.defaults();
        BmsConfig config = withOverrides("""
                diagnosis:
                  OPEN_WIRE:
                    latching: true
                    warning: {enabled: false}
                    fatal: {events: 3, delay_ms: 20, reaction: open_contactors}
                """);
        FaultRule rule = config.diagnosis().rule(FaultId.OPEN_WIRE);
        assertThat(rule.latching()).isTrue();
        assertThat(rule.warning()).isEqualTo(TierRule.DISABLED);
        assertThat(rule.fatal()).isEqualTo(TierRule.condition(3, 20 * MS, Reaction.OPEN_CONTACTORS));
        assertUnchangedBut(config, defaults, "diagnosis.OPEN_WIRE");
    }

    // ---- problems, one at a time --------------------------------------------------------------------------

    static Stream<Arguments> oneProblem() {
        return Stream.of(
            Arguments.of("an unknown top-level key", """
                soc:
                  estimator: coulomb
                socc: 1
                """,
                "bms.yaml:3:1: socc: unknown key 'socc'; expected one of: acquisition, balancing, cell, "
                        + "contactors, diagnosis, event_log_capacity, limits, open_wire, pack, soc, tasks, vehicle"),
            Arguments.of("an unknown key in a fault tier", """
                diagnosis:
                  CELL_OVERVOLTAGE:
                    fatal:
                      threshold: 4.3
                      dealy_ms: 100
                """,
                "bms.yaml:5:7: diagnosis.CELL_OVERVOLTAGE.fatal.dealy_ms: unknown key 'dealy_ms'; "
                        + "expected one of: delay_ms, enabled, events, reaction, reset, threshold"),
            Arguments.of("an unknown key in a fault", """
                diagnosis:
                  CELL_OVERVOLTAGE:
                    critical: {threshold: 4.3}
                """,
                "bms.yaml:3:5: diagnosis.CELL_OVERVOLTAGE.critical: unknown key 'critical'; "
                        + "expected one of: fatal, info, latching, warning"),
            Arguments.of("an unknown estimator", """
                soc:
                  estimator: kalman
                """,
                "bms.yaml:2:14: soc.estimator: expected one of ekf, spkf, coulomb, none, got 'kalman'"),
            Arguments.of("an unknown reaction", """
                diagnosis:
                  CELL_OVERVOLTAGE:
                    fatal: {reaction: shutdown}
                """,
                "bms.yaml:3:23: diagnosis.CELL_OVERVOLTAGE.fatal.reaction: expected one of none, derate, "
                        + "block_charge, block_discharge, block_power, open_contactors, got 'shutdown'"),
            Arguments.of("an unknown balancing strategy", """
                balancing:
                  strategy: history
                """,
                "bms.yaml:2:13: balancing.strategy: expected one of none, voltage, soc, got 'history'"),
            Arguments.of("a threshold on a condition fault", """
                diagnosis:
                  OPEN_WIRE:
                    warning: {threshold: 0.4, events: 1}
                """,
                "bms.yaml:3:14: diagnosis.OPEN_WIRE.warning: OPEN_WIRE is a condition (the open-wire check found "
                        + "a broken sense wire): it takes no threshold or reset"),
            Arguments.of("a tier with no events", """
                diagnosis:
                  CELL_OVERVOLTAGE:
                    fatal: {events: 0}
                """,
                "bms.yaml:3:21: diagnosis.CELL_OVERVOLTAGE.fatal.events: expected a whole number of 1 or more, "
                        + "got 0"),
            Arguments.of("a main task that is not a multiple of the fast one", """
                tasks:
                  fast_ms: 2
                  main_ms: 7
                """,
                "bms.yaml:2:3: tasks: tasks.main_ms (7.0 ms) must be a whole multiple of tasks.fast_ms (2.0 ms)"),
            Arguments.of("a slow task that is not a multiple of the default main one", """
                tasks: {slow_ms: 25}
                """,
                "bms.yaml:1:8: tasks: tasks.slow_ms (25.0 ms) must be a whole multiple of tasks.main_ms (10.0 ms)"),
            Arguments.of("a cell preset that does not exist", """
                cell: lg-m50
                """,
                "bms.yaml:1:7: cell: lg-m50: not a bundled cell preset (panasonic-18650pf) nor a path to a "
                        + ".yaml cell file"),
            Arguments.of("overrides that are not a map", """
                - soc
                """,
                "bms.yaml:1:1: expected a map of keys to values, got a list"),
            Arguments.of("a second document", """
                soc: {estimator: ekf}
                ---
                soc: {estimator: spkf}
                """,
                "bms.yaml:3:1: a second YAML document: a file holds one (remove the '---' and what follows, or"
                        + " merge them)")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneProblem")
    void shouldNameFileLineAndKeyOfEachProblem(String what, String yaml, String expected) {
        assertThatThrownBy(() -> withOverrides(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessage(expected);
    }

    // ---- every problem at once ---------------------------------------------------------------------------------

    @Test
    void shouldReportEveryProblemInAFileAcrossKeysAndBlocks() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> withOverrides("""
                soc:
                  estimator: kalman
                  rest_time_s: long
                balancing: {strategy: history, threshold_v: 0.01, hysteresis_v: 0.02}
                tasks: {fast_ms: 2, main_ms: 7}
                socc: 1
                pack: {parallel: 2, cells_per_sensor: 4}
                diagnosis:
                  CELL_OVERVOLTAGE:
                    fatal: {reaction: shutdown}
                    info: {events: 0}
                """));
        assertThat(e).hasMessage("""
                bms.yaml: 8 problems:
                  - bms.yaml:2:14: soc.estimator: expected one of ekf, spkf, coulomb, none, got 'kalman'
                  - bms.yaml:3:16: soc.rest_time_s: expected a number, got text 'long'
                  - bms.yaml:4:23: balancing.strategy: expected one of none, voltage, soc, got 'history'
                  - bms.yaml:5:8: tasks: tasks.main_ms (7.0 ms) must be a whole multiple of tasks.fast_ms (2.0 ms)
                  - bms.yaml:6:1: socc: unknown key 'socc'; expected one of: acquisition, balancing, cell, contactors, \
                diagnosis, event_log_capacity, limits, open_wire, pack, soc, tasks, vehicle
                  - bms.yaml:7:21: pack.cells_per_sensor: unknown key 'cells_per_sensor'; expected one of: \
                cells_per_temperature_sensor, parallel
                  - bms.yaml:10:23: diagnosis.CELL_OVERVOLTAGE.fatal.reaction: expected one of none, derate, \
                block_charge, block_discharge, block_power, open_contactors, got 'shutdown'
                  - bms.yaml:11:20: diagnosis.CELL_OVERVOLTAGE.info.events: expected a whole number of 1 \
                or more, got 0""");
        assertThat(e.problems()).hasSize(8).allSatisfy(problem -> {
            assertThat(problem.source()).isEqualTo("bms.yaml");
            assertThat(problem.line()).isPositive();
            assertThat(problem.path()).isNotEmpty();
        });
    }

    @Test
    void shouldReportEveryFaultThatCannotBeReadNotOnlyTheFirst() {
        assertThatThrownBy(() -> withOverrides("""
                diagnosis:
                  CELL_OVERVOLTAGE: 5
                  OPEN_WIRE:
                    warning: {reaction: explode, events: 0}
                  CELL_UNDERVOLTAGE:
                    fatal: [2.5]
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("""
                        bms.yaml: 4 problems in the diagnosis table:
                          - bms.yaml:2:21: diagnosis.CELL_OVERVOLTAGE: expected a map of keys to values, got 5
                          - bms.yaml:6:12: diagnosis.CELL_UNDERVOLTAGE.fatal: expected a map of keys to values, got a \
                        list
                          - bms.yaml:4:42: diagnosis.OPEN_WIRE.warning.events: expected a whole number of 1 or more, \
                        got 0
                          - bms.yaml:4:25: diagnosis.OPEN_WIRE.warning.reaction: expected one of none, derate, \
                        block_charge, block_discharge, block_power, open_contactors, got 'explode'""");
    }

    @Test
    void shouldReportEveryProblemInAScenariosBmsBlock() {
        assertThatThrownBy(() -> ScenarioFiles.parse(ConfigNode.parse("s.yaml", """
                name: s
                pack: {series: 4, initial: {soc: 0.5}}
                profile:
                  - rest: {duration_s: 1}
                expect:
                  - {state: normal, by_s: 1}
                bms:
                  soc: {estimator: kalman}
                  tasks: {slow_ms: 25}
                """), java.nio.file.Path.of(".")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("""
                        s.yaml: 2 problems:
                          - s.yaml:8:20: bms.soc.estimator: expected one of ekf, spkf, coulomb, none, got 'kalman'
                          - s.yaml:9:10: bms.tasks: tasks.slow_ms (25.0 ms) must be a whole multiple of tasks.main_ms \
                        (10.0 ms)""");
    }

    // ---- the diagnosis table, checked as a whole ------------------------------------------------------------

    @Test
    void shouldLocateATableViolationAtTheTierInTheOverrideFile() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> withOverrides("""
                diagnosis:
                  CELL_OVERVOLTAGE:
                    fatal: {threshold: 4.25, reset: 4.30}
                """));
        assertThat(e).hasMessage("bms.yaml:3:12: diagnosis.CELL_OVERVOLTAGE.fatal: reset 4.3 must be on the safe "
                + "side of threshold 4.25 (below it)");
        assertThat(e.source()).isEqualTo("bms.yaml");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.path()).isEqualTo("diagnosis.CELL_OVERVOLTAGE.fatal");
    }

    @Test
    void shouldReportEveryTableViolationTogetherEachAtItsOwnLine() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> withOverrides("""
                diagnosis:
                  CELL_OVERVOLTAGE:
                    warning: {threshold: 4.30}
                    fatal: {reset: 4.30}
                  CELL_DEEP_DISCHARGE:
                    fatal: {threshold: 2.6, reset: 2.8}
                  CONTACTOR_WELDED:
                    fatal: {enabled: false}
                """));
        assertThat(e).hasMessage("""
                bms.yaml: 4 problems in the diagnosis table:
                  - bms.yaml:4:12: diagnosis.CELL_OVERVOLTAGE.fatal: reset 4.3 must be on the safe side of \
                threshold 4.25 (below it)
                  - bms.yaml:4:12: diagnosis.CELL_OVERVOLTAGE.fatal: threshold 4.25 must be above the warning \
                threshold 4.3 (tiers must grow more severe)
                  - bms.yaml:8:5: diagnosis.CONTACTOR_WELDED: latching, but no tier is enabled
                  - bms.yaml:6:12: diagnosis.CELL_DEEP_DISCHARGE.fatal: threshold 2.6 must be below the \
                CELL_UNDERVOLTAGE fatal threshold 2.5 (the under-voltage trip must come first)""");
    }

    @Test
    void shouldRejectAnUnderVoltageTripBelowTheDefaultDeepDischargeTrip() {
        // the violation is reported at the deep-discharge tier, which here is the bundled default's
        assertThatThrownBy(() -> withOverrides("""
                diagnosis:
                  CELL_UNDERVOLTAGE:
                    fatal: {threshold: 1.9, reset: 2.2}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("diagnosis.CELL_DEEP_DISCHARGE.fatal: threshold 2.0 must be below the "
                        + "CELL_UNDERVOLTAGE fatal threshold 1.9 (the under-voltage trip must come first)");
    }
}
