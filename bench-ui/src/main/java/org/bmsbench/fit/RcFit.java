package org.bmsbench.fit;

import java.util.List;
import java.util.Locale;
import org.bmsbench.config.ConfigException;
import org.bmsbench.fit.PulseTest.Pulse;
import org.bmsbench.fit.PulseTest.PulseSet;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.RcPair;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * The RC pairs of one soc point, by nonlinear least squares (Levenberg-Marquardt, Hipparchus) over the whole
 * pulse set: every pulse and the relaxation after it, fitted at once, so one parameter set serves the range of
 * currents a drive asks for. The model is the cell file's: {@code v = OCV(soc) + offset + M h - R0 i - sum(v_k)},
 * each RC pair integrated exactly with every sample's current held until the next sample. R0 is fixed at the
 * value the pulse edges give; the free parameters are each pair's resistance and time constant (on a log scale,
 * so they stay positive and the optimiser sees their relative size) and an offset: the set's rested level against
 * the OCV table. With two pairs the slow one's capacitance can be given instead ({@link Tie}), which ties its time
 * constant to its resistance ({@code tau = R C}, inside the same time-constant range) and leaves the resistance to
 * fit. The hysteresis voltage {@code M h} is given (it depends on the current alone, not on the pairs);
 * without it the offset holds the hysteresis as well. The sample just after each current edge is left out: a
 * tester catches the voltage there mid-step, which no equivalent circuit (nor the 0.2 s edge reading of R0)
 * describes.
 *
 * <p>With a Tafel slope given, the fast pair carries the charge-transfer overpotential as well: it settles at
 * {@code R_1 i + b asinh(i / 2 i0)} ({@link RcPair}), and {@code ln i0} is one more free parameter. The set's
 * pulses of different amplitudes are what tell it apart from {@code R_1}: a linear pair cannot follow a
 * polarisation that grows more slowly than the current.
 *
 * <p>What happened before the set matters: the polarisation of the move to this soc point is still relaxing when
 * the pulses start. A move the log does not show is replayed as a constant discharge of the charge it took out at
 * {@code gapCurrentA}, followed by rest until the set begins.
 */
public final class RcFit {
    /** Time-constant ranges: the fast pair (charge transfer) and the slow one (diffusion), s. */
    private static final double[][] TAU_BOUNDS_S = {{0.3, 20.0}, {20.0, 2000.0}};
    private static final double[] ONE_PAIR_TAU_BOUNDS_S = {0.3, 2000.0};
    static final double MIN_R_OHM = 1e-4;
    static final double MAX_R_OHM = 1.0;
    private static final double MAX_OFFSET_V = 0.5;
    /** The exchange current's range, A: from a charge transfer that dominates to one that barely shows. */
    static final double MIN_EXCHANGE_A = 1e-4;
    static final double MAX_EXCHANGE_A = 100.0;

    private RcFit() {
    }

    /** The time-constant range of pair {@code pair} (0 the fastest) of {@code pairs}, s: {lower, upper}. */
    static double[] tauBoundsS(int pairs, int pair) {
        return (pairs == 1 ? ONE_PAIR_TAU_BOUNDS_S : TAU_BOUNDS_S[pair]).clone();
    }

    /**
     * One soc point's result.
     *
     * @param soc          where it applies
     * @param r0Ohm        from the pulse edges
     * @param rOhm         each pair's resistance
     * @param tauS         each pair's time constant
     * @param exchangeCurrentA the fast pair's charge-transfer exchange current i0, A; NaN without charge transfer
     * @param offsetV      the set's rested level against the OCV table (and its hysteresis, when given)
     * @param rmsV         the residual RMS over the whole set
     * @param pulses       the set's pulses
     * @param pulseRmsV    per pulse, the residual RMS from its start to the next pulse's start
     */
    public record Result(double soc, double r0Ohm, double[] rOhm, double[] tauS, double exchangeCurrentA,
                         double offsetV, double rmsV,
                         List<Pulse> pulses, double[] pulseRmsV) {
        /** The slowest pair's resistance, Ohm. */
        public double slowResistanceOhm() {
            return rOhm[rOhm.length - 1];
        }

        /** The slowest pair's capacitance tau / R, F. */
        public double slowCapacitanceF() {
            return tauS[rOhm.length - 1] / slowResistanceOhm();
        }

        /** True when the slowest pair's time constant came out at an end of its allowed range. */
        public boolean slowTauAtBound() {
            double[] range = tauBoundsS(rOhm.length, rOhm.length - 1);
            double tau = tauS[rOhm.length - 1];
            return tau <= range[0] * (1 + 1e-3) || tau >= range[1] * (1 - 1e-3);
        }
    }

    /**
     * A slow pair whose time constant is tied to its resistance, {@code tau = R C}.
     *
     * @param capacitanceF     C, F
     * @param resistanceGuessOhm where the fit starts its resistance, Ohm
     */
    public record Tie(double capacitanceF, double resistanceGuessOhm) {
    }

    /**
     * Fits {@code pairs} RC pairs (1 or 2) to {@code set}; {@code hysteresisV} is the hysteresis voltage at every
     * sample of the recording ({@link HysteresisFit#voltages}), or null to leave it to the offset. With two pairs
     * and a {@code tie}, only the slow pair's resistance is fitted; with none (null), its time constant too.
     * {@code tafelV} is the charge transfer's Tafel slope at the set's temperature, or NaN for a linear fast pair.
     */
    public static Result fit(Recording r, PulseSet set, OcvCurve ocv, double capacityAh, int pairs,
                             double gapCurrentA, double[] hysteresisV, Tie tie, double tafelV) {
        SetModel model = new SetModel(r, set, ocv, capacityAh, pairs, gapCurrentA, hysteresisV, tie, tafelV);
        int parameters = model.parameters();
        if (model.samples() < 4 * parameters) {
            throw new ConfigException(r.name(), String.format(Locale.ROOT, "the pulses at soc %.3f (from %.1f s)"
                    + " have %d logged samples: too few to fit %d RC pair(s)", set.soc(), r.timeS()[set.first()],
                    model.samples(), pairs), null);
        }
        double[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (double[] start : model.starts()) {
            LeastSquaresProblem problem = new LeastSquaresBuilder()
                    .model(model::valueAndJacobian)
                    .target(new double[model.samples()])
                    .start(start)
                    .parameterValidator(model::clamp)
                    .maxEvaluations(2000)
                    .maxIterations(400)
                    .build();
            Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
            double cost = optimum.getRMS();
            if (cost < bestCost) {
                bestCost = cost;
                best = optimum.getPoint().toArray();
            }
        }
        double[] residual = model.residuals(best);
        double[] rOhm = new double[pairs];
        double[] tauS = new double[pairs];
        model.pairs(best, rOhm, tauS);
        return new Result(set.soc(), set.r0Ohm(), rOhm, tauS, model.exchangeCurrentA(best), best[0],
                rms(residual, 0, residual.length),
                set.pulses(), model.pulseRms(residual));
    }

    private static double rms(double[] e, int from, int to) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += e[k] * e[k];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /**
     * The set's data and the model's voltage for a parameter vector {@code [offset, ln R_k..., ln tau_k...,
     * ln i0]}; the slow pair's {@code ln tau} is left out when its capacitance is given, {@code ln i0} without
     * charge transfer.
     */
    private static final class SetModel {
        private final int pairs;
        private final int freeTaus;
        private final Tie tie;
        private final double tafelV;
        private final boolean chargeTransfer;
        private final double r0;
        private final double[] time;
        private final double[] current;
        private final double[] measured;
        private final double[] ocv;
        private final double[][] history;
        private final int[] pulseStarts;
        private final boolean[] edge;
        private final double[] lower;
        private final double[] upper;

        SetModel(Recording r, PulseSet set, OcvCurve ocvCurve, double capacityAh, int pairs, double gapCurrentA,
                 double[] hysteresisV, Tie tie, double tafelV) {
            this.pairs = pairs;
            this.tafelV = tafelV;
            this.chargeTransfer = !Double.isNaN(tafelV);
            this.tie = pairs == 2 ? tie : null;
            this.freeTaus = this.tie != null ? 1 : pairs;
            this.r0 = set.r0Ohm();
            int n = set.last() - set.first() + 1;
            this.time = java.util.Arrays.copyOfRange(r.timeS(), set.first(), set.last() + 1);
            this.current = java.util.Arrays.copyOfRange(r.currentA(), set.first(), set.last() + 1);
            this.measured = java.util.Arrays.copyOfRange(r.voltageV(), set.first(), set.last() + 1);
            this.ocv = new double[n];
            double[] q = r.chargeOutAh();
            for (int k = 0; k < n; k++) {
                ocv[k] = ocvCurve.at(1.0 - q[set.first() + k] / capacityAh)
                        + (hysteresisV == null ? 0.0 : hysteresisV[set.first() + k]);
            }
            if (set.gapAh() > 0) {
                double movingS = Math.min(set.gapAh() * 3600.0 / gapCurrentA, set.gapS());
                history = new double[][] {{movingS, gapCurrentA}, {set.gapS() - movingS, 0.0}};
            } else {
                history = new double[0][];
            }
            this.pulseStarts = set.pulses().stream().mapToInt(p -> p.start() - set.first()).toArray();
            this.edge = new boolean[n];
            for (Pulse p : set.pulses()) {
                edge[p.start() - set.first()] = true;
                if (p.end() + 1 <= set.last()) {
                    edge[p.end() + 1 - set.first()] = true;
                }
            }
            int parameters = parameters();
            lower = new double[parameters];
            upper = new double[parameters];
            lower[0] = -MAX_OFFSET_V;
            upper[0] = MAX_OFFSET_V;
            for (int k = 0; k < pairs; k++) {
                double[] tau = tauBoundsS(pairs, k);
                if (k < freeTaus) {
                    lower[1 + k] = Math.log(MIN_R_OHM);
                    upper[1 + k] = Math.log(MAX_R_OHM);
                    lower[1 + pairs + k] = Math.log(tau[0]);
                    upper[1 + pairs + k] = Math.log(tau[1]);
                } else { // tau = R C stays in the pair's range
                    lower[1 + k] = Math.log(Math.max(MIN_R_OHM, tau[0] / tie.capacitanceF()));
                    upper[1 + k] = Math.log(Math.min(MAX_R_OHM, tau[1] / tie.capacitanceF()));
                }
            }
            if (chargeTransfer) {
                lower[parameters - 1] = Math.log(MIN_EXCHANGE_A);
                upper[parameters - 1] = Math.log(MAX_EXCHANGE_A);
            }
        }

        int parameters() {
            return 1 + pairs + freeTaus + (chargeTransfer ? 1 : 0);
        }

        double exchangeCurrentA(double[] p) {
            return chargeTransfer ? Math.exp(p[p.length - 1]) : Double.NaN;
        }

        /** The charge transfer's gain 1 / (2 i0), 1/A; 0 without it. */
        private double gainPerA(double[] p) {
            return chargeTransfer ? 0.5 / exchangeCurrentA(p) : 0.0;
        }

        /** Each pair's resistance and time constant from a parameter vector. */
        void pairs(double[] p, double[] rOhm, double[] tauS) {
            for (int k = 0; k < pairs; k++) {
                rOhm[k] = Math.exp(p[1 + k]);
                tauS[k] = k < freeTaus ? Math.exp(p[1 + pairs + k]) : rOhm[k] * tie.capacitanceF();
            }
        }

        int samples() {
            return time.length;
        }

        /**
         * Two starting points, a fast and a slow guess, so one local minimum does not decide the fit; a tied slow
         * pair starts from the tie's resistance guess in both.
         */
        List<double[]> starts() {
            double offset = measured[0] - ocv[0];
            if (!chargeTransfer) {
                return List.of(start(offset, new double[] {2.0, 40.0}, 0), start(offset, new double[] {8.0, 200.0}, 0));
            }
            // a charge transfer that shows at the pulses' currents, and one that barely does
            return List.of(start(offset, new double[] {2.0, 40.0}, 0.1), start(offset, new double[] {8.0, 200.0}, 0.1),
                    start(offset, new double[] {2.0, 40.0}, 10.0));
        }

        private double[] start(double offset, double[] tauGuess, double exchangeGuessA) {
            double[] p = new double[parameters()];
            if (chargeTransfer) {
                p[p.length - 1] = Math.log(exchangeGuessA);
            }
            p[0] = offset;
            for (int k = 0; k < pairs; k++) {
                if (k < freeTaus) {
                    p[1 + k] = Math.log(0.01 * (k + 1));
                    p[1 + pairs + k] = Math.log(pairs == 1 ? tauGuess[0] * 5 : tauGuess[k]);
                } else {
                    p[1 + k] = Math.log(tie.resistanceGuessOhm());
                }
            }
            return clamp(p);
        }

        RealVector clamp(RealVector p) {
            return new ArrayRealVector(clamp(p.toArray()), false);
        }

        double[] clamp(double[] p) {
            double[] out = p.clone();
            for (int k = 0; k < out.length; k++) {
                out[k] = Math.max(lower[k], Math.min(upper[k], out[k]));
            }
            return out;
        }

        /** Model minus measurement at every sample of the set. */
        double[] residuals(double[] p) {
            double[] rk = new double[pairs];
            double[] tau = new double[pairs];
            pairs(p, rk, tau);
            double gain = gainPerA(p);
            double[] v = new double[pairs];
            for (double[] stretch : history) {
                step(v, rk, tau, gain, stretch[0], stretch[1]);
            }
            int n = time.length;
            double[] e = new double[n];
            e[0] = model(v, p[0], 0, current[0]) - measured[0];
            for (int k = 1; k < n; k++) {
                // the current sampled at k-1 flowed until sample k
                step(v, rk, tau, gain, time[k] - time[k - 1], current[k - 1]);
                e[k] = edge[k] ? 0.0 : model(v, p[0], k, current[k - 1]) - measured[k];
            }
            return e;
        }

        private double model(double[] v, double offset, int k, double flowingA) {
            double drop = r0 * flowingA;
            for (double vk : v) {
                drop += vk;
            }
            return ocv[k] + offset - drop;
        }

        private void step(double[] v, double[] r, double[] tau, double gainPerA, double dtS, double currentA) {
            if (dtS <= 0) {
                return;
            }
            for (int k = 0; k < v.length; k++) {
                double a = Math.exp(-dtS / tau[k]);
                double settled = r[k] * currentA;
                if (k == 0 && chargeTransfer) {
                    settled += CellModel.chargeTransferV(tafelV, gainPerA, currentA);
                }
                v[k] = a * v[k] + (1.0 - a) * settled;
            }
        }

        /** The residuals and their Jacobian by forward differences. */
        Pair<RealVector, org.hipparchus.linear.RealMatrix> valueAndJacobian(RealVector point) {
            double[] p = point.toArray();
            double[] e = residuals(p);
            double[][] jacobian = new double[e.length][p.length];
            for (int j = 0; j < p.length; j++) {
                double h = j == 0 ? 1e-6 : 1e-5;
                double[] shifted = p.clone();
                shifted[j] += h;
                double[] eh = residuals(shifted);
                for (int k = 0; k < e.length; k++) {
                    jacobian[k][j] = (eh[k] - e[k]) / h;
                }
            }
            return new Pair<>(new ArrayRealVector(e, false), new Array2DRowRealMatrix(jacobian, false));
        }

        /** Per pulse, the residual RMS from its start to the next pulse's start (or the set's end). */
        double[] pulseRms(double[] e) {
            double[] out = new double[pulseStarts.length];
            for (int k = 0; k < pulseStarts.length; k++) {
                int to = k + 1 < pulseStarts.length ? pulseStarts[k + 1] : e.length;
                out[k] = rms(e, pulseStarts[k], to);
            }
            return out;
        }
    }
}
