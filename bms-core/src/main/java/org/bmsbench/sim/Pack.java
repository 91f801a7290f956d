package org.bmsbench.sim;

import java.util.SplittableRandom;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.Checks;
import org.bmsbench.model.ParameterSchedule;

/**
 * The electrochemistry of an NsMp pack: every cell an equivalent circuit with its own state and its own
 * manufacturing spread, cells in a parallel group sharing one terminal voltage.
 *
 * <p>A step has two phases, so that whatever drives the pack (a contactor circuit, a charger holding a
 * voltage) can see the pack's Thevenin equivalent before choosing the current:
 * <ol>
 *   <li>{@link #prepare(double, double[])}: each cell, over a step of {@code dt} with its current held, is
 *       exactly a source {@code E = OCV + M h - sum(a_k v_k)} behind {@code R = R0 + sum(R_k (1 - a_k))}
 *       (the RC pairs' exact discretisation, {@code a_k = exp(-dt/tau_k)}); a parallel group, with its
 *       balancing resistor when switched on, is then one source behind one resistance.</li>
 *   <li>{@link #apply(double)}: the string current sets each group's voltage, the group voltage sets each
 *       cell's current ({@code (E - V) / R}: the currents sum to the group's and a more resistive or emptier
 *       cell carries less), and every state advances.</li>
 * </ol>
 * Two parts of a cell answer the step's own current at once, which prepare cannot know: a fast RC pair with charge
 * transfer ({@link org.bmsbench.model.RcPair}), nonlinear in the current, which prepare linearises at the cell's
 * last current, and the instantaneous hysteresis {@code M0 s}, which prepare takes with the last current's sign.
 * Apply, which knows the current, takes the exact overpotential for the pair's voltage and the new sign, and
 * corrects the group voltage by what prepare missed (exact for a string of single cells; to first order for
 * parallel groups, whose split of the current stays prepare's).
 * Each cell's parameters come from a {@link ParameterSchedule}: the OCV exact at every step, the resistances,
 * time constants, hysteresis magnitude and capacity re-evaluated (and the RC decays worked out again) once the
 * cell's soc or temperature has moved by the schedule's hold.
 * Cell {@code c} of group {@code g} is index {@code g * parallel + p}. Current is positive on discharge.
 * Nothing allocates after construction.
 */
public final class Pack implements PackTerminal {
    private static final double TRUNCATE_SIGMAS = 4.0;

    private final PackConfig config;
    private final CellModel model;
    private final int series;
    private final int parallel;
    private final int cells;
    private final int rcPairs;
    private final boolean hysteresis;
    private final boolean chargeTransfer;
    private final boolean instantaneousHysteresis;
    private final double balancingConductanceS;

    private final double[] capacityScale;
    private final double[] resistanceScale;
    private final double[] leakConductanceS;
    private final double[] shortConductanceS;
    private final ParameterSchedule schedule;
    /** The cells the schedule evaluated again in this step. */
    private final int[] movedCells;

    /** Charge taken out since full (negative: charged beyond full), Ah: the state that is conserved. */
    private final double[] dischargedAh;
    /** State of charge against the usable capacity at the cell's temperature, as of the last step. */
    private final double[] soc;
    /**
     * RC pair voltages, {@code [k][c]} for pair {@code k} of cell {@code c}: a row per pair, indexed by cell like
     * every other per-cell array, so that the loops mixing them index all of them alike, which JDK 17 needs to
     * vectorise a loop.
     */
    private final double[][] rcVoltageV;
    private final double[] hysteresisState;
    /** The sign the instantaneous hysteresis holds: -1 after a discharge, +1 after a charge, 0 before either. */
    private final double[] currentSign;

    private double stepS = Double.NaN;
    private final double[] r0Ohm;
    private final double[][] rcDecay;
    /** R_k (1 - a_k): how much of the step's current an RC voltage takes up, Ohm. */
    private final double[][] rcGainOhm;
    private final double[][] rcConductanceS;
    private final double[] hysteresisMaxV;
    private final double[] instantaneousHysteresisV;
    private final double[] hysteresisDecayRate;
    private final double[] coulombicEfficiency;
    private final double[] capacityAh;
    private final double[] capacityInverse;
    private final double[] hysteresisDecay;
    private final double[] sourceV;
    private final double[] cellResistanceOhm;
    /** R0 + sum(R_k (1 - a_k)): the cell's resistance without the charge transfer, Ohm. */
    private final double[] linearResistanceOhm;
    // the charge transfer: Tafel slope (with the cell's spread) and gain 1/(2 i0); its overpotential and small-signal
    // resistance at the cell's last current, where prepare linearises it; the linearisation's share of the source
    private final double[] chargeTransferTafelV;
    private final double[] chargeTransferGainPerA;
    private final double[] chargeTransferV;
    private final double[] chargeTransferSlopeOhm;
    private final double[] chargeTransferOffsetV;
    private final double[] conductanceS;
    private final double[] groupSourceV;
    private final double[] groupResistanceOhm;
    private double packSourceV;
    private double packResistanceOhm;

    private final boolean[] balancing;
    private final double[] cellCurrentA;
    private final double[] leakCurrentA;
    private final double[] cellHeatW;
    private final double[] groupVoltageV;
    private final double[] groupBleedCurrentA;
    private double stringCurrentA;
    private double terminalVoltageV;

    /**
     * @param initialTemperatureC the cells' temperature at the start, which sets their usable capacity
     * @param seed                draws the cell-to-cell spread; the same seed gives the same pack, bit for bit
     */
    public Pack(PackConfig config, double initialTemperatureC, long seed) {
        this.config = config;
        this.model = new CellModel(config.cell());
        this.series = config.series();
        this.parallel = config.parallel();
        this.cells = config.cellCount();
        this.rcPairs = model.rcPairCount();
        this.hysteresis = model.hasHysteresis();
        this.chargeTransfer = model.hasChargeTransfer();
        this.instantaneousHysteresis = model.hasInstantaneousHysteresis();
        this.balancingConductanceS = 1.0 / config.balancingResistanceOhm();

        capacityScale = new double[cells];
        resistanceScale = new double[cells];
        leakConductanceS = new double[cells];
        shortConductanceS = new double[cells];
        soc = new double[cells];
        dischargedAh = new double[cells];
        capacityAh = new double[cells];
        capacityInverse = new double[cells];
        hysteresisDecay = new double[cells];
        SplittableRandom random = new SplittableRandom(seed);
        CellVariation spread = config.variation();
        for (int c = 0; c < cells; c++) {
            capacityScale[c] = 1.0 + spread.capacity() * truncatedGaussian(random);
            resistanceScale[c] = 1.0 + spread.resistance() * truncatedGaussian(random);
            soc[c] = Math.min(1.0, Math.max(0.0, config.initialSoc() + spread.soc() * truncatedGaussian(random)));
            leakConductanceS[c] = model.leakConductanceS() * (1.0 + spread.selfDischarge() * truncatedGaussian(random));
            capacityAh[c] = model.capacityAh(initialTemperatureC) * capacityScale[c];
            capacityInverse[c] = 1.0 / capacityAh[c];
            dischargedAh[c] = (1.0 - soc[c]) * capacityAh[c];
        }
        schedule = new ParameterSchedule(model, cells, ParameterSchedule.Holds.PLANT);
        movedCells = new int[cells];
        rcVoltageV = new double[rcPairs][cells];
        hysteresisState = new double[cells];
        currentSign = new double[cells];

        leakCurrentA = new double[cells];
        r0Ohm = new double[cells];
        rcDecay = new double[rcPairs][cells];
        rcGainOhm = new double[rcPairs][cells];
        rcConductanceS = new double[rcPairs][cells];
        hysteresisMaxV = new double[cells];
        instantaneousHysteresisV = new double[cells];
        hysteresisDecayRate = new double[cells];
        coulombicEfficiency = new double[cells];
        sourceV = new double[cells];
        cellResistanceOhm = new double[cells];
        linearResistanceOhm = new double[cells];
        chargeTransferTafelV = new double[cells];
        chargeTransferGainPerA = new double[cells];
        chargeTransferV = new double[cells];
        chargeTransferSlopeOhm = new double[cells];
        chargeTransferOffsetV = new double[cells];
        conductanceS = new double[cells];
        groupSourceV = new double[series];
        groupResistanceOhm = new double[series];

        balancing = new boolean[series];
        cellCurrentA = new double[cells];
        cellHeatW = new double[cells];
        groupVoltageV = new double[series];
        groupBleedCurrentA = new double[series];
    }

    private static double truncatedGaussian(SplittableRandom random) {
        double x;
        do {
            x = random.nextGaussian();
        } while (Math.abs(x) > TRUNCATE_SIGMAS);
        return x;
    }

    /**
     * Phase 1 of a step: the Thevenin equivalents of every cell, group and the whole string for a step of
     * {@code dtS} at the cells' present temperatures. Done in passes over the cells, so that the arithmetic
     * after the table look-ups runs as plain loops over arrays.
     */
    public void prepare(double dtS, double[] temperatureC) {
        boolean newStep = dtS != stepS;
        stepS = dtS;
        // 1. the cells' parameters: the OCV exact, the rest re-evaluated for the cells that have moved (the schedule)
        int moved = schedule.updateAll(soc, temperatureC, movedCells);
        boolean capacityVaries = model.capacityDependsOnTemperature();
        for (int i = 0; i < moved; i++) {
            int c = movedCells[i];
            if (capacityVaries) {
                capacityAh[c] = schedule.capacityAh(c) * capacityScale[c];
                capacityInverse[c] = 1.0 / capacityAh[c];
                soc[c] = 1.0 - dischargedAh[c] * capacityInverse[c];
                schedule.update(c, soc[c], temperatureC[c]);
            }
            if (!newStep) {
                discretise(c, dtS);
            }
        }
        if (newStep) { // every cell's RC decays for the new step length
            for (int c = 0; c < cells; c++) {
                discretise(c, dtS);
            }
        }
        if (chargeTransfer) { // linearised at the last current: eta(i) ~ eta(i_p) + eta'(i_p) (i - i_p)
            for (int c = 0; c < cells; c++) {
                double w = 1.0 - rcDecay[0][c];
                chargeTransferOffsetV[c] = w * (chargeTransferV[c] - chargeTransferSlopeOhm[c] * cellCurrentA[c]);
                cellResistanceOhm[c] = linearResistanceOhm[c] + w * chargeTransferSlopeOhm[c];
                conductanceS[c] = 1.0 / cellResistanceOhm[c];
            }
        }
        // 2. each cell as a source E = OCV + M h - sum(a_k v_k) behind R = R0 + sum(R_k (1 - a_k)) (plain loops over
        // arrays, which the JIT vectorises)
        for (int c = 0; c < cells; c++) {
            sourceV[c] = schedule.ocvV(c) + hysteresisMaxV[c] * hysteresisState[c]
                    + instantaneousHysteresisV[c] * currentSign[c] - chargeTransferOffsetV[c];
        }
        for (int k = 0; k < rcPairs; k++) {
            double[] decay = rcDecay[k];
            double[] voltage = rcVoltageV[k];
            for (int c = 0; c < cells; c++) {
                sourceV[c] -= decay[c] * voltage[c];
            }
        }
        // 3. each parallel group (with its bleed resistor when balancing) and the string
        double packE = 0;
        double packR = 0;
        for (int g = 0; g < series; g++) {
            double source;
            double resistance;
            if (parallel == 1 && !balancing[g]) { // a lone cell is its own group: no divisions
                source = sourceV[g];
                resistance = cellResistanceOhm[g];
            } else {
                double conductance = 0;
                double currentSource = 0;
                for (int c = g * parallel, end = c + parallel; c < end; c++) {
                    conductance += conductanceS[c];
                    currentSource += sourceV[c] * conductanceS[c];
                }
                double total = conductance + (balancing[g] ? balancingConductanceS : 0.0);
                source = currentSource / total;
                resistance = 1.0 / total;
            }
            groupSourceV[g] = source;
            groupResistanceOhm[g] = resistance;
            packE += source;
            packR += resistance;
        }
        packSourceV = packE;
        packResistanceOhm = packR;
    }

    /**
     * Cell {@code c}'s parameters over a step of {@code dtS}, from the schedule's held values with the cell's spread:
     * R0, the hysteresis magnitude, each RC pair's exact decay {@code a = exp(-dt/tau)}, gain {@code R (1 - a)} and
     * conductance, and the cell's resistance over the step.
     */
    private void discretise(int c, double dtS) {
        double scale = resistanceScale[c];
        double r = schedule.r0Ohm(c) * scale;
        r0Ohm[c] = r;
        hysteresisMaxV[c] = schedule.hysteresisMaxV(c);
        instantaneousHysteresisV[c] = schedule.instantaneousHysteresisV(c);
        hysteresisDecayRate[c] = schedule.hysteresisDecayRate(c);
        coulombicEfficiency[c] = schedule.coulombicEfficiency(c);
        for (int k = 0; k < rcPairs; k++) {
            double rk = schedule.rcResistanceOhm(k, c) * scale;
            double a = CellModel.rcDecay(dtS, schedule.rcTauS(k, c));
            rcDecay[k][c] = a;
            rcGainOhm[k][c] = rk * (1.0 - a);
            rcConductanceS[k][c] = 1.0 / rk;
            r += rcGainOhm[k][c];
        }
        linearResistanceOhm[c] = r;
        cellResistanceOhm[c] = r;
        conductanceS[c] = 1.0 / r;
        if (chargeTransfer) {
            double tafel = schedule.tafelSlopeV(c) * scale;
            double gain = schedule.chargeTransferGainPerA(c);
            chargeTransferTafelV[c] = tafel;
            chargeTransferGainPerA[c] = gain;
            chargeTransferV[c] = CellModel.chargeTransferV(tafel, gain, cellCurrentA[c]);
            chargeTransferSlopeOhm[c] = CellModel.chargeTransferSlopeOhm(tafel, gain, cellCurrentA[c]);
        }
    }

    /** Phase 2 of a step: the string carries {@code currentA} (positive = discharge) for the prepared step. */
    public void apply(double currentA) {
        double dtS = stepS;
        double hours = dtS / CellModel.SECONDS_PER_HOUR;
        // 1. each group's terminal voltage and its cells' currents, i = (E - V) / R (plain loops over arrays, which
        // the JIT vectorises, apart from the sum)
        for (int g = 0; g < series; g++) {
            groupVoltageV[g] = groupSourceV[g] - groupResistanceOhm[g] * currentA;
        }
        if (parallel == 1) {
            for (int c = 0; c < cells; c++) {
                cellCurrentA[c] = (sourceV[c] - groupVoltageV[c]) * conductanceS[c];
            }
        } else {
            for (int g = 0; g < series; g++) {
                double v = groupVoltageV[g];
                for (int c = g * parallel, end = c + parallel; c < end; c++) {
                    cellCurrentA[c] = (sourceV[c] - v) * conductanceS[c];
                }
            }
        }
        if (chargeTransfer || instantaneousHysteresis) {
            correctForTheCurrent();
        }
        double terminal = 0;
        for (int g = 0; g < series; g++) {
            terminal += groupVoltageV[g];
        }
        for (int g = 0; g < series; g++) {
            groupBleedCurrentA[g] = balancing[g] ? groupVoltageV[g] * balancingConductanceS : 0.0;
        }
        // 2. charge, soc, Joule and leak heat: dq = (eta i + i_leak) dt / 3600; soc = 1 - q / Q(T). One array written
        // per loop: JDK 17 vectorises a loop only then (it cannot tell two arrays apart)
        for (int c = 0; c < cells; c++) {
            leakCurrentA[c] = schedule.ocvV(c) * (leakConductanceS[c] + shortConductanceS[c]);
        }
        for (int c = 0; c < cells; c++) {
            double i = cellCurrentA[c];
            double stored = Math.max(i, 0.0) + coulombicEfficiency[c] * Math.min(i, 0.0); // eta i while charging
            dischargedAh[c] = dischargedAh[c] + (stored + leakCurrentA[c]) * hours;
        }
        for (int c = 0; c < cells; c++) {
            soc[c] = 1.0 - dischargedAh[c] * capacityInverse[c];
        }
        for (int c = 0; c < cells; c++) {
            double i = cellCurrentA[c];
            cellHeatW[c] = i * i * r0Ohm[c] + schedule.ocvV(c) * leakCurrentA[c];
        }
        // 3. the RC pairs: v_k' = a v_k + R_k (1 - a) i, and the heat in their resistors
        for (int k = 0; k < rcPairs; k++) {
            double[] voltage = rcVoltageV[k];
            double[] decay = rcDecay[k];
            double[] gain = rcGainOhm[k];
            double[] conductance = rcConductanceS[k];
            for (int c = 0; c < cells; c++) {
                voltage[c] = decay[c] * voltage[c] + gain[c] * cellCurrentA[c];
            }
            if (k == 0 && chargeTransfer) { // the overpotential settles the pair; its resistance is the chord eta(i)/i
                for (int c = 0; c < cells; c++) {
                    double w = 1.0 - decay[c];
                    voltage[c] += w * chargeTransferV[c];
                    double i = cellCurrentA[c];
                    double chord = i != 0 ? chargeTransferV[c] / i
                            : chargeTransferTafelV[c] * chargeTransferGainPerA[c];
                    cellHeatW[c] += voltage[c] * voltage[c] / (1.0 / conductance[c] + chord);
                }
                continue;
            }
            for (int c = 0; c < cells; c++) {
                cellHeatW[c] += voltage[c] * voltage[c] * conductance[c];
            }
        }
        // 4. hysteresis: h' = A h - (1 - A) sgn(i), A = exp(-|eta i gamma dt / (3600 Q)|) (no current: A = 1)
        if (hysteresis) {
            for (int c = 0; c < cells; c++) {
                double i = cellCurrentA[c];
                double magnitude = Math.max(i, 0.0) - coulombicEfficiency[c] * Math.min(i, 0.0);
                hysteresisDecay[c] = magnitude * hysteresisDecayRate[c] * hours * capacityInverse[c];
            }
            CellModel.expMinusAll(hysteresisDecay, cells);
            for (int c = 0; c < cells; c++) {
                double a = hysteresisDecay[c];
                hysteresisState[c] = a * hysteresisState[c] - (1.0 - a) * Math.signum(cellCurrentA[c]);
            }
        }
        stringCurrentA = currentA;
        terminalVoltageV = terminal;
    }

    /**
     * Each group's voltage corrected by what prepare could not know of its cells' currents, averaged over a
     * parallel group by conductance: the charge transfer's exact overpotential against its linearisation,
     * {@code w (eta(i) - eta(i_p) - eta'(i_p)(i - i_p))} (the overpotential and its slope at this current are where
     * the next step linearises), and the instantaneous hysteresis's new sign, {@code -M0 (s - s_p)}.
     */
    private void correctForTheCurrent() {
        for (int g = 0; g < series; g++) {
            double weighted = 0;
            double conductance = 0;
            for (int c = g * parallel, end = c + parallel; c < end; c++) {
                double i = cellCurrentA[c];
                double missed = 0;
                if (chargeTransfer) {
                    double w = 1.0 - rcDecay[0][c];
                    double exact = CellModel.chargeTransferV(chargeTransferTafelV[c], chargeTransferGainPerA[c], i);
                    missed = w * exact - chargeTransferOffsetV[c] - w * chargeTransferSlopeOhm[c] * i;
                    chargeTransferV[c] = exact;
                    chargeTransferSlopeOhm[c] = CellModel.chargeTransferSlopeOhm(chargeTransferTafelV[c],
                            chargeTransferGainPerA[c], i);
                }
                if (instantaneousHysteresis) {
                    double sign = CellModel.hysteresisSign(i, currentSign[c]);
                    missed -= instantaneousHysteresisV[c] * (sign - currentSign[c]);
                    currentSign[c] = sign;
                }
                weighted += missed * conductanceS[c];
                conductance += conductanceS[c];
            }
            groupVoltageV[g] -= weighted / conductance;
        }
    }

    // ---- commands and injected faults ----------------------------------------------------------------

    /** Switches the bleed resistor of series group {@code group} on or off (takes effect at the next step). */
    public void setBalancing(int group, boolean on) {
        balancing[group] = on;
    }

    public boolean isBalancing(int group) {
        return balancing[group];
    }

    /**
     * An internal short in cell {@code cell}: a leak path of {@code resistanceOhm} across its electrodes that
     * drains it and heats it. {@code Double.POSITIVE_INFINITY} removes it.
     */
    public void setInternalShort(int cell, double resistanceOhm) {
        if (!(resistanceOhm > 0)) {
            throw new IllegalArgumentException("short resistance must be above zero, got " + resistanceOhm);
        }
        shortConductanceS[cell] = 1.0 / resistanceOhm;
    }

    /**
     * Sets one cell's state of charge against its present usable capacity (a test or scenario set-up; RC and
     * hysteresis states are kept).
     */
    public void setSoc(int cell, double value) {
        Checks.finite("soc", value);
        dischargedAh[cell] = (1.0 - value) * capacityAh[cell];
        soc[cell] = value;
    }

    /**
     * Sets one cell's hysteresis state, from -1 (after a discharge) to +1 (after a charge): a test replaying
     * a measurement that starts after a full charge starts at +1.
     */
    public void setHysteresisState(int cell, double value) {
        hysteresisState[cell] = Checks.inRange("hysteresis state", value, -1.0, 1.0);
        currentSign[cell] = Math.signum(value); // the instantaneous part follows the same history
    }

    // ---- the Thevenin view, valid after prepare() ----------------------------------------------------

    /** Open-circuit voltage of the string for the prepared step, V. */
    @Override
    public double sourceVoltageV() {
        return packSourceV;
    }

    /** Internal resistance of the string for the prepared step, Ohm. */
    @Override
    public double resistanceOhm() {
        return packResistanceOhm;
    }

    /** Open-circuit voltage of group {@code g} for the prepared step (its bleed resistor included), V. */
    @Override
    public double groupSourceV(int g) {
        return groupSourceV[g];
    }

    /** Internal resistance of group {@code g} for the prepared step, Ohm. */
    @Override
    public double groupResistanceOhm(int g) {
        return groupResistanceOhm[g];
    }

    // ---- state and the results of the last step ------------------------------------------------------

    public PackConfig config() {
        return config;
    }

    public CellModel model() {
        return model;
    }

    @Override
    public int seriesCount() {
        return series;
    }

    public int parallelCount() {
        return parallel;
    }

    public int cellCount() {
        return cells;
    }

    /**
     * True state of charge of cell {@code c} against its usable capacity at its temperature (what the plant
     * knows and the BMS must estimate). Beyond 0..1 when a cell is over-charged or over-discharged.
     */
    public double soc(int c) {
        return soc[c];
    }

    /** Voltage of RC pair {@code k} of cell {@code c}, V. */
    public double rcVoltageV(int k, int c) {
        return rcVoltageV[k][c];
    }

    /** Hysteresis state of cell {@code c}, -1..1. */
    public double hysteresisState(int c) {
        return hysteresisState[c];
    }

    /** Open-circuit voltage of cell {@code c} at the start of the last step, V. */
    public double ocvV(int c) {
        return schedule.ocvV(c);
    }

    /** Charge taken out of cell {@code c} since it was full, Ah (the conserved quantity). */
    public double dischargedAh(int c) {
        return dischargedAh[c];
    }

    /** Usable capacity of cell {@code c} at its temperature in the last step, spread included, Ah. */
    public double capacityAh(int c) {
        return capacityAh[c];
    }

    /** The capacity spread factor drawn for cell {@code c}. */
    public double capacityScale(int c) {
        return capacityScale[c];
    }

    /** The resistance spread factor drawn for cell {@code c}. */
    public double resistanceScale(int c) {
        return resistanceScale[c];
    }

    /** Current of cell {@code c} in the last step, positive on discharge, A. */
    public double cellCurrentA(int c) {
        return cellCurrentA[c];
    }

    /** Heat generated inside cell {@code c} in the last step (Joule losses and leak), W. */
    public double cellHeatW(int c) {
        return cellHeatW[c];
    }

    /** Terminal voltage of series group {@code g} at the end of the last step, V. */
    public double groupVoltageV(int g) {
        return groupVoltageV[g];
    }

    /** Current through group {@code g}'s bleed resistor in the last step, A. */
    public double groupBleedCurrentA(int g) {
        return groupBleedCurrentA[g];
    }

    /** Heat in group {@code g}'s bleed resistor in the last step, W. */
    public double groupBleedPowerW(int g) {
        return groupBleedCurrentA[g] * groupVoltageV[g];
    }

    /** Current through the string in the last step, positive on discharge, A. */
    public double stringCurrentA() {
        return stringCurrentA;
    }

    /** Pack terminal voltage (the sum of the group voltages) at the end of the last step, V. */
    public double terminalVoltageV() {
        return terminalVoltageV;
    }
}
