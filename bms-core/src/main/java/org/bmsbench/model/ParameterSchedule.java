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
         * the bundled cell's resistances change by 2.3 % at most (in its steepest table cells) and by far less
         * almost everywhere.
         */
        public static final Holds PLANT = new Holds(0.0002, 0.02);
        /**
         * The firmware's, which works from an estimated soc and measured temperatures: 0.1 % of soc and
         * 0.25 degC, below the uncertainty of both (a soc estimate good to a percent, a sensor with a 0.3 degC
         * offset and 0.1 degC steps, whose reading flickering by a step then costs no look-up). The bundled
         * cell's resistances change by up to 22 % over them in its steepest table cells (its slow RC pair near
         * empty, between its 11 and 26 degC rows), less than its sensor's offset alone already puts on them there.
         */
        public static final Holds FIRMWARE = new Holds(0.001, 0.25);

        public Holds {
            Checks.nonNegative("soc hold", soc);
            Checks.nonNegative("temperature hold", temperatureC);
        }
    }

    // Each cell's entries side by side, STRIDE doubles per cell, so that one cell's update reads three cache lines.
    // Its OCV patch: L(s) = LOW + LOW_SLOPE (s - SOC_ORIGIN), H(s) - L(s) = RISE + RISE_SLOPE (s - SOC_ORIGIN).
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
    private static final int OCV = 11;
    private static final int OCV_SLOPE = 12;
    // the held parameters and where they were evaluated
    private static final int HELD_SOC = 13;
    private static final int HELD_TEMPERATURE = 14;
    private static final int R0 = 15;
    private static final int HYSTERESIS_MAX = 16;
    private static final int CAPACITY = 17;
    private static final int RC = 18; // resistance and time constant of each pair
    private static final int STRIDE = RC + 2 * CellParameters.MAX_RC_PAIRS;

    private final CellModel model;
    private final int cells;
    private final int rcPairs;
    private final double socHold;
    private final double temperatureHoldC;
    private final GridPoint[] points;
    private final double[] scratch = new double[CellModel.SLOTS];
    private final double[] data;

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
        data = new double[cells * STRIDE];
        invalidate();
    }

    /**
     * Brings cell {@code c} to (soc, temperature): its OCV and OCV slope exactly (looking its patch up again when
     * it has left it), its other parameters evaluated again if it moved beyond the holds. Returns true when they
     * were (a caller that derives values from them, such as an RC pair's decay over a step, derives them again).
     */
    public boolean update(int c, double soc, double tempC) {
        double[] d = data;
        int at = c * STRIDE;
        boolean onPatch = soc >= d[at + SOC_FROM] && soc < d[at + SOC_TO]
                && tempC >= d[at + TEMPERATURE_FROM] && tempC < d[at + TEMPERATURE_TO];
        // written so that NaN (nothing held yet) counts as moved
        boolean moved = !(Math.abs(soc - d[at + HELD_SOC]) <= socHold
                && Math.abs(tempC - d[at + HELD_TEMPERATURE]) <= temperatureHoldC);
        if (!onPatch || moved) {
            GridPoint p = points[c];
            model.locate(soc, tempC, p);
            if (!onPatch) {
                model.ocvPatch(p, d, at + SOC_ORIGIN, at + SOC_FROM, at + SOC_TO, at + LOW, at + LOW_SLOPE, at + RISE,
                        at + RISE_SLOPE);
                model.temperaturePatch(p, d, at + TEMPERATURE_ORIGIN, at + TEMPERATURE_FROM, at + TEMPERATURE_TO,
                        at + TEMPERATURE_SCALE);
            }
            if (moved) {
                hold(c, soc, tempC, p);
            }
        }
        double ds = soc - d[at + SOC_ORIGIN];
        double ft = (tempC - d[at + TEMPERATURE_ORIGIN]) * d[at + TEMPERATURE_SCALE];
        d[at + OCV] = Math.max(0.0, d[at + LOW] + d[at + LOW_SLOPE] * ds + ft * (d[at + RISE] + d[at + RISE_SLOPE] * ds));
        d[at + OCV_SLOPE] = d[at + LOW_SLOPE] + ft * d[at + RISE_SLOPE];
        return moved;
    }

    private void hold(int c, double soc, double tempC, GridPoint p) {
        model.interpolate(p, scratch);
        int at = c * STRIDE;
        data[at + HELD_SOC] = soc;
        data[at + HELD_TEMPERATURE] = tempC;
        data[at + R0] = scratch[CellModel.R0_OHM];
        data[at + HYSTERESIS_MAX] = scratch[CellModel.HYSTERESIS_MAX_V];
        data[at + CAPACITY] = model.capacityAh(tempC);
        for (int k = 0; k < rcPairs; k++) {
            data[at + RC + 2 * k] = scratch[CellModel.rcResistanceSlot(k)];
            data[at + RC + 2 * k + 1] = scratch[CellModel.rcTauSlot(k)];
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
        data[c * STRIDE + SOC_FROM] = Double.NaN;
        data[c * STRIDE + HELD_SOC] = Double.NaN;
    }

    public CellModel model() {
        return model;
    }

    public int cellCount() {
        return cells;
    }

    /** Open-circuit voltage at the last update, V. */
    public double ocvV(int c) {
        return data[c * STRIDE + OCV];
    }

    /** dOCV/dsoc at the last update, V per unit soc. */
    public double ocvSlopeVPerSoc(int c) {
        return data[c * STRIDE + OCV_SLOPE];
    }

    /** Ohmic resistance (held), Ohm. */
    public double r0Ohm(int c) {
        return data[c * STRIDE + R0];
    }

    /** Largest hysteresis voltage (held), V. */
    public double hysteresisMaxV(int c) {
        return data[c * STRIDE + HYSTERESIS_MAX];
    }

    /** Resistance of RC pair {@code k} (held), Ohm. */
    public double rcResistanceOhm(int k, int c) {
        return data[c * STRIDE + RC + 2 * k];
    }

    /** Time constant of RC pair {@code k} (held), s. */
    public double rcTauS(int k, int c) {
        return data[c * STRIDE + RC + 2 * k + 1];
    }

    /** Usable capacity at the held temperature, Ah. */
    public double capacityAh(int c) {
        return data[c * STRIDE + CAPACITY];
    }
}
