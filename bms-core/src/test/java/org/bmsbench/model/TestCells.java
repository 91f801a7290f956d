package org.bmsbench.model;

import java.util.List;

/** Cells with simple, exactly known parameters, for tests that check the physics against hand calculations. */
public final class TestCells {
    private TestCells() {
    }

    /** The thermal mass used by the test cells: 45 g, 1000 J/(kg K), 42 cm^2. */
    public static final CellThermalParameters THERMAL = new CellThermalParameters(0.045, 1000.0, 0.0042);

    /**
     * A linear OCV from 3.0 V (soc 0) to 4.2 V (soc 1), constant R0 and one RC pair, no hysteresis, no
     * self-discharge, 100 % coulombic efficiency, the given capacity at every temperature.
     */
    public static CellParameters linear(double capacityAh, double r0Ohm, double r1Ohm, double tau1S) {
        return new CellParameters("linear-test", "", "hand-made for tests", 2.5, 4.2,
                Table1D.constant(capacityAh),
                Table2D.ofSoc(new double[] {0.0, 1.0}, new double[] {3.0, 4.2}),
                Table2D.constant(r0Ohm),
                List.of(RcPair.constant(r1Ohm, tau1S)),
                Hysteresis.NONE, 1.0, Double.POSITIVE_INFINITY, THERMAL);
    }

    /** The default linear test cell: 3 Ah, 20 mOhm R0, 15 mOhm / 30 s RC pair. */
    public static CellParameters linear() {
        return linear(3.0, 0.020, 0.015, 30.0);
    }

    /** A copy of {@code cell} with other RC pairs. */
    public static CellParameters withRcPairs(CellParameters cell, List<RcPair> pairs) {
        return new CellParameters(cell.name(), cell.description(), cell.source(), cell.minVoltageV(),
                cell.maxVoltageV(), cell.capacityAh(), cell.ocvV(), cell.r0Ohm(), pairs, cell.hysteresis(),
                cell.coulombicEfficiency(), cell.leakResistanceOhm(), cell.thermal());
    }

    /** A copy of {@code cell} with another hysteresis. */
    public static CellParameters withHysteresis(CellParameters cell, Hysteresis hysteresis) {
        return new CellParameters(cell.name(), cell.description(), cell.source(), cell.minVoltageV(),
                cell.maxVoltageV(), cell.capacityAh(), cell.ocvV(), cell.r0Ohm(), cell.rcPairs(), hysteresis,
                cell.coulombicEfficiency(), cell.leakResistanceOhm(), cell.thermal());
    }

    /** A copy of {@code cell} with another model error (NaN: not known, the filters use their configured noise). */
    public static CellParameters withModelError(CellParameters cell, double modelErrorV) {
        return new CellParameters(cell.name(), cell.description(), cell.source(), cell.minVoltageV(),
                cell.maxVoltageV(), cell.capacityAh(), cell.ocvV(), cell.r0Ohm(), cell.rcPairs(), cell.hysteresis(),
                cell.coulombicEfficiency(), cell.leakResistanceOhm(), cell.thermal(), modelErrorV);
    }

    /** A copy of {@code cell} with another coulombic efficiency and leak resistance. */
    public static CellParameters withLosses(CellParameters cell, double coulombicEfficiency, double leakResistanceOhm) {
        return new CellParameters(cell.name(), cell.description(), cell.source(), cell.minVoltageV(),
                cell.maxVoltageV(), cell.capacityAh(), cell.ocvV(), cell.r0Ohm(), cell.rcPairs(), cell.hysteresis(),
                coulombicEfficiency, leakResistanceOhm, cell.thermal());
    }
}
