package org.bmsbench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactorCircuitTest {
    private static final ContactorConfig CONFIG = ContactorConfig.DEFAULT; // 30 ms close, 50 Ohm, 1 mF, 100 kOhm
    private static final double PACK_V = 400.0;
    private static final double PACK_R = 0.1;

    private static final long MS = 1_000_000L;

    private static int stepsUntilClosed(ContactorCircuit circuit, Contactor contactor, long dtNs) {
        int steps = 0;
        while (!contactor.isClosed()) {
            circuit.step(dtNs, PACK_V, PACK_R, 0);
            steps++;
        }
        return steps;
    }

    @Test
    void shouldCloseAfterItsClosingTimeAndOpenAfterItsOpeningTime() {
        ContactorCircuit circuit = new ContactorCircuit(CONFIG);
        circuit.mainNegative().command(true);
        assertThat(stepsUntilClosed(circuit, circuit.mainNegative(), MS)).isEqualTo(30);
        circuit.mainNegative().command(false);
        int steps = 0;
        while (circuit.mainNegative().isClosed()) {
            circuit.step(MS, PACK_V, PACK_R, 0);
            steps++;
        }
        assertThat(steps).isEqualTo(10);
        assertThat(circuit.mainNegative().feedbackClosed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {100_000L, 1_000_000L, 10_000_000L})
    void shouldCloseOnTimeWhateverTheStep(long dtNs) {
        ContactorCircuit circuit = new ContactorCircuit(CONFIG);
        circuit.precharge().command(true);
        assertThat(stepsUntilClosed(circuit, circuit.precharge(), dtNs) * dtNs).isEqualTo(30_000_000L);
    }

    @ParameterizedTest
    @ValueSource(longs = {100_000L, 1_000_000L, 10_000_000L})
    void shouldChargeTheLinkAlongTheExactPrechargeCurve(long dtNs) {
        double dtS = dtNs * 1e-9;
        ContactorCircuit circuit = new ContactorCircuit(CONFIG);
        circuit.mainNegative().command(true);
        circuit.precharge().command(true);
        stepsUntilClosed(circuit, circuit.precharge(), dtNs);
        assertThat(circuit.linkVoltageV()).isZero();
        // E through (R_pack + R_pre) into C with R_d across it:
        // V(t) = V_inf (1 - exp(-t/tau)), V_inf = E / (1 + R/R_d), tau = C R / (1 + R/R_d)
        double r = PACK_R + 50.0;
        double vInf = PACK_V / (1 + r / 1e5);
        double tau = 1e-3 * r / (1 + r / 1e5);
        int steps = (int) Math.round(0.35 / dtS);
        for (int n = 1; n <= steps; n++) {
            double current = circuit.step(dtNs, PACK_V, PACK_R, 500.0); // the load waits during precharge
            if (n == 1) {
                // the first step's average current: charge moved divided by the step
                double vEnd = vInf * (1 - Math.exp(-dtS / tau));
                double mean = (1e-3 * vEnd + dtS * (vInf - vInf * tau / dtS * (1 - Math.exp(-dtS / tau))) / 1e5) / dtS;
                assertThat(current).isCloseTo(mean, within(1e-9 * Math.max(1, mean)));
            }
        }
        assertThat(circuit.linkVoltageV()).isCloseTo(vInf * (1 - Math.exp(-0.35 / tau)), within(1e-9));
        assertThat(PACK_V - circuit.linkVoltageV()).as("within 1 V after 350 ms").isLessThan(1.0);
    }

    @Test
    void shouldCarryTheLoadOnlyOnceBothMainContactorsAreClosed() {
        ContactorCircuit circuit = new ContactorCircuit(CONFIG);
        circuit.mainPositive().command(true);
        stepsUntilClosed(circuit, circuit.mainPositive(), MS);
        assertThat(circuit.step(MS, PACK_V, PACK_R, 100.0)).isZero();
        circuit.mainNegative().command(true);
        stepsUntilClosed(circuit, circuit.mainNegative(), MS);
        for (int n = 0; n < 100; n++) {
            circuit.step(MS, PACK_V, PACK_R, 100.0);
        }
        // steady state: the load plus the discharge resistor
        double v = (PACK_V - PACK_R * 100.0) / (1 + PACK_R / 1e5);
        assertThat(circuit.linkVoltageV()).isCloseTo(v, within(1e-6));
        assertThat(circuit.packCurrentA()).isCloseTo(100.0 + v / 1e5, within(1e-6));
    }

    @Test
    void shouldKeepAWeldedContactorClosedAndCountOpeningsUnderLoad() {
        ContactorCircuit circuit = new ContactorCircuit(CONFIG);
        circuit.mainNegative().command(true);
        circuit.mainPositive().command(true);
        stepsUntilClosed(circuit, circuit.mainPositive(), MS);
        for (int n = 0; n < 20; n++) {
            circuit.step(MS, PACK_V, PACK_R, 300.0);
        }
        circuit.mainNegative().setWelded(true);
        circuit.mainNegative().command(false);
        circuit.mainPositive().command(false);
        for (int n = 0; n < 50; n++) {
            circuit.step(MS, PACK_V, PACK_R, 300.0);
        }
        assertThat(circuit.mainNegative().isClosed()).isTrue();
        assertThat(circuit.mainNegative().feedbackClosed()).isTrue();
        assertThat(circuit.mainPositive().isClosed()).isFalse();
        assertThat(circuit.mainPositive().openingsAboveLimit()).isOne();
        assertThat(circuit.mainPositive().largestBreakCurrentA()).isCloseTo(300.0, within(0.1));
        assertThat(circuit.precharge().openings()).isZero();
        assertThat(circuit.packCurrentA()).isZero();
        // Released from the weld, it opens after its normal opening time.
        circuit.mainNegative().setWelded(false);
        for (int n = 0; n < 10; n++) {
            circuit.step(MS, PACK_V, PACK_R, 0);
        }
        assertThat(circuit.mainNegative().isClosed()).isFalse();
    }

    @Test
    void shouldOpenThePrechargeRelayWithoutCurrentOnceTheMainContactorCarriesIt() {
        ContactorCircuit circuit = new ContactorCircuit(CONFIG);
        circuit.mainNegative().command(true);
        circuit.precharge().command(true);
        stepsUntilClosed(circuit, circuit.precharge(), MS);
        for (int n = 0; n < 400; n++) {
            circuit.step(MS, PACK_V, PACK_R, 0);
        }
        circuit.mainPositive().command(true);
        stepsUntilClosed(circuit, circuit.mainPositive(), MS);
        circuit.precharge().command(false); // the standard sequence, with the vehicle already drawing 200 A
        for (int n = 0; n < 20; n++) {
            circuit.step(MS, PACK_V, PACK_R, 200.0);
        }
        assertThat(circuit.precharge().isClosed()).isFalse();
        assertThat(circuit.precharge().openings()).isOne();
        assertThat(circuit.precharge().largestBreakCurrentA()).isZero();
        assertThat(circuit.packCurrentA()).isCloseTo(200.0, within(0.01));
    }

    @Test
    void shouldCountAPrechargeRelayOpenedAgainstItsOwnRating() {
        ContactorCircuit circuit = new ContactorCircuit(CONFIG);
        circuit.mainNegative().command(true);
        circuit.precharge().command(true);
        stepsUntilClosed(circuit, circuit.precharge(), MS);
        circuit.step(MS, PACK_V, PACK_R, 0); // 400 V into an empty link through 50 Ohm: about 8 A
        circuit.precharge().command(false);
        for (int n = 0; n < 10; n++) {
            circuit.step(MS, PACK_V, PACK_R, 0);
        }
        assertThat(circuit.precharge().largestBreakCurrentA()).isBetween(6.0, 8.0);
        assertThat(circuit.precharge().openingsAboveLimit()).isZero(); // rated 20 A
    }

    @Test
    void shouldDischargeAnIsolatedLinkThroughItsResistor() {
        ContactorCircuit circuit = new ContactorCircuit(CONFIG);
        circuit.mainNegative().command(true);
        circuit.mainPositive().command(true);
        stepsUntilClosed(circuit, circuit.mainPositive(), MS);
        for (int n = 0; n < 10; n++) {
            circuit.step(MS, PACK_V, PACK_R, 0);
        }
        circuit.mainPositive().command(false);
        while (circuit.mainPositive().isClosed()) {
            circuit.step(MS, PACK_V, PACK_R, 0);
        }
        double v0 = circuit.linkVoltageV();
        for (int n = 0; n < 100; n++) {
            circuit.step(1_000_000_000L, PACK_V, PACK_R, 0);
        }
        assertThat(circuit.linkVoltageV()).isCloseTo(v0 * Math.exp(-100.0 / (1e5 * 1e-3)), within(1e-9));
    }

    @Test
    void shouldHoldTheLinkAtTheDividerOfThePrechargeResistorAndALinkShort() {
        ContactorCircuit circuit = new ContactorCircuit(CONFIG);
        circuit.setLinkShortOhm(200.0);
        circuit.mainNegative().command(true);
        circuit.precharge().command(true);
        stepsUntilClosed(circuit, circuit.precharge(), MS);
        double current = 0;
        for (int i = 0; i < 2000; i++) {
            current = circuit.step(MS, PACK_V, PACK_R, 0);
        }
        // 400 V over 0.1 + 50 Ohm into 200 Ohm || 100 kOhm: the link stalls at ~80 % of the pack
        double load = 1.0 / (1.0 / 200.0 + 1.0 / 1e5);
        double expected = PACK_V * load / (load + 50.0 + PACK_R);
        assertThat(circuit.linkVoltageV()).isCloseTo(expected, within(1e-6));
        assertThat(current).isCloseTo(expected / load, within(1e-6));

        circuit.setLinkShortOhm(Double.POSITIVE_INFINITY); // cleared: the precharge completes
        for (int i = 0; i < 1000; i++) {
            circuit.step(MS, PACK_V, PACK_R, 0);
        }
        assertThat(circuit.linkVoltageV()).isGreaterThan(0.99 * PACK_V);
    }
}
