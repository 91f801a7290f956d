package org.bmsbench.model;

import java.util.TreeSet;

/**
 * A {@link CellParameters} compiled for fast evaluation: every table resampled onto one common
 * (soc, temperature) grid, the union of all the tables' breakpoints, so that one {@link #locate} serves
 * every parameter. Resampling on the union of breakpoints reproduces each table's own interpolation exactly
 * (each grid cell lies inside one cell of every table), clamping included; for the kinetic parameters (below),
 * exactly where the tables share their temperature rows, as fitted files do, and within 0.01 %
 * between rows that another table adds. Each grid
 * node keeps all of a cell's parameters side by side, so an evaluation reads four short runs of memory.
 *
 * <p>Outside the tables' soc range every parameter is clamped, except the open-circuit voltage: it continues
 * along its end segments (never below 0 V), so a cell pushed past full keeps rising and one pushed past
 * empty keeps falling, as real cells do, and over-charge and over-discharge show in the voltage.
 *
 * <p>In temperature, the open-circuit voltage and the hysteresis are linear between rows (the OCV's entropic
 * change is linear in T) and clamped beyond them. The kinetic parameters (R0, each RC pair's resistance and time
 * constant, the charge transfer's exchange current) are thermally activated: they are interpolated as Arrhenius
 * terms, {@code ln x} linear in {@code 1 / T}, and clamped beyond the outer rows like the rest. (Continued along
 * the outer rows' activation energy, they made the bundled cell's 25 degC drives, on which it warms to 27-31 degC,
 * worse: docs/characterisation.md.)
 *
 * <p>The same model runs the plant's cells and the BMS's estimators. Nothing here allocates after
 * construction, except {@link #socAtOcv(double, double)}. Current is positive on discharge.
 */
public final class CellModel {
    /** Seconds per hour: converts amp-seconds to amp-hours. */
    public static final double SECONDS_PER_HOUR = 3600.0;

    /** Slot of the open-circuit voltage in an interpolated parameter set, V. */
    public static final int OCV_V = 0;
    /** Slot of the ohmic resistance, Ohm. */
    public static final int R0_OHM = 1;
    /** Slot of the largest hysteresis voltage, V. */
    public static final int HYSTERESIS_MAX_V = 2;
    /** Slot of the charge transfer's gain 1 / (2 i0), 1/A (0 for a linear fast pair). */
    public static final int CHARGE_TRANSFER_GAIN_PER_A = 7;
    /** Slot of the instantaneous hysteresis M0, V. */
    public static final int INSTANTANEOUS_HYSTERESIS_V = 8;
    /** Size of an interpolated parameter set: {@link #interpolate} fills this many slots. */
    public static final int SLOTS = 9;
    /** The molar gas constant, J/(mol K), and Faraday's constant, C/mol (CODATA 2018, exact). */
    private static final double GAS_CONSTANT = 8.314462618;
    private static final double FARADAY = 96485.33212;
    /** 0 degC in kelvin. */
    public static final double ZERO_CELSIUS_K = 273.15;

    /** Slot of RC pair {@code k}'s resistance, Ohm. */
    public static int rcResistanceSlot(int k) {
        return 3 + 2 * k;
    }

    /** Slot of RC pair {@code k}'s time constant, s. */
    public static int rcTauSlot(int k) {
        return 4 + 2 * k;
    }

    private final CellParameters parameters;
    private final double[] soc;
    private final double[] temperatureC;
    /** 1 / (soc[i + 1] - soc[i]) and the same for temperature: a locate multiplies instead of dividing. */
    private final double[] socSpacingInverse;
    private final double[] temperatureSpacingInverse;
    private final int socCount;
    private final int rcPairs;
    /** Every parameter at every grid node, node by node: SLOTS doubles per node. */
    private final double[] nodes;
    /** Slope of the OCV's first and last grid segments per temperature row, V per unit soc. */
    private final double[] lowEdgeSlope;
    private final double[] highEdgeSlope;
    /** Usable capacity per temperature row, Ah. */
    private final double[] capacityAh;
    private final boolean capacityVaries;
    /** Per slot: whether it is a kinetic parameter, interpolated in temperature as an Arrhenius term. */
    private final boolean[] arrhenius = new boolean[SLOTS];
    private final boolean chargeTransfer;
    /** R_gas / (alpha F), V/K: times the absolute temperature, the charge transfer's Tafel slope. */
    private final double tafelPerKelvin;

    public CellModel(CellParameters parameters) {
        this.parameters = parameters;
        TreeSet<Double> socNodes = new TreeSet<>();
        TreeSet<Double> tempNodes = new TreeSet<>();
        addAxes(parameters.ocvV(), socNodes, tempNodes);
        addAxes(parameters.r0Ohm(), socNodes, tempNodes);
        for (RcPair pair : parameters.rcPairs()) {
            addAxes(pair.resistanceOhm(), socNodes, tempNodes);
            addAxes(pair.tauS(), socNodes, tempNodes);
        }
        addAxes(parameters.hysteresis().maxV(), socNodes, tempNodes);
        if (parameters.hysteresis().hasInstantaneous()) {
            addAxes(parameters.hysteresis().instantaneousV(), socNodes, tempNodes);
        }
        if (parameters.rcPairs().get(0).hasChargeTransfer()) {
            addAxes(parameters.rcPairs().get(0).exchangeCurrentA(), socNodes, tempNodes);
        }
        for (double t : parameters.capacityAh().temperatureC()) {
            tempNodes.add(t);
        }
        this.soc = socNodes.stream().mapToDouble(Double::doubleValue).toArray();
        this.temperatureC = tempNodes.stream().mapToDouble(Double::doubleValue).toArray();
        this.socCount = soc.length;
        this.socSpacingInverse = Axes.spacingInverse(soc);
        this.temperatureSpacingInverse = Axes.spacingInverse(temperatureC);
        this.rcPairs = parameters.rcPairs().size();
        int rows = temperatureC.length;
        this.nodes = new double[socCount * rows * SLOTS];
        this.lowEdgeSlope = new double[rows];
        this.highEdgeSlope = new double[rows];
        this.capacityAh = new double[rows];
        this.capacityVaries = parameters.capacityAh().temperatureC().length > 1;
        RcPair fastPair = parameters.rcPairs().get(0);
        this.chargeTransfer = fastPair.hasChargeTransfer();
        this.tafelPerKelvin = GAS_CONSTANT / (fastPair.transferCoefficient() * FARADAY);
        arrhenius[R0_OHM] = true;
        for (int k = 0; k < rcPairs; k++) {
            arrhenius[rcResistanceSlot(k)] = true;
            arrhenius[rcTauSlot(k)] = true;
        }
        arrhenius[CHARGE_TRANSFER_GAIN_PER_A] = chargeTransfer;
        for (int j = 0; j < rows; j++) {
            double t = temperatureC[j];
            for (int i = 0; i < socCount; i++) {
                double s = soc[i];
                int at = (j * socCount + i) * SLOTS;
                nodes[at + OCV_V] = parameters.ocvV().valueExtrapolatingSoc(s, t);
                nodes[at + R0_OHM] = kineticValue(parameters.r0Ohm(), s, t);
                nodes[at + HYSTERESIS_MAX_V] = parameters.hysteresis().maxV().valueAt(s, t);
                nodes[at + INSTANTANEOUS_HYSTERESIS_V] = parameters.hysteresis().instantaneousV().valueAt(s, t);
                for (int k = 0; k < rcPairs; k++) {
                    RcPair pair = parameters.rcPairs().get(k);
                    nodes[at + rcResistanceSlot(k)] = kineticValue(pair.resistanceOhm(), s, t);
                    nodes[at + rcTauSlot(k)] = kineticValue(pair.tauS(), s, t);
                }
                if (chargeTransfer) {
                    nodes[at + CHARGE_TRANSFER_GAIN_PER_A] = 0.5 / kineticValue(fastPair.exchangeCurrentA(), s, t);
                }
            }
            // the OCV table has two or more soc points, so the union grid does too
            int first = j * socCount * SLOTS + OCV_V;
            int last = (j * socCount + socCount - 1) * SLOTS + OCV_V;
            lowEdgeSlope[j] = (nodes[first + SLOTS] - nodes[first]) / (soc[1] - soc[0]);
            highEdgeSlope[j] = (nodes[last] - nodes[last - SLOTS]) / (soc[socCount - 1] - soc[socCount - 2]);
            capacityAh[j] = parameters.capacityAh().valueAt(t);
        }
    }

    /**
     * A kinetic parameter's table at (soc, temperature): linear in soc on each row, an Arrhenius term between rows
     * ({@code ln x} linear in {@code 1 / T}), clamped beyond them.
     */
    public static double kineticValue(Table2D table, double socValue, double tempC) {
        double[] rows = table.temperatureC();
        int m = rows.length;
        if (m == 1 || tempC <= rows[0] || tempC >= rows[m - 1]) {
            return table.valueAt(socValue, tempC);
        }
        int j = Axes.lowerIndex(rows, tempC);
        double low = table.valueAt(socValue, rows[j]);
        double high = table.valueAt(socValue, rows[j + 1]);
        return arrhenius(low, high, arrheniusFraction(rows[j], rows[j + 1], tempC));
    }

    /** Where {@code tempC} lies between two rows in 1 / T: 0 on the first, 1 on the second. */
    private static double arrheniusFraction(double lowC, double highC, double tempC) {
        double inverseLow = 1.0 / (lowC + ZERO_CELSIUS_K);
        double inverseHigh = 1.0 / (highC + ZERO_CELSIUS_K);
        return (1.0 / (tempC + ZERO_CELSIUS_K) - inverseLow) / (inverseHigh - inverseLow);
    }

    /** {@code low (high / low)^f}: ln x moved by the fraction {@code f} from the low row's to the high row's. */
    private static double arrhenius(double low, double high, double fraction) {
        return fraction == 0 ? low : fraction == 1 ? high : low * Math.pow(high / low, fraction);
    }

    private static void addAxes(Table2D table, TreeSet<Double> socNodes, TreeSet<Double> tempNodes) {
        for (double s : table.soc()) {
            socNodes.add(s);
        }
        for (double t : table.temperatureC()) {
            tempNodes.add(t);
        }
    }

    public CellParameters parameters() {
        return parameters;
    }

    public int rcPairCount() {
        return rcPairs;
    }

    public boolean hasHysteresis() {
        return parameters.hysteresis().isPresent();
    }

    /** True when the cell has an instantaneous hysteresis M0. */
    public boolean hasInstantaneousHysteresis() {
        return parameters.hysteresis().hasInstantaneous();
    }

    /**
     * A current below this leaves the instantaneous hysteresis's sign as it was: the circulating currents of a
     * parallel group at rest must not flip it back and forth, A.
     */
    public static final double HYSTERESIS_SIGN_CURRENT_A = 0.01;

    /**
     * The sign the instantaneous hysteresis takes after {@code currentA}: -1 discharging, +1 charging, and
     * {@code previous} for a current below {@link #HYSTERESIS_SIGN_CURRENT_A} (Plett's {@code s}, kept at rest).
     */
    public static double hysteresisSign(double currentA, double previous) {
        return currentA > HYSTERESIS_SIGN_CURRENT_A ? -1.0 : currentA < -HYSTERESIS_SIGN_CURRENT_A ? 1.0 : previous;
    }

    /** The hysteresis rate gamma at {@code tempC} (linear in temperature, clamped). */
    public double hysteresisDecayRate(double tempC) {
        return parameters.hysteresis().decayRate().valueAt(tempC);
    }

    /** True when the fast pair carries a charge-transfer overpotential. */
    public boolean hasChargeTransfer() {
        return chargeTransfer;
    }

    /** The charge transfer's Tafel slope R_gas T / (alpha F) at {@code tempC}, V. */
    public double tafelSlopeV(double tempC) {
        return tafelPerKelvin * (tempC + ZERO_CELSIUS_K);
    }

    /** The Tafel slope R_gas T / (alpha F) of a charge transfer with coefficient {@code alpha} at {@code tempC}, V. */
    public static double tafelSlopeV(double alpha, double tempC) {
        return GAS_CONSTANT * (tempC + ZERO_CELSIUS_K) / (alpha * FARADAY);
    }

    /**
     * The Butler-Volmer charge-transfer overpotential {@code b asinh(g i)}, V, with the Tafel slope {@code b} and
     * the gain {@code g = 1 / (2 i0)}; odd in the current (positive on discharge). {@code asinh(x) = ln(x +
     * sqrt(1 + x^2))} on |x| (Math.log is an intrinsic, log1p is not): near zero current that loses the last
     * bits of ln(1 + x), 1e-16 of the argument, some 1e-17 V.
     */
    public static double chargeTransferV(double tafelV, double gainPerA, double currentA) {
        double x = Math.abs(gainPerA * currentA);
        return Math.copySign(tafelV * Math.log(x + Math.sqrt(1.0 + x * x)), currentA);
    }

    /** d/di of {@link #chargeTransferV}: the charge transfer's small-signal resistance at the current, Ohm. */
    public static double chargeTransferSlopeOhm(double tafelV, double gainPerA, double currentA) {
        double x = gainPerA * currentA;
        return tafelV * gainPerA / Math.sqrt(1.0 + x * x);
    }

    /** The coulombic efficiency on charge at {@code tempC} (linear in temperature, clamped). */
    public double coulombicEfficiency(double tempC) {
        return parameters.coulombicEfficiency().valueAt(tempC);
    }

    /** Self-discharge conductance, S (zero without a leak path). */
    public double leakConductanceS() {
        return 1.0 / parameters.leakResistanceOhm();
    }

    /** True when the cell's usable capacity changes with temperature (its table has two or more rows). */
    public boolean capacityDependsOnTemperature() {
        return capacityVaries;
    }

    /** Usable capacity at {@code tempC}, interpolated linearly and clamped, Ah. */
    public double capacityAh(double tempC) {
        int m = temperatureC.length;
        if (tempC <= temperatureC[0]) {
            return capacityAh[0];
        }
        if (tempC >= temperatureC[m - 1]) {
            return capacityAh[m - 1];
        }
        int j = Axes.lowerIndex(temperatureC, tempC);
        double f = (tempC - temperatureC[j]) / (temperatureC[j + 1] - temperatureC[j]);
        return capacityAh[j] + f * (capacityAh[j + 1] - capacityAh[j]);
    }

    /**
     * Places {@code point} at (soc, temperature): the surrounding grid nodes, clamped to the grid, and how far
     * the soc lies outside it. The point's previous position is the search hint.
     */
    public void locate(double socValue, double tempC, GridPoint point) {
        int n = socCount;
        if (socValue <= soc[0]) {
            point.socLow = point.socHigh = 0;
            point.socFraction = 0;
            point.socExcess = socValue - soc[0];
        } else if (socValue >= soc[n - 1]) {
            point.socLow = point.socHigh = n - 1;
            point.socFraction = 0;
            point.socExcess = socValue - soc[n - 1];
        } else {
            int i = Math.min(point.socLow, n - 2);
            while (socValue < soc[i]) {
                i--;
            }
            while (socValue >= soc[i + 1]) {
                i++;
            }
            point.socLow = i;
            point.socHigh = i + 1;
            point.socFraction = (socValue - soc[i]) * socSpacingInverse[i];
            point.socExcess = 0;
        }
        int m = temperatureC.length;
        if (tempC <= temperatureC[0] || m == 1) {
            point.tempLow = point.tempHigh = 0;
            point.tempFraction = 0;
        } else if (tempC >= temperatureC[m - 1]) {
            point.tempLow = point.tempHigh = m - 1;
            point.tempFraction = 0;
        } else {
            int j = Math.min(point.tempLow, m - 2);
            while (tempC < temperatureC[j]) {
                j--;
            }
            while (tempC >= temperatureC[j + 1]) {
                j++;
            }
            point.tempLow = j;
            point.tempHigh = j + 1;
            point.tempFraction = (tempC - temperatureC[j]) * temperatureSpacingInverse[j];
        }
        point.lowLow = (point.tempLow * n + point.socLow) * SLOTS;
        point.lowHigh = (point.tempLow * n + point.socHigh) * SLOTS;
        point.highLow = (point.tempHigh * n + point.socLow) * SLOTS;
        point.highHigh = (point.tempHigh * n + point.socHigh) * SLOTS;
        point.kineticFraction = point.tempLow == point.tempHigh ? 0.0
                : arrheniusFraction(temperatureC[point.tempLow], temperatureC[point.tempHigh], tempC);
    }

    /**
     * Every parameter at the point, in one pass over the four surrounding grid nodes: {@code out[OCV_V]},
     * {@code out[R0_OHM]}, {@code out[HYSTERESIS_MAX_V]} and the RC slots. {@code out} needs {@link #SLOTS}
     * entries.
     */
    public void interpolate(GridPoint p, double[] out) {
        for (int s = 0; s < SLOTS; s++) {
            out[s] = at(s, p);
        }
        if (p.socExcess != 0) {
            out[OCV_V] = Math.max(0.0, out[OCV_V] + p.socExcess * edgeSlope(p));
        }
    }

    private double at(int slot, GridPoint p) {
        double fx = p.socFraction;
        if (arrhenius[slot]) {
            double a = nodes[p.lowLow + slot] + fx * (nodes[p.lowHigh + slot] - nodes[p.lowLow + slot]);
            double b = nodes[p.highLow + slot] + fx * (nodes[p.highHigh + slot] - nodes[p.highLow + slot]);
            return arrhenius(a, b, p.kineticFraction);
        }
        double a = nodes[p.lowLow + slot] + fx * (nodes[p.lowHigh + slot] - nodes[p.lowLow + slot]);
        double b = nodes[p.highLow + slot] + fx * (nodes[p.highHigh + slot] - nodes[p.highLow + slot]);
        return a + p.tempFraction * (b - a);
    }

    /** The OCV slope the point extrapolates along when it lies outside the grid's soc range. */
    private double edgeSlope(GridPoint p) {
        double[] slopes = p.socExcess < 0 ? lowEdgeSlope : highEdgeSlope;
        return slopes[p.tempLow] + p.tempFraction * (slopes[p.tempHigh] - slopes[p.tempLow]);
    }

    /**
     * The OCV patch a located point lies on, for {@link ParameterSchedule}: over the point's soc segment (or the
     * extrapolated end segment) the OCV rows of its two temperatures are straight lines,
     * {@code L(s) = low + lowSlope (s - origin)} and {@code H(s) - L(s) = rise + riseSlope (s - origin)}, valid
     * for {@code from <= s < to}. Writes them into {@code out} at the given positions.
     */
    void ocvPatch(GridPoint p, double[] out, int origin, int from, int to, int low, int lowSlope, int rise,
                  int riseSlope) {
        int rowLow = p.tempLow * socCount;
        int rowHigh = p.tempHigh * socCount;
        int i = p.socLow;
        double slopeLow;
        double slopeHigh;
        if (p.socLow != p.socHigh) {
            out[origin] = soc[i];
            out[from] = soc[i];
            out[to] = soc[i + 1];
            slopeLow = (nodes[(rowLow + i + 1) * SLOTS] - nodes[(rowLow + i) * SLOTS]) * socSpacingInverse[i];
            slopeHigh = (nodes[(rowHigh + i + 1) * SLOTS] - nodes[(rowHigh + i) * SLOTS]) * socSpacingInverse[i];
        } else if (i == 0) { // on or below the first node: the first segment continued
            out[origin] = soc[0];
            out[from] = Double.NEGATIVE_INFINITY;
            out[to] = Math.nextUp(soc[0]);
            slopeLow = lowEdgeSlope[p.tempLow];
            slopeHigh = lowEdgeSlope[p.tempHigh];
        } else { // on or above the last node: the last segment continued
            out[origin] = soc[i];
            out[from] = soc[i];
            out[to] = Double.POSITIVE_INFINITY;
            slopeLow = highEdgeSlope[p.tempLow];
            slopeHigh = highEdgeSlope[p.tempHigh];
        }
        double lowV = nodes[(rowLow + i) * SLOTS + OCV_V];
        out[low] = lowV;
        out[lowSlope] = slopeLow;
        out[rise] = nodes[(rowHigh + i) * SLOTS + OCV_V] - lowV;
        out[riseSlope] = slopeHigh - slopeLow;
    }

    /**
     * The temperature interval a located point lies in, for {@link ParameterSchedule}: the interpolation
     * fraction is {@code (T - origin) scale} for {@code from <= T < to} (scale 0 where the tables are clamped).
     */
    void temperaturePatch(GridPoint p, double[] out, int origin, int from, int to, int scale) {
        int m = temperatureC.length;
        int j = p.tempLow;
        out[origin] = temperatureC[j];
        if (m == 1) {
            out[from] = Double.NEGATIVE_INFINITY;
            out[to] = Double.POSITIVE_INFINITY;
            out[scale] = 0;
        } else if (p.tempLow != p.tempHigh) {
            out[from] = temperatureC[j];
            out[to] = temperatureC[j + 1];
            out[scale] = temperatureSpacingInverse[j];
        } else if (j == 0) {
            out[from] = Double.NEGATIVE_INFINITY;
            out[to] = Math.nextUp(temperatureC[0]);
            out[scale] = 0;
        } else {
            out[from] = temperatureC[j];
            out[to] = Double.POSITIVE_INFINITY;
            out[scale] = 0;
        }
    }

    /** Open-circuit voltage, V. */
    public double ocvV(GridPoint p) {
        double base = at(OCV_V, p);
        return p.socExcess == 0 ? base : Math.max(0.0, base + p.socExcess * edgeSlope(p));
    }

    /** dOCV/dsoc, V per unit soc: the slope of the OCV segment the point is on (or extrapolates along). */
    public double ocvSlopeVPerSoc(GridPoint p) {
        if (p.socExcess != 0) {
            return edgeSlope(p);
        }
        if (p.socLow == p.socHigh) { // exactly on the first or last grid point: the end segment's slope
            double[] slopes = p.socLow == 0 ? lowEdgeSlope : highEdgeSlope;
            return slopes[p.tempLow] + p.tempFraction * (slopes[p.tempHigh] - slopes[p.tempLow]);
        }
        double perSoc = socSpacingInverse[p.socLow];
        double a = (nodes[p.lowHigh + OCV_V] - nodes[p.lowLow + OCV_V]) * perSoc;
        double b = (nodes[p.highHigh + OCV_V] - nodes[p.highLow + OCV_V]) * perSoc;
        return a + p.tempFraction * (b - a);
    }

    /** Ohmic resistance R0, Ohm. */
    public double r0Ohm(GridPoint p) {
        return at(R0_OHM, p);
    }

    /** Resistance of RC pair {@code k}, Ohm. */
    public double rcResistanceOhm(int k, GridPoint p) {
        return at(rcResistanceSlot(k), p);
    }

    /** Time constant of RC pair {@code k}, s. */
    public double rcTauS(int k, GridPoint p) {
        return at(rcTauSlot(k), p);
    }

    /** Largest hysteresis voltage M, V. */
    public double hysteresisMaxV(GridPoint p) {
        return at(HYSTERESIS_MAX_V, p);
    }

    /** Instantaneous hysteresis M0, V. */
    public double instantaneousHysteresisV(GridPoint p) {
        return at(INSTANTANEOUS_HYSTERESIS_V, p);
    }

    /**
     * The factor by which an RC pair's voltage decays over a step: the exact solution of
     * dv/dt = -v/tau + i/C for a current held over the step gives v' = a v + R (1 - a) i with a = exp(-dt/tau).
     */
    public static double rcDecay(double dtS, double tauS) {
        return expMinus(dtS / tauS);
    }

    /**
     * {@code values[i] = exp(-values[i])} for {@code count} arguments of 0 or more: the series of
     * {@link #expMinus} when every argument is small (a plain loop the JIT can vectorise), else one by one.
     */
    public static void expMinusAll(double[] values, int count) {
        boolean small = true;
        for (int i = 0; i < count; i++) {
            small &= values[i] < 0.02;
        }
        if (small) {
            for (int i = 0; i < count; i++) {
                double x = values[i];
                values[i] = 1 - x * (1 - x * (1.0 / 2 - x * (1.0 / 6 - x * (1.0 / 24 - x * (1.0 / 120 - x * (1.0 / 720))))));
            }
        } else {
            for (int i = 0; i < count; i++) {
                values[i] = expMinus(values[i]);
            }
        }
    }

    /**
     * exp(-x) for x >= 0. For the small arguments of a simulation step (dt/tau is 0.0003 to 0.01 for 10 ms steps)
     * a short Taylor series is exact to the last bit (the first omitted term, x^7/5040, is below 2e-18 for
     * x < 0.02) and several times cheaper than {@link Math#exp}; larger arguments go to {@link Math#exp}.
     */
    public static double expMinus(double x) {
        if (x < 0.02) {
            // 1 - x + x^2/2 - x^3/6 + x^4/24 - x^5/120 + x^6/720, by Horner
            return 1 - x * (1 - x * (1.0 / 2 - x * (1.0 / 6 - x * (1.0 / 24 - x * (1.0 / 120 - x * (1.0 / 720))))));
        }
        return Math.exp(-x);
    }

    /**
     * The soc whose open-circuit voltage is {@code ocv} at {@code tempC}, by inverting the (strictly rising)
     * OCV curve; clamped to the tables' soc range (a resting BMS never believes a cell is beyond full or
     * empty). {@code scratch} is used for the search, so nothing is allocated.
     */
    public double socAtOcv(double ocv, double tempC, GridPoint scratch) {
        locate(soc[0], tempC, scratch);
        double previous = ocvV(scratch);
        if (ocv <= previous) {
            return soc[0];
        }
        for (int i = 1; i < socCount; i++) {
            locate(soc[i], tempC, scratch);
            double v = ocvV(scratch);
            if (ocv <= v) {
                return soc[i - 1] + (soc[i] - soc[i - 1]) * (ocv - previous) / (v - previous);
            }
            previous = v;
        }
        return soc[socCount - 1];
    }

    /** {@link #socAtOcv(double, double, GridPoint)} with a scratch point of its own. */
    public double socAtOcv(double ocv, double tempC) {
        return socAtOcv(ocv, tempC, new GridPoint());
    }
}
