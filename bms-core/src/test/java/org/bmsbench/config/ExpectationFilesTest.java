package org.bmsbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bmsbench.scenario.Expectation;
import org.junit.jupiter.api.Test;

/** The {@code expect:} list: each kind read, and each mistake said with line, key and what was expected. */
class ExpectationFilesTest {
    private static List<Expectation> read(String yaml) {
        return ExpectationFiles.read(ConfigNode.parse("expect.yaml", yaml).get("expect"));
    }

    private static void refused(String item, String message) {
        assertThatThrownBy(() -> read("expect:\n  - " + item + "\n")).isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void shouldReadEveryKind() {
        List<Expectation> expectations = read("""
                expect:
                  - {fault: CELL_OVERVOLTAGE, level: fatal, between_s: [30.49, 30.52]}
                  - {fault: CELL_OVERVOLTAGE, by_s: 31}
                  - {no_fault: any, level: fatal}
                  - {contactors: open, by_s: 30.75}
                  - {state: normal, by_s: 2}
                  - {signal: cell_voltage_max_v, max_below: 4.25, after_s: 1}
                  - {soc_error: {rms_below: 0.02}}
                  - {can: BMS_Status, signal: BMS_State, value: 2, by_s: 1}
                """);

        assertThat(expectations).hasExactlyElementsOfTypes(Expectation.FaultRaised.class,
                Expectation.FaultRaised.class, Expectation.NoFault.class, Expectation.Contactors.class,
                Expectation.State.class, Expectation.SignalBound.class, Expectation.SocError.class,
                Expectation.CanValue.class);
        // each kind is named by the key that writes it (a JUnit failure's type, for one)
        assertThat(expectations).extracting(e -> e.kind().id()).containsExactly("fault", "fault", "no_fault",
                "contactors", "state", "signal", "soc_error", "can");
        assertThat(expectations.get(2).start().finish(0).kind()).isEqualTo(Expectation.Kind.NO_FAULT);
    }

    @Test
    void shouldJudgeACanValueWithinItsTolerance() {
        List<Expectation> expectations = read("""
                expect:
                  - {can: BmsPackValues, signal: PackCurrent, value: 3, within: 0.1, by_s: 1}
                  - {can: BmsPackValues, signal: PackCurrent, value: 3, by_s: 1}
                """);
        for (int i = 0; i < 2; i++) {
            Expectation.Check check = expectations.get(i).start();
            check.onBusValue(900_000_000L, "BmsPackValues", "PackCurrent", 3.05);
            assertThat(check.finish(1_000_000_000L).passed()).as(expectations.get(i).describe()).isEqualTo(i == 0);
        }
        assertThat(expectations.get(0).describe()).isEqualTo("CAN BmsPackValues.PackCurrent = 3.00000 +- 0.100000"
                + " by 1.00000 s");
        refused("{can: BmsPackValues, signal: PackCurrent, value: 3, within: -1, by_s: 1}",
                "expect.yaml:2:65: expect[0].within: within must be a finite number, zero or more, got -1.0");
    }

    @Test
    void shouldSayWhatIsWrongAndWhere() {
        refused("{voltage: 4}", "expect.yaml:2:5: expect[0]: unknown expectation; expected a map with one of:"
                + " can, contactors, fault, no_fault, signal, soc_error, state");
        refused("{fault: CELL_OVERVOLTAGE, between_s: [3, 2]}",
                "expect.yaml:2:42: expect[0].between_s: expected [from, to] with 0 <= from <= to, seconds");
        refused("{contactors: shut, by_s: 1}",
                "expect.yaml:2:18: expect[0].contactors: expected one of open, precharge, closed, got 'shut'");
        refused("{signal: cell_voltage_max_v, max_below: 4.25, min_above: 3}",
                "expect.yaml:2:5: expect[0]: expected exactly one of max_below, min_above, final_below, final_above,"
                        + " got max_below, min_above");
        refused("{signal: bms_state, max_below: 1}", "expect.yaml:2:14: expect[0].signal: bms_state is a word, not a"
                + " number: expect it with {state: ..., by_s: ...}");
        refused("{soc_error: {after_s: 10}}", "expect.yaml:2:17: expect[0].soc_error: give rms_below, max_below or"
                + " both");
    }
}
