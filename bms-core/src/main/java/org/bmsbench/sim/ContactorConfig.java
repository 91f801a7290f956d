package org.bmsbench.sim;

import org.bmsbench.model.Checks;

/**
 * The high-voltage switching between the pack and the vehicle: two main contactors, a precharge relay with
 * its resistor, and the vehicle's DC-link capacitance with its passive discharge resistor.
 *
 * @param closeTimeS              coil energised to contacts closed, s
 * @param openTimeS               coil released to contacts open, s
 * @param prechargeResistanceOhm  precharge resistor in series with the precharge relay, Ohm
 * @param linkCapacitanceF        DC-link (inverter input) capacitance, F
 * @param linkDischargeOhm        passive discharge resistor across the link, Ohm
 * @param breakCurrentLimitA      current a main contactor is rated to interrupt; opening above it is counted
 * @param prechargeBreakCurrentLimitA current the precharge relay is rated to interrupt
 */
public record ContactorConfig(double closeTimeS, double openTimeS, double prechargeResistanceOhm,
                              double linkCapacitanceF, double linkDischargeOhm, double breakCurrentLimitA,
                              double prechargeBreakCurrentLimitA) {
    /**
     * Figures typical of an EV traction pack: contactors closing in 30 ms and opening in 10 ms (the order of
     * the datasheet figures of common 250-500 A EV contactors), a 50 Ohm precharge resistor into 1 mF of
     * inverter link capacitance (tau 50 ms: a 400 V link is within 1 V of the pack in about 350 ms, well inside
     * the 2 s per attempt that foxBMS allows), a 100 kOhm passive discharge resistor, a 250 A rated break
     * current for the main contactors and 20 A for the precharge relay (its current starts at V / 50 Ohm, 8 A
     * at 400 V, and decays).
     */
    public static final ContactorConfig DEFAULT = new ContactorConfig(0.030, 0.010, 50.0, 1.0e-3, 1.0e5, 250.0,
            20.0);

    public ContactorConfig {
        Checks.nonNegative("close time", closeTimeS);
        Checks.nonNegative("open time", openTimeS);
        Checks.positive("precharge resistance", prechargeResistanceOhm);
        Checks.positive("link capacitance", linkCapacitanceF);
        Checks.positive("link discharge resistance", linkDischargeOhm);
        Checks.positive("break current limit", breakCurrentLimitA);
        Checks.positive("precharge break current limit", prechargeBreakCurrentLimitA);
    }
}
