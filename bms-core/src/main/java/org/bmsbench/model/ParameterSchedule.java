package org.bmsbench.model;

/**
 * A {@link CellModel}'s parameters for many cells, kept up to date as each cell's soc and temperature move,
 * at a fraction of the cost of a full look-up per cell and step.
 *
 * <p>The open-circuit voltage and its slope are exact at every update: each cell keeps the bilinear patch of
 * the OCV table it is on (its soc segment and temperature interval, or the extrapolated end segment), in the
 * form {@code OCV = L(soc) + f_T (H(soc) - L(soc))} with two straight lines in soc, and looks the table up
 * again only when it leaves the patch. The slowly varying parameters (R0, the RC pairs, the hysteresis
 * magnitude, the capacity) are held at their values where they were last evaluated, and evaluated again when
 * the cell's soc or temperature has moved by more than its {@link Holds} since (see there for what they cost in
 * accuracy); the OCV, which moves the terminal voltage most, is never held.
 *
 * <p>{@link #updateAll} brings a whole pack up to date at once: a pass that finds the few cells that have left
 * their patch or holds, then every OCV and slope in plain loops over per-cell arrays, which the JIT vectorises.
 *
 * <p>One per evaluating thread; nothing allocates after construction.
 */
public final class ParameterSchedule {
    /**
     * How far a cell's soc and temperature may move before its held parameters are evaluated again.
     *
     * @param soc          fraction of capacity
     * @param temperatureC degC
     */
    public record Holds(double soc, double temperatureC) {
        /**
         * The plant's, which is the truth the BMS is tested against: 0.02 % of soc and 0.02 degC, over which
         * any of the bundled cell's resistances changes by 0.8 % of the cell's whole resistance at most (in its
         * steepest table cells, near empty) and by far less almost everywhere.
         */
        public static final Holds PLANT = new Holds(0.0002, 0.02);
        /**
         * The firmware's, which works from an estimated soc and measured temperatures: 0.1 % of soc and
         * 0.25 degC, below the uncertainty of both (a soc estimate good to a percent, a sensor with a 0.3 degC
         * offset and 0.1 degC steps, whose reading flickering by a step then costs no look-up). Any of the
         * bundled cell's resistances changes by up to 4.7 % of the cell's whole resistance over them in its
         * steepest table cells (near empty), less than its sensor's offset alone already puts on them there.
         */
        public static final Holds FIRMWARE = new Holds(0.001, 0.25);

        public Holds {
            Checks.nonNegative("soc hold", soc);
            Checks.nonNegative("temperature hold", temperatureC);
        }
    }

    // The scratch a cell's new patch is written into before it is spread over the per-cell arrays.
    private static final int SOC_FROM = 0;
    private static final int SOC_TO = 1;
    private static final int TEMPERATURE_FROM = 2;
    private static final int TEMPERATURE_TO = 3;
    private static final int SOC_ORIGIN = 4;
    private static final int TEMPERATURE_ORIGIN = 5;
    private static final int TEMPERATURE_SCALE = 6;
    private static final int LOW = 7;
    private static final int LOW_SLOPE = 8;
    private static final int RISE = 9;
    private static final int RISE_SLOPE = 10;
    private static final int PATCH_SLOTS = 11;

    private final CellModel model;
    private final int cells;
    private final int rcPairs;
    private final double socHold;
    private final double temperatureHoldC;
    private final GridPoint[] points;
    private final double[] scratch = new double[CellModel.SLOTS];
    private final double[] patch = new double[PATCH_SLOTS];

    // One array per quantity, indexed by cell, so that updating every cell at once runs as plain loops.
    // Each cell's OCV patch is valid for socFrom <= s < socTo and temperatureFrom <= T < temperatureTo. On it the
    // table's OCV, L(s) + f(T) (H(s) - L(s)) with two straight lines L and H in soc and f linear in T, is
    // OCV = ocvConstant + ocvPerSoc s + (ocvPerDegree + ocvPerSocDegree s) T: four numbers to read per cell.
    private final double[] socFrom;
    private final double[] socTo;
    private final double[] temperatureFrom;
    private final double[] temperatureTo;
    private final double[] ocvConstant;
    private final double[] ocvPerSoc;
    private final double[] ocvPerDegree;
    private final double[] ocvPerSocDegree;
    private final double[] ocvV;
    private final double[] ocvSlope;
    // the held parameters and where they were evaluated
    private final double[] heldSoc;
    private final double[] heldTemperatureC;
    private final double[] r0Ohm;
    private final double[] hysteresisMaxV;
    private final double[] capacityAh;
    private final double[] chargeTransferGainPerA;
    private final double[] tafelSlopeV;
    private final double[] instantaneousHysteresisV;
    private final double[] hysteresisDecayRate;
    private final double[] coulombicEfficiency;
    /** Pair {@code k} of cell {@code c} at {@code k * cells + c}. */
    private final double[] rcResistanceOhm;
    private final double[] rcTauS;

    public ParameterSchedule(CellModel model, int cells, Holds holds) {
        this.model = model;
        this.cells = cells;
        this.rcPairs = model.rcPairCount();
        this.socHold = holds.soc();
        this.temperatureHoldC = holds.temperatureC();
        this.points = new GridPoint[cells];
        for (int c = 0; c < cells; c++) {
            points[c] = new GridPoint();
        }
        socFrom = new double[cells];
        socTo = new double[cells];
        temperatureFrom = new double[cells];
        temperatureTo = new double[cells];
        ocvConstant = new double[cells];
        ocvPerSoc = new double[cells];
        ocvPerDegree = new double[cells];
        ocvPerSocDegree = new double[cells];
        ocvV = new double[cells];
        ocvSlope = new double[cells];
        heldSoc = new double[cells];
        heldTemperatureC = new double[cells];
        r0Ohm = new double[cells];
        hysteresisMaxV = new double[cells];
        capacityAh = new double[cells];
        chargeTransferGainPerA = new double[cells];
        tafelSlopeV = new double[cells];
        instantaneousHysteresisV = new double[cells];
        hysteresisDecayRate = new double[cells];
        coulombicEfficiency = new double[cells];
        rcResistanceOhm = new double[rcPairs * cells];
        rcTauS = new double[rcPairs * cells];
        invalidate();
    }

    /**
     * Brings cell {@code c} to (soc, temperature): its OCV and OCV slope exactly (looking its patch up again when
     * it has left it), its other parameters evaluated again if it moved beyond the holds. Returns true when they
     * were (a caller that derives values from them, such as an RC pair's decay over a step, derives them again).
     */
    public boolean update(int c, double soc, double tempC) {
        boolean moved = !current(c, soc, tempC) && relocate(c, soc, tempC);
        ocv(c, soc, tempC);
        return moved;
    }

    /**
     * {@link #update} of every cell at once, cell {@code c} to {@code (soc[c], tempC[c])}: the few cells that left
     * their patch or their holds one by one, then every OCV in one plain loop. Writes the cells whose held
     * parameters were evaluated again into {@code movedOut}, in order, and returns how many there are.
     */
    public int updateAll(double[] soc, double[] tempC, int[] movedOut) {
        int moved = 0;
        for (int c = 0; c < cells; c++) {
            if (!current(c, soc[c], tempC[c]) && relocate(c, soc[c], tempC[c])) {
                movedOut[moved++] = c;
            }
        }
        // one array written per loop: JDK 17 vectorises a loop only then (it cannot tell two arrays apart)
        for (int c = 0; c < cells; c++) {
            ocvSlope[c] = ocvPerSoc[c] + ocvPerSocDegree[c] * tempC[c];
        }
        for (int c = 0; c < cells; c++) {
            ocvV[c] = Math.max(0.0, ocvConstant[c] + ocvPerDegree[c] * tempC[c] + ocvSlope[c] * soc[c]);
        }
        return moved;
    }

    /** Whether cell {@code c} is still on its patch and within its holds (false for NaN: nothing held yet). */
    private boolean current(int c, double soc, double tempC) {
        return onPatch(c, soc, tempC) && withinHolds(c, soc, tempC);
    }

    private boolean onPatch(int c, double soc, double tempC) {
        return soc >= socFrom[c] && soc < socTo[c] && tempC >= temperatureFrom[c] && tempC < temperatureTo[c];
    }

    /** Written so that NaN (nothing held yet) is not within. */
    private boolean withinHolds(int c, double soc, double tempC) {
        return Math.abs(soc - heldSoc[c]) <= socHold && Math.abs(tempC - heldTemperatureC[c]) <= temperatureHoldC;
    }

    /** Cell {@code c}'s OCV and slope on its patch (as {@link #updateAll}'s loops work them out). */
    private void ocv(int c, double soc, double tempC) {
        double perSoc = ocvPerSoc[c] + ocvPerSocDegree[c] * tempC;
        ocvV[c] = Math.max(0.0, ocvConstant[c] + ocvPerDegree[c] * tempC + perSoc * soc);
        ocvSlope[c] = perSoc;
    }

    /**
     * Looks cell {@code c}'s patch up again if it has left it, and evaluates its held parameters again if it has
     * moved beyond the holds; returns whether it had.
     */
    private boolean relocate(int c, double soc, double tempC) {
        boolean onPatch = onPatch(c, soc, tempC);
        boolean moved = !withinHolds(c, soc, tempC);
        GridPoint p = points[c];
        model.locate(soc, tempC, p);
        if (!onPatch) {
            model.ocvPatch(p, patch, SOC_ORIGIN, SOC_FROM, SOC_TO, LOW, LOW_SLOPE, RISE, RISE_SLOPE);
            model.temperaturePatch(p, patch, TEMPERATURE_ORIGIN, TEMPERATURE_FROM, TEMPERATURE_TO, TEMPERATURE_SCALE);
            socFrom[c] = patch[SOC_FROM];
            socTo[c] = patch[SOC_TO];
            temperatureFrom[c] = patch[TEMPERATURE_FROM];
            temperatureTo[c] = patch[TEMPERATURE_TO];
            // L(s) = low0 + low1 s, H(s) - L(s) = rise0 + rise1 s, f(T) = k (T - origin)
            double socOrigin = patch[SOC_ORIGIN];
            double low1 = patch[LOW_SLOPE];
            double low0 = patch[LOW] - low1 * socOrigin;
            double rise1 = patch[RISE_SLOPE];
            double rise0 = patch[RISE] - rise1 * socOrigin;
            double k = patch[TEMPERATURE_SCALE];
            double kOrigin = k * patch[TEMPERATURE_ORIGIN];
            ocvConstant[c] = low0 - kOrigin * rise0;
            ocvPerSoc[c] = low1 - kOrigin * rise1;
            ocvPerDegree[c] = k * rise0;
            ocvPerSocDegree[c] = k * rise1;
        }
        if (moved) {
            hold(c, soc, tempC, p);
        }
        return moved;
    }

    private void hold(int c, double soc, double tempC, GridPoint p) {
        model.interpolate(p, scratch);
        heldSoc[c] = soc;
        heldTemperatureC[c] = tempC;
        r0Ohm[c] = scratch[CellModel.R0_OHM];
        hysteresisMaxV[c] = scratch[CellModel.HYSTERESIS_MAX_V];
        capacityAh[c] = model.capacityAh(tempC);
        chargeTransferGainPerA[c] = scratch[CellModel.CHARGE_TRANSFER_GAIN_PER_A];
        tafelSlopeV[c] = model.tafelSlopeV(tempC);
        instantaneousHysteresisV[c] = scratch[CellModel.INSTANTANEOUS_HYSTERESIS_V];
        hysteresisDecayRate[c] = model.hysteresisDecayRate(tempC);
        coulombicEfficiency[c] = model.coulombicEfficiency(tempC);
        for (int k = 0, at = c; k < rcPairs; k++, at += cells) {
            rcResistanceOhm[at] = scratch[CellModel.rcResistanceSlot(k)];
            rcTauS[at] = scratch[CellModel.rcTauSlot(k)];
        }
    }

    /** Forgets every cell's patch and held parameters: the next update of each looks its tables up again. */
    public void invalidate() {
        for (int c = 0; c < cells; c++) {
            invalidate(c);
        }
    }

    /** Forgets cell {@code c}'s patch and held parameters. */
    public void invalidate(int c) {
        // NaN: no patch (every comparison with it fails), nothing held
        socFrom[c] = Double.NaN;
        heldSoc[c] = Double.NaN;
    }

    public CellModel model() {
        return model;
    }

    public int cellCount() {
        return cells;
    }

    /** Open-circuit voltage at the last update, V. */
    public double ocvV(int c) {
        return ocvV[c];
    }

    /** dOCV/dsoc at the last update, V per unit soc. */
    public double ocvSlopeVPerSoc(int c) {
        return ocvSlope[c];
    }

    /** Ohmic resistance (held), Ohm. */
    public double r0Ohm(int c) {
        return r0Ohm[c];
    }

    /** Largest hysteresis voltage (held), V. */
    public double hysteresisMaxV(int c) {
        return hysteresisMaxV[c];
    }

    /** Resistance of RC pair {@code k} (held), Ohm. */
    public double rcResistanceOhm(int k, int c) {
        return rcResistanceOhm[k * cells + c];
    }

    /** Time constant of RC pair {@code k} (held), s. */
    public double rcTauS(int k, int c) {
        return rcTauS[k * cells + c];
    }

    /** The charge transfer's gain 1 / (2 i0) (held), 1/A; 0 without charge transfer. */
    public double chargeTransferGainPerA(int c) {
        return chargeTransferGainPerA[c];
    }

    /** The charge transfer's Tafel slope at the held temperature, V. */
    public double tafelSlopeV(int c) {
        return tafelSlopeV[c];
    }

    /** Instantaneous hysteresis M0 (held), V. */
    public double instantaneousHysteresisV(int c) {
        return instantaneousHysteresisV[c];
    }

    /** The hysteresis rate gamma at the held temperature. */
    public double hysteresisDecayRate(int c) {
        return hysteresisDecayRate[c];
    }

    /** The coulombic efficiency on charge at the held temperature. */
    public double coulombicEfficiency(int c) {
        return coulombicEfficiency[c];
    }

    /** Usable capacity at the held temperature, Ah. */
    public double capacityAh(int c) {
        return capacityAh[c];
    }
}
