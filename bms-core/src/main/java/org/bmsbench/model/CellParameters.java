package org.bmsbench.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the equivalent-circuit model needs to know about one cell type: the contents of a cell file
 * (see {@code docs/cell-file.md}). Immutable; the constructor rejects anything the model cannot use.
 *
 * @param name                 short identifier, {@code [a-z0-9-]+}
 * @param description          free text, may be empty
 * @param source               where the numbers come from; required, because a model is only as good as its data
 * @param minVoltageV          the manufacturer's lower voltage limit, V
 * @param maxVoltageV          the manufacturer's upper voltage limit, V
 * @param capacityAh           usable capacity between the voltage limits, by temperature, Ah
 * @param ocvV                 open-circuit voltage, strictly rising with soc, V
 * @param r0Ohm                ohmic resistance, Ohm
 * @param rcPairs              one or two RC pairs, fastest first; the first may carry the charge transfer
 * @param hysteresis           one-state hysteresis, or {@link Hysteresis#NONE}
 * @param coulombicEfficiency  fraction of the charging current that is stored, (0, 1], by temperature
 * @param leakResistanceOhm    self-discharge path, Ohm; {@code Double.POSITIVE_INFINITY} for none
 * @param thermal              the cell's thermal mass
 * @param modelErrorV          the model's voltage error (RMS) on the drives it was fitted on, V: where the soc
 *                             estimators' measurement noise starts; NaN when not known
 */
public record CellParameters(
        String name,
        String description,
        String source,
        double minVoltageV,
        double maxVoltageV,
        Table1D capacityAh,
        Table2D ocvV,
        Table2D r0Ohm,
        List<RcPair> rcPairs,
        Hysteresis hysteresis,
        Table1D coulombicEfficiency,
        double leakResistanceOhm,
        CellThermalParameters thermal,
        double modelErrorV) {

    /** The most RC pairs a cell may have. */
    public static final int MAX_RC_PAIRS = 2;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public CellParameters {
        checkName(name);
        description = description == null ? "" : description;
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must say where the parameters come from");
        }
        checkVoltageLimits(minVoltageV, maxVoltageV);
        capacityAh.requirePositive("capacity");
        ocvV.requireRisingWithSoc("OCV").requirePositive("OCV");
        r0Ohm.requirePositive("R0");
        rcPairs = List.copyOf(rcPairs);
        if (rcPairs.isEmpty() || rcPairs.size() > MAX_RC_PAIRS) {
            throw new IllegalArgumentException("a cell needs one or two RC pairs, got " + rcPairs.size());
        }
        for (int k = 1; k < rcPairs.size(); k++) {
            if (rcPairs.get(k).hasChargeTransfer()) {
                throw new IllegalArgumentException("only the fastest RC pair (the first) may carry the charge transfer");
            }
        }
        Objects.requireNonNull(hysteresis, "hysteresis (use Hysteresis.NONE for none)");
        for (double efficiency : coulombicEfficiency.values()) {
            checkCoulombicEfficiency(efficiency);
        }
        if (!(leakResistanceOhm > 0)) {
            throw new IllegalArgumentException("leak_resistance_ohm must be above zero (infinite for no "
                    + "self-discharge), got " + leakResistanceOhm);
        }
        Objects.requireNonNull(thermal, "thermal");
        if (!Double.isNaN(modelErrorV) && !(modelErrorV >= 0 && modelErrorV < 1)) {
            throw new IllegalArgumentException("model_error_v must be from 0 to 1 V, got " + modelErrorV);
        }
    }

    /** A cell whose model error is not known. */
    public CellParameters(String name, String description, String source, double minVoltageV, double maxVoltageV,
                          Table1D capacityAh, Table2D ocvV, Table2D r0Ohm, List<RcPair> rcPairs, Hysteresis hysteresis,
                          Table1D coulombicEfficiency, double leakResistanceOhm, CellThermalParameters thermal) {
        this(name, description, source, minVoltageV, maxVoltageV, capacityAh, ocvV, r0Ohm, rcPairs, hysteresis,
                coulombicEfficiency, leakResistanceOhm, thermal, Double.NaN);
    }

    /** A cell with one coulombic efficiency at every temperature, whose model error is not known. */
    public CellParameters(String name, String description, String source, double minVoltageV, double maxVoltageV,
                          Table1D capacityAh, Table2D ocvV, Table2D r0Ohm, List<RcPair> rcPairs, Hysteresis hysteresis,
                          double coulombicEfficiency, double leakResistanceOhm, CellThermalParameters thermal) {
        this(name, description, source, minVoltageV, maxVoltageV, capacityAh, ocvV, r0Ohm, rcPairs, hysteresis,
                Table1D.constant(checkCoulombicEfficiency(coulombicEfficiency)), leakResistanceOhm, thermal, Double.NaN);
    }

    /** The rule for a cell name: lower-case letters, digits and '-'. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be lower-case letters, digits and '-', got '" + name + "'");
        }
        return name;
    }

    /** The rule for the voltage window: both positive, the minimum below the maximum. */
    public static void checkVoltageLimits(double minVoltageV, double maxVoltageV) {
        Checks.positive("min_v", minVoltageV);
        Checks.positive("max_v", maxVoltageV);
        if (!(minVoltageV < maxVoltageV)) {
            throw new IllegalArgumentException("min_v (" + minVoltageV + " V) must be below max_v (" + maxVoltageV + " V)");
        }
    }

    /** The rule for the coulombic efficiency: a fraction in (0, 1]. */
    public static double checkCoulombicEfficiency(double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("coulombic_efficiency must be in (0, 1], got " + value);
        }
        return value;
    }

    /** Capacity at 25 degC (or the nearest tabulated temperature), Ah. */
    public double nominalCapacityAh() {
        return capacityAh.valueAt(25.0);
    }
}
