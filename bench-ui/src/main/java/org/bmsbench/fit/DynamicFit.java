package org.bmsbench.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.bmsbench.config.ConfigException;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table2D;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * A cell's kinetic parameters refined on measured drives, as Plett's dynamic-test processing follows the static
 * tests: the OCV and the shape of every table in soc stay as the OCV and pulse tests gave them, and at each of
 * the tables' temperature rows four scales are fitted by Levenberg-Marquardt least squares (Hipparchus) to the
 * drives' terminal voltage: R0, the fast pair (its resistance up and its exchange current down by the same
 * factor), the slow pair's resistance and its time constant. A drive reaches minutes of sustained current that ten
 * second pulses do not; what it shows about a row is carried to every soc of that row, and the Arrhenius
 * interpolation between rows spreads a drive's temperature over its two neighbouring rows.
 *
 * <p>Each drive is replayed from full ({@link CellReplay}) with its measured current and temperature, and its
 * residual taken above 5 % reference soc (the tester's cut-off region is the capacity's, not the kinetics'), at
 * most {@link #SAMPLES_PER_FILE} evenly spread samples per file, every file weighing the same. A prior of
 * {@link #PRIOR_V_PER_LOG} per unit of each scale's logarithm keeps a row no drive reaches where the pulses put it.
 * The scales are kept within a factor of {@link #MAX_SCALE} either way.
 */
public final class DynamicFit {
    /** Scales per temperature row: R0, the fast pair, the slow pair's resistance and time constant. */
    private static final int R0 = 0;
    private static final int FAST = 1;
    private static final int SLOW_R = 2;
    private static final int SLOW_TAU = 3;
    private static final double MAX_SCALE = 2.0;
    private static final int SAMPLES_PER_FILE = 4000;
    /** Below this reference soc the residual is not taken. */
    private static final double MIN_SOC = 0.05;
    /** The prior: a scale of e costs as much as a 2 mV RMS error on every drive. */
    private static final double PRIOR_V_PER_LOG = 0.002;
    private static final double STEP = 1e-3;

    private DynamicFit() {
    }

    /**
     * One drive's voltage residual RMS above 5 % soc, before and after the refinement.
     *
     * @param used true for a drive the fit used, false for one it only checks
     */
    public record DriveResidual(String file, double temperatureC, boolean used, double beforeRmsV, double afterRmsV) {
    }

    /**
     * The refined cell, each row's scales ({@code scales[row]} = R0, fast pair, slow resistance, slow time
     * constant) at {@code temperaturesC}, and every drive's residual.
     */
    public record Result(CellParameters cell, double[] temperaturesC, double[][] scales, List<DriveResidual> drives) {
    }

    /**
     * Refines {@code start} on {@code fitOn} and reports the residual on {@code checkOn} too, each drive's current
     * aligned by {@code alignment}. Every drive must start full, like a validation run.
     */
    public static Result refine(CellParameters start, List<Recording> fitOn, List<Recording> checkOn,
                                CurrentAlignment alignment) {
        double[] rows = sharedRows(start);
        int kinds = start.rcPairs().size() == 2 ? 4 : 2;
        List<Drive> fit = fitOn.stream().map(r -> new Drive(r, start, alignment)).toList();
        Problem problem = new Problem(start, rows, kinds, fit);
        double[] lower = new double[rows.length * kinds];
        double[] upper = new double[lower.length];
        Arrays.fill(lower, -Math.log(MAX_SCALE));
        Arrays.fill(upper, Math.log(MAX_SCALE));
        Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(problem::valueAndJacobian)
                .target(new double[problem.residuals()])
                .start(new double[lower.length])
                .parameterValidator(p -> {
                    double[] v = p.toArray();
                    for (int k = 0; k < v.length; k++) {
                        v[k] = Math.max(lower[k], Math.min(upper[k], v[k]));
                    }
                    return new ArrayRealVector(v, false);
                })
                .maxEvaluations(200)
                .maxIterations(50)
                .build());
        double[] best = optimum.getPoint().toArray();
        CellParameters scaled = scaled(start, rows, kinds, best);
        List<DriveResidual> drives = new ArrayList<>();
        double squares = 0;
        for (Drive d : fit) {
            double after = d.rmsV(scaled);
            drives.add(new DriveResidual(d.name, d.temperatureC, true, d.rmsV(start), after));
            squares += after * after;
        }
        String drivesUsed = String.join(", ", fitOn.stream().map(Recording::name).toList());
        double modelErrorV = Math.round(1e4 * Math.sqrt(squares / fit.size())) / 1e4;
        CellParameters refined = finished(scaled, start.source() + " R0 and the RC pairs refined row by row on the"
                + " drives " + drivesUsed + " (bmsbench fit --dynamic).", modelErrorV);
        for (Recording r : checkOn) {
            Drive d = new Drive(r, start, alignment);
            drives.add(new DriveResidual(d.name, d.temperatureC, false, d.rmsV(start), d.rmsV(scaled)));
        }
        double[][] scales = new double[rows.length][4];
        for (int j = 0; j < rows.length; j++) {
            Arrays.fill(scales[j], 1.0);
            for (int kind = 0; kind < kinds; kind++) {
                scales[j][kind] = Math.exp(best[j * kinds + kind]);
            }
        }
        return new Result(refined, rows, scales, drives);
    }

    /** The temperature rows every kinetic table shares, as {@code fit} writes them; refused otherwise. */
    private static double[] sharedRows(CellParameters cell) {
        double[] rows = cell.r0Ohm().temperatureC();
        List<Table2D> tables = new ArrayList<>();
        for (RcPair pair : cell.rcPairs()) {
            tables.add(pair.resistanceOhm());
            tables.add(pair.tauS());
            if (pair.hasChargeTransfer()) {
                tables.add(pair.exchangeCurrentA());
            }
        }
        for (Table2D t : tables) {
            if (!Arrays.equals(t.temperatureC(), rows)) {
                throw new ConfigException(cell.name(), "a dynamic fit scales the kinetic tables row by row: they need"
                        + " the same temperature rows (R0 has " + Arrays.toString(rows) + ", another table "
                        + Arrays.toString(t.temperatureC()) + ")", null);
            }
        }
        return rows;
    }

    /** {@code cell} with each row of its kinetic tables scaled by {@code exp(p[row * kinds + kind])}. */
    static CellParameters scaled(CellParameters cell, double[] rows, int kinds, double[] p) {
        Table2D r0 = scaleRows(cell.r0Ohm(), rows, kinds, p, R0, 1);
        List<RcPair> pairs = new ArrayList<>();
        RcPair fast = cell.rcPairs().get(0);
        Table2D fastR = scaleRows(fast.resistanceOhm(), rows, kinds, p, FAST, 1);
        pairs.add(fast.hasChargeTransfer()
                ? new RcPair(fastR, fast.tauS(), scaleRows(fast.exchangeCurrentA(), rows, kinds, p, FAST, -1),
                        fast.transferCoefficient())
                : new RcPair(fastR, fast.tauS()));
        if (kinds == 4) {
            RcPair slow = cell.rcPairs().get(1);
            pairs.add(new RcPair(scaleRows(slow.resistanceOhm(), rows, kinds, p, SLOW_R, 1),
                    scaleRows(slow.tauS(), rows, kinds, p, SLOW_TAU, 1)));
        }
        return new CellParameters(cell.name(), cell.description(), cell.source(), cell.minVoltageV(),
                cell.maxVoltageV(), cell.capacityAh(), cell.ocvV(), r0, pairs, cell.hysteresis(),
                cell.coulombicEfficiency(), cell.leakResistanceOhm(), cell.thermal());
    }

    /** The refined cell with its source saying so and its model error, the fitted drives' RMS pooled, V. */
    private static CellParameters finished(CellParameters cell, String source, double modelErrorV) {
        return new CellParameters(cell.name(), cell.description(), source, cell.minVoltageV(), cell.maxVoltageV(),
                cell.capacityAh(), cell.ocvV(), cell.r0Ohm(), cell.rcPairs(), cell.hysteresis(),
                cell.coulombicEfficiency(), cell.leakResistanceOhm(), cell.thermal(), modelErrorV);
    }

    private static Table2D scaleRows(Table2D table, double[] rows, int kinds, double[] p, int kind, int power) {
        double[][] values = new double[rows.length][];
        for (int j = 0; j < rows.length; j++) {
            double factor = Math.exp(power * p[j * kinds + kind]);
            values[j] = table.values()[j].clone();
            for (int k = 0; k < values[j].length; k++) {
                values[j][k] *= factor;
            }
        }
        return new Table2D(table.soc(), table.temperatureC(), values);
    }

    /** A drive and the samples its residual is taken at. */
    private static final class Drive {
        private final Recording recording;
        private final String name;
        private final double temperatureC;
        private final CurrentAlignment alignment;
        private final int[] samples;

        Drive(Recording r, CellParameters cell, CurrentAlignment alignment) {
            this.recording = r;
            this.name = r.name();
            this.temperatureC = r.hasTemperature() ? r.medianTemperatureC() : 25.0;
            this.alignment = alignment;
            double capacityAh = cell.capacityAh().valueAt(temperatureC);
            double[] q = r.chargeOutAh();
            int[] above = IntStream.range(1, r.samples()).filter(k -> 1.0 - q[k] / capacityAh > MIN_SOC).toArray();
            int stride = Math.max(1, above.length / SAMPLES_PER_FILE);
            this.samples = IntStream.range(0, above.length / stride).map(k -> above[k * stride]).toArray();
            if (samples.length == 0) {
                throw new ConfigException(name, "no sample above 5 % soc: a drive for the dynamic fit must start full",
                        null);
            }
        }

        /** The model's voltage minus the measured one at each of the drive's samples. */
        double[] errors(CellParameters cell) {
            double[] model = CellReplay.voltages(cell, recording, recording.currentA(), 1.0, 1.0, temperatureC,
                    alignment);
            double[] e = new double[samples.length];
            for (int k = 0; k < samples.length; k++) {
                e[k] = model[samples[k]] - recording.voltageV()[samples[k]];
            }
            return e;
        }

        double rmsV(CellParameters cell) {
            double sum = 0;
            for (double e : errors(cell)) {
                sum += e * e;
            }
            return Math.sqrt(sum / samples.length);
        }
    }

    /** The least-squares problem: each drive's errors weighted to count once, then the prior on each scale. */
    private static final class Problem {
        private final CellParameters start;
        private final double[] rows;
        private final int kinds;
        private final List<Drive> drives;
        private final int residuals;

        Problem(CellParameters start, double[] rows, int kinds, List<Drive> drives) {
            this.start = start;
            this.rows = rows;
            this.kinds = kinds;
            this.drives = drives;
            this.residuals = drives.stream().mapToInt(d -> d.samples.length).sum() + rows.length * kinds;
        }

        int residuals() {
            return residuals;
        }

        double[] residuals(double[] p) {
            CellParameters cell = scaled(start, rows, kinds, p);
            double[] out = new double[residuals];
            int at = 0;
            for (Drive d : drives) {
                double weight = 1.0 / Math.sqrt(d.samples.length * (double) drives.size());
                for (double e : d.errors(cell)) {
                    out[at++] = e * weight;
                }
            }
            for (double v : p) {
                out[at++] = v * PRIOR_V_PER_LOG;
            }
            return out;
        }

        /** The residuals and their Jacobian by forward differences, the columns worked out in parallel. */
        Pair<RealVector, RealMatrix> valueAndJacobian(RealVector point) {
            double[] p = point.toArray();
            double[] e = residuals(p);
            double[][] columns = IntStream.range(0, p.length).parallel().mapToObj(j -> {
                double[] shifted = p.clone();
                shifted[j] += STEP;
                double[] eh = residuals(shifted);
                for (int k = 0; k < eh.length; k++) {
                    eh[k] = (eh[k] - e[k]) / STEP;
                }
                return eh;
            }).toArray(double[][]::new);
            double[][] jacobian = new double[e.length][p.length];
            for (int j = 0; j < p.length; j++) {
                for (int k = 0; k < e.length; k++) {
                    jacobian[k][j] = columns[j][k];
                }
            }
            return new Pair<>(new ArrayRealVector(e, false), new Array2DRowRealMatrix(jacobian, false));
        }
    }
}
