package org.bmsbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.bmsbench.firmware.Key;
import org.junit.jupiter.api.Test;

/** The record binder: keys by the naming rule, values by the component types, every problem at once. */
class RecordBinderTest {
    private static final RecordBinder BINDER = new RecordBinder();

    enum Mode { FAST, SLOW_AND_STEADY }

    record Inner(double thresholdV, boolean enabled) {
        Inner {
            if (!(thresholdV > 0)) {
                throw new IllegalArgumentException("inner.threshold_v must be above zero, got " + thresholdV);
            }
        }
    }

    record Sample(double restCurrentA, long staleAfterNs, @Key("lockout_s") long lockoutNs, int count, Mode mode,
                  String name, Inner inner, @Key("group.low_v") double lowV, @Key("group.high_v") double highV) {
        Sample {
            if (!(highV > lowV)) {
                throw new IllegalArgumentException("group.high_v (" + highV + ") must be above low_v (" + lowV + ")");
            }
        }
    }

    private static final String GOOD = """
            rest_current_a: 0.2
            stale_after_ms: 250
            lockout_s: 1.5
            count: 3
            mode: slow_and_steady
            name: pack-a
            inner: {threshold_v: 0.4, enabled: true}
            group:
              low_v: 2.5
              high_v: 4.2
            """;

    private static Sample bind(String yaml) {
        return BINDER.bind(Sample.class, ConfigNode.parse("s.yaml", yaml));
    }

    @Test
    void shouldDeriveTheKeysFromTheComponentNames() {
        assertThat(BINDER.keys(Sample.class)).containsExactly("rest_current_a", "stale_after_ms", "lockout_s",
                "count", "mode", "name", "inner.threshold_v", "inner.enabled", "group.low_v", "group.high_v");
    }

    @Test
    void shouldReadEachValueByItsComponentTypeAndDurationsByTheirKeyUnit() {
        assertThat(bind(GOOD)).isEqualTo(new Sample(0.2, 250_000_000L, 1_500_000_000L, 3, Mode.SLOW_AND_STEADY,
                "pack-a", new Inner(0.4, true), 2.5, 4.2));
    }

    @Test
    void shouldReadASingleProblemAsBefore() {
        assertThatThrownBy(() -> bind(GOOD.replace("count: 3", "count: three")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("s.yaml:4:8: count: expected a whole number, got text 'three'");
        assertThatThrownBy(() -> bind(GOOD.replace("mode: slow_and_steady", "mode: slow")))
                .hasMessage("s.yaml:5:7: mode: expected one of fast, slow_and_steady, got 'slow'");
        assertThatThrownBy(() -> bind(GOOD.replace("rest_current_a: 0.2", "rest_current_a: 0.2\ncuont: 3")))
                .hasMessage("s.yaml:2:1: cuont: unknown key 'cuont'; expected one of: count, group, inner,"
                        + " lockout_s, mode, name, rest_current_a, stale_after_ms");
        assertThatThrownBy(() -> bind(GOOD.replace("stale_after_ms: 250\n", "")))
                .hasMessage("s.yaml:1:1: missing required key 'stale_after_ms'");
    }

    @Test
    void shouldLocateAConstructorsRejectionAtItsBlock() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> bind(GOOD.replace("{threshold_v: 0.4", "{threshold_v: -1")));
        assertThat(e).hasMessage("s.yaml:7:8: inner: inner.threshold_v must be above zero, got -1.0");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.path()).isEqualTo("inner");
    }

    @Test
    void shouldReportEveryProblemAcrossKeysAndBlocks() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> bind("""
                rest_current_a: low
                stale_after_ms: 250
                lockout_s: 1.5
                count: 3
                mode: slow
                name: pack-a
                inner: {threshold_v: 0.4, enabled: yes please, colour: red}
                group:
                  low_v: 2.5
                  hgih_v: 4.2
                """));
        assertThat(e).hasMessage("""
                s.yaml: 6 problems:
                  - s.yaml:1:17: rest_current_a: expected a number, got text 'low'
                  - s.yaml:5:7: mode: expected one of fast, slow_and_steady, got 'slow'
                  - s.yaml:7:48: inner.colour: unknown key 'colour'; expected one of: enabled, threshold_v
                  - s.yaml:7:36: inner.enabled: expected true or false, got text 'yes please'
                  - s.yaml:9:3: group: missing required key 'high_v'
                  - s.yaml:10:3: group.hgih_v: unknown key 'hgih_v'; expected one of: high_v, low_v""");
        assertThat(e.problems()).hasSize(6).allSatisfy(p -> assertThat(p.line()).isPositive());
    }

    @Test
    void shouldCheckTheConstructorOfABlockWhoseValuesAllRead() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> bind(GOOD
                .replace("count: 3", "count: 3\nextra: 1")
                .replace("high_v: 4.2", "high_v: 2.0")));
        assertThat(e.problems()).extracting(ConfigException::getMessage).containsExactly(
                "s.yaml:1:1: group.high_v (2.0) must be above low_v (2.5)",
                "s.yaml:5:1: extra: unknown key 'extra'; expected one of: count, group, inner, lockout_s, mode, name,"
                        + " rest_current_a, stale_after_ms");
    }
}
