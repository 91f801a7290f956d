package org.bmsbench.firmware.soc;

import org.bmsbench.model.CellModel;
import org.bmsbench.model.GridPoint;
import org.bmsbench.model.ParameterSchedule;

/**
 * A Kalman filter on the same equivalent circuit as the plant (G. Plett, Battery Management Systems vol. 2), as an
 * extended (EKF) or a sigma-point (SPKF) filter, with the cell's resistance estimated jointly: state {@code x = [soc, v_1, v_2, h, rho]} (the RC pairs'
 * voltages at the cell file's resistances, the hysteresis state, and a scale on every resistance), input the
 * current, output the terminal voltage {@code y = OCV(soc) + M h + M0 s - rho (R0 i + v_1 + v_2)} ({@code s} the last current's sign,
 * for the instantaneous hysteresis, an input like the current). A cold or aged cell's
 * higher resistance then shows as a larger {@code rho}, not as a lower soc: a resistance error scales with the
 * current, a soc error does not, and the rests between them tell the two apart.
 *
 * <p>States the cell or the settings do not have (a second RC pair, hysteresis, the resistance scale when
 * {@code soc.resistance_scale_sigma} is 0) stay at their start with zero variance, and the filter's passes skip
 * them. One filter runs every channel of a pack: each state and covariance entry is an array over the channels,
 * worked through in passes that each write one array (what JDK 17 vectorises). A channel without a valid reading
 * is predicted and not corrected. Nothing allocates after construction.
 *
 * <p>What keeps it robust on real cells, where the model is off by tens of millivolts for minutes at a time:
 * <ul>
 *   <li>The measurement noise adapts (Sage-Husa): an exponential average over {@code soc.noise_adaptation_s} of the
 *       innovation's variance beyond what the filter's own uncertainty explains, floored at the configured noise.
 *       A minute in which the model is 50 mV off raises the noise, so the gain falls instead of the soc moving by
 *       points.</li>
 *   <li>An innovation beyond {@code soc.innovation_gate_sigma} standard deviations is not used (a spike, a
 *       reading taken across a current step); it still raises the adapted noise, so a lasting mismatch is
 *       accepted again, with less weight, once the noise has grown to explain it. Readings beyond the gate for
 *       {@link #GATE_PATIENCE_S} without a break are used again all the same (until one falls inside): a filter
 *       that is confidently wrong must not lock itself out of the voltage that would correct it.</li>
 *   <li>The soc variance never exceeds that of a soc known only to lie between empty and full (1/12), nor the
 *       resistance scale's its prior, where the voltage carries no information about them (the OCV's flat middle
 *       and ends, long rests).</li>
 * </ul>
 *
 * <p>The state transition is the plant's exact discretisation, linear in the state (the current sets its
 * coefficients), so its Jacobian is diagonal, {@code F = diag(1, a_1, a_2, A_h, 1)}, and both filters predict
 * exactly alike: sigma points through a linear map give {@code F P F^T} exactly. They differ in the measurement,
 * the one nonlinear step. The EKF linearises it at the estimate ({@code H = dy/dx}). The SPKF (Plett's
 * central-difference form, Norgaard et al. 2000, {@code h = sqrt(3)}) evaluates it at {@code 2n + 1} points
 * {@code x +- h sqrt(P)} and takes the predicted voltage, its variance and its covariance with the state from them,
 * so the OCV's curvature over the soc's uncertainty (its knees, the ends of the table) enters instead of its
 * tangent. The Cholesky factor is lower-triangular with the soc first, so only its first column moves the soc: two
 * OCV look-ups per channel and correction beyond the EKF's. The model's parameters come from a {@link ParameterSchedule}: the OCV and
 * its slope exact at every correction, the resistances and time constants held until the soc or the temperature
 * has moved (with the RC decays worked out again only then).
 */
public final class KalmanSocFilter implements SocEstimator {
    /**
     * The horizon over which an unknown current offset is treated as a random walk of the soc: a constant
     * offset b drifts the soc by b t / (3600 Q), whose variance grows with t^2; a random walk with per-step
     * variance (b / (3600 Q))^2 T dt matches it at t = T. An hour keeps the filter listening to the voltage
     * (a filter sure of its coulomb count would let an offset drift it for days, absorbing the innovations in
     * its RC and hysteresis states).
     */
    private static final double BIAS_HORIZON_S = 3600.0;
    /** Initial variance of an RC voltage: (10 mV)^2, a rested cell's RC voltages are small. */
    private static final double RESTED_RC_VARIANCE = 1e-4;
    /**
     * The resistance scale's prior, one sigma: a cell's resistance may be off its file's by tens of percent
     * (temperature between rows, ageing, the current dependence of charge transfer). Also its largest variance.
     */
    static final double RESISTANCE_SCALE_SIGMA = 0.3;
    /** The range the resistance scale is kept in: a quarter to four times the cell file's resistances. */
    static final double MIN_RESISTANCE_SCALE = 0.25;
    static final double MAX_RESISTANCE_SCALE = 4.0;
    /** How long a channel's readings may stay beyond the gate before they are used all the same, s. */
    static final double GATE_PATIENCE_S = 10.0;
    /** The central-difference filter's step h, sqrt(3): optimal for a Gaussian state (Norgaard et al. 2000). */
    private static final double SIGMA_SPREAD = Math.sqrt(3.0);

    static final int SOC = 0;
    static final int V1 = 1;
    static final int V2 = 2;
    static final int H = 3;
    static final int RHO = 4;
    static final int STATES = 5;

    private final ParameterSchedule schedule;
    private final int channels;
    private final double currentSigmaA;
    private final double currentBiasSigmaA;
    private final double rcVariance;
    private final double hysteresisVariance;
    private final double voltageVariance;
    /**
     * The measurement noise a channel starts from: the configured noise, or the cell file's model error when it is
     * larger (the adaptation then follows the innovations from there).
     */
    private final double startNoiseV2;
    private final double resistanceScaleVariancePerS;
    private final double gateSquared;
    private final double adaptationS;
    private final boolean instantaneous;
    private final double initialSocSigma;
    private final boolean secondPair;
    private final boolean hysteresis;
    private final boolean resistanceScale;
    private final boolean chargeTransfer;
    private final boolean sigmaPoints;
    /** The states this cell and these settings use, in order. */
    private final int[] active;
    /** Covariance entry (i, j) of the upper triangle, {@code entry[i][j] = entry[j][i]}. */
    private final int[][] entry = new int[STATES][STATES];

    // the discretisation for the held parameters and step, per channel, worked out again when either changes
    private double decayStepS = Double.NaN;
    private final double[] a1;
    private final double[] a2;
    private final double[] gain1;
    private final double[] gain2;
    /** The charge transfer: (1 - a_1) times its Tafel slope, V, and its gain 1 / (2 i0), 1/A. */
    private final double[] chargeTransferWeightV;
    private final double[] chargeTransferGainPerA;
    private final double[] socPerAmp;
    private final double[] hysteresisPerAmp;
    /** The coulombic efficiency on charge and the instantaneous hysteresis M0 (V), held. */
    private final double[] efficiency;
    private final double[] instantaneousV;
    /** The instantaneous hysteresis's sign: -1 after a discharge, +1 after a charge (an input, not a state). */
    private final double[] currentSign;
    /** Each state's process noise per step; the hysteresis state's and the resistance scale's are constants. */
    private final double[][] q = new double[STATES][];
    /** Each state's factor in F; null where it is 1. */
    private final double[][] f = new double[STATES][];

    /** True when a correct has brought the schedule up to date since the last predict. */
    private boolean scheduled;
    private final int[] moved;

    /** The state, {@code x[state][channel]}. */
    private final double[][] x = new double[STATES][];
    /** The covariance's upper triangle, {@code p[entry][channel]}. */
    private final double[][] p;
    /** The adapted measurement noise, V^2. */
    private final double[] noiseV2;

    // scratch of a step
    private final double[] stored;
    private final double[] decay;
    private final double[] innovation;
    /** The resistive drop at the file's resistances, {@code R0 i + v_1 + v_2}, V. */
    private final double[] drop;
    /** The innovation's variance, {@code H P H^T + R}. */
    private final double[] innovationVariance;
    /** How long each channel's readings have been beyond the gate without a break, s. */
    private final double[] gatedForS;
    /** 1 / S for a channel whose reading is used, 0 otherwise. */
    private final double[] weight;
    private final double[][] sensitivity = new double[STATES][];
    private final double[][] ph = new double[STATES][];
    private final double[][] k = new double[STATES][];
    // the sigma-point update's scratch, for one channel at a time: P, its Cholesky factor, a point, the voltages
    private final double[][] covariance = new double[STATES][STATES];
    private final double[][] cholesky = new double[STATES][STATES];
    private final double[] point = new double[STATES];
    private final double[] plusV = new double[STATES];
    private final double[] minusV = new double[STATES];
    private final GridPoint sigmaPoint = new GridPoint();

    /** A filter of {@code channels} channels with a schedule of its own. */
    public KalmanSocFilter(CellModel model, int channels, SocConfig config) {
        this(new ParameterSchedule(model, channels, ParameterSchedule.Holds.FIRMWARE), config);
    }

    /** A filter of one channel per cell of {@code schedule}, which it keeps up to date (and no one else may). */
    public KalmanSocFilter(ParameterSchedule schedule, SocConfig config) {
        CellModel model = schedule.model();
        this.schedule = schedule;
        this.channels = schedule.cellCount();
        this.currentSigmaA = config.currentSigmaA();
        this.currentBiasSigmaA = config.currentBiasSigmaA();
        this.rcVariance = config.rcSigmaV() * config.rcSigmaV();
        this.hysteresisVariance = config.hysteresisSigma() * config.hysteresisSigma();
        this.voltageVariance = config.voltageSigmaV() * config.voltageSigmaV();
        double modelError = model.parameters().modelErrorV();
        this.startNoiseV2 = Double.isNaN(modelError) ? voltageVariance : Math.max(voltageVariance, modelError * modelError);
        this.resistanceScaleVariancePerS = config.resistanceScaleSigma() * config.resistanceScaleSigma();
        this.gateSquared = config.innovationGateSigma() * config.innovationGateSigma();
        this.adaptationS = config.noiseAdaptationS();
        this.hysteresis = model.hasHysteresis();
        this.instantaneous = model.hasInstantaneousHysteresis();
        this.secondPair = model.rcPairCount() > 1;
        this.chargeTransfer = model.hasChargeTransfer();
        this.resistanceScale = config.resistanceScaleSigma() > 0;
        this.sigmaPoints = config.estimator() == SocConfig.Estimator.SPKF;
        this.initialSocSigma = config.anchorSocSigma();
        int n = channels;
        int count = 0;
        int[] states = new int[STATES];
        states[count++] = SOC;
        states[count++] = V1;
        if (secondPair) {
            states[count++] = V2;
        }
        if (hysteresis) {
            states[count++] = H;
        }
        if (resistanceScale) {
            states[count++] = RHO;
        }
        this.active = java.util.Arrays.copyOf(states, count);
        int entries = 0;
        for (int i = 0; i < STATES; i++) {
            for (int j = i; j < STATES; j++) {
                entry[i][j] = entries;
                entry[j][i] = entries;
                entries++;
            }
        }
        p = new double[entries][n];
        for (int s = 0; s < STATES; s++) {
            x[s] = new double[n];
            sensitivity[s] = new double[n];
            ph[s] = new double[n];
            k[s] = new double[n];
            q[s] = new double[n];
        }
        a1 = new double[n];
        a2 = new double[n];
        gain1 = new double[n];
        chargeTransferWeightV = new double[n];
        chargeTransferGainPerA = new double[n];
        gain2 = new double[n];
        socPerAmp = new double[n];
        hysteresisPerAmp = new double[n];
        efficiency = new double[n];
        instantaneousV = new double[n];
        currentSign = new double[n];
        moved = new int[n];
        noiseV2 = new double[n];
        stored = new double[n];
        decay = new double[n];
        innovation = new double[n];
        drop = new double[n];
        innovationVariance = new double[n];
        weight = new double[n];
        gatedForS = new double[n];
        f[V1] = a1;
        f[V2] = a2;
        f[H] = decay;
        java.util.Arrays.fill(q[H], hysteresis ? hysteresisVariance : 0.0);
        for (int g = 0; g < n; g++) {
            reset(g, 0.5);
        }
    }

    @Override
    public int channelCount() {
        return channels;
    }

    @Override
    public void predict(double[] currentA, double[] temperatureC, double dtS) {
        // The parameters are scheduled at the measurement rate: predict uses those the last correct brought up to
        // date (the soc has moved by a fraction of a percent since), and updates them itself only when no
        // correct came in between.
        if (!scheduled) {
            schedule(temperatureC);
        }
        scheduled = false;
        if (dtS != decayStepS) {
            decayStepS = dtS;
            for (int g = 0; g < channels; g++) {
                discretise(g);
            }
            java.util.Arrays.fill(q[RHO], resistanceScale ? resistanceScaleVariancePerS * dtS : 0.0);
        }
        int n = channels;
        double[] soc = x[SOC];
        double[] h = x[H];
        // soc' = soc - eta i dt / (3600 Q);  v_k' = a_k v_k + R_k (1 - a_k) i;  h' = A h - (1 - A) sgn(i);  rho' = rho
        for (int g = 0; g < n; g++) {
            stored[g] = Math.max(currentA[g], 0.0) + efficiency[g] * Math.min(currentA[g], 0.0); // eta i charging
        }
        for (int g = 0; g < n; g++) {
            soc[g] -= stored[g] * socPerAmp[g];
        }
        relax(x[V1], a1, gain1, currentA, n);
        if (chargeTransfer) { // v_1' += (1 - a_1) eta(i): the fast pair settles at R_1 i + eta(i)
            double[] v1 = x[V1];
            for (int g = 0; g < n; g++) {
                v1[g] += CellModel.chargeTransferV(chargeTransferWeightV[g], chargeTransferGainPerA[g], currentA[g]);
            }
        }
        relax(x[V2], a2, gain2, currentA, n);
        for (int g = 0; g < n; g++) {
            decay[g] = Math.abs(stored[g]) * hysteresisPerAmp[g];
        }
        CellModel.expMinusAll(decay, n); // 1 without hysteresis
        for (int g = 0; g < n; g++) {
            h[g] = decay[g] * h[g] - (1.0 - decay[g]) * Math.signum(currentA[g]);
        }
        // P = F P F^T + Q with F diagonal
        for (int a = 0; a < active.length; a++) {
            int i = active[a];
            for (int b = a; b < active.length; b++) {
                int j = active[b];
                double[] pij = p[entry[i][j]];
                if (f[i] != null && f[j] != null) {
                    scale(pij, f[i], f[j], n);
                } else if (f[i] != null || f[j] != null) {
                    scale(pij, f[i] != null ? f[i] : f[j], n);
                }
            }
            addTo(p[entry[i][i]], q[i], n);
        }
    }

    /** The OCV and slope of every channel at its soc, and the discretisation of those whose held parameters moved. */
    private void schedule(double[] temperatureC) {
        int count = schedule.updateAll(x[SOC], temperatureC, moved);
        if (!Double.isNaN(decayStepS)) {
            for (int i = 0; i < count; i++) {
                discretise(moved[i]);
            }
        }
    }

    /**
     * Channel {@code g}'s RC decays and gains, soc per amp and process noise for its held parameters and the
     * step.
     */
    private void discretise(int g) {
        double dtS = decayStepS;
        a1[g] = CellModel.rcDecay(dtS, schedule.rcTauS(0, g));
        gain1[g] = schedule.rcResistanceOhm(0, g) * (1.0 - a1[g]);
        chargeTransferWeightV[g] = schedule.tafelSlopeV(g) * (1.0 - a1[g]);
        chargeTransferGainPerA[g] = schedule.chargeTransferGainPerA(g);
        a2[g] = secondPair ? CellModel.rcDecay(dtS, schedule.rcTauS(1, g)) : 0.0;
        gain2[g] = secondPair ? schedule.rcResistanceOhm(1, g) * (1.0 - a2[g]) : 0.0;
        double capacityAs = CellModel.SECONDS_PER_HOUR * schedule.capacityAh(g);
        socPerAmp[g] = dtS / capacityAs;
        hysteresisPerAmp[g] = hysteresis ? schedule.hysteresisDecayRate(g) * socPerAmp[g] : 0.0;
        efficiency[g] = schedule.coulombicEfficiency(g);
        instantaneousV[g] = schedule.instantaneousHysteresisV(g);
        // process noise: the current's noise through each state's input gain, the drift of an unknown current
        // offset in the soc, and each state's own
        double socNoise = socPerAmp[g] * currentSigmaA;
        double biasDriftPerS = currentBiasSigmaA / capacityAs;
        q[SOC][g] = socNoise * socNoise + biasDriftPerS * biasDriftPerS * BIAS_HORIZON_S * dtS;
        // the charge transfer's small-signal resistance is largest at zero current
        double n1 = (gain1[g] + chargeTransferWeightV[g] * chargeTransferGainPerA[g]) * currentSigmaA;
        double n2 = gain2[g] * currentSigmaA;
        q[V1][g] = n1 * n1 + rcVariance;
        q[V2][g] = secondPair ? n2 * n2 + rcVariance : 0.0;
    }

    @Override
    public void correct(double[] terminalVoltageV, boolean[] valid, double[] currentA, double[] temperatureC) {
        schedule(temperatureC);
        scheduled = true;
        int n = channels;
        if (instantaneous) {
            for (int g = 0; g < n; g++) {
                currentSign[g] = CellModel.hysteresisSign(currentA[g], currentSign[g]);
            }
        }
        if (sigmaPoints) {
            for (int g = 0; g < n; g++) {
                sigmaPointMoments(g, currentA[g], temperatureC[g]);
            }
        } else {
            linearisedMoments(currentA, n);
        }
        for (int g = 0; g < n; g++) { // a channel without a reading: no innovation (and no gain, below)
            innovation[g] = valid[g] ? terminalVoltageV[g] - innovation[g] : 0.0;
        }
        adaptNoise(valid, n);
        // S = H P H^T + R;  a reading beyond the gate is not used
        for (int g = 0; g < n; g++) {
            innovationVariance[g] += noiseV2[g];
        }
        double gate = gateSquared;
        double stepS = Double.isNaN(decayStepS) ? 0.0 : decayStepS;
        for (int g = 0; g < n; g++) {
            double e = innovation[g];
            boolean inside = gate == 0 || e * e <= gate * innovationVariance[g];
            gatedForS[g] = valid[g] && !inside ? gatedForS[g] + stepS : valid[g] ? 0.0 : gatedForS[g];
            weight[g] = valid[g] && (inside || gatedForS[g] > GATE_PATIENCE_S) ? 1.0 / innovationVariance[g] : 0.0;
        }
        // K = ph / S;  x += K e;  P -= K ph^T (upper triangle, so P stays exactly symmetric)
        for (int i : active) {
            multiply(k[i], ph[i], weight, n);
        }
        for (int i : active) {
            addProduct(x[i], k[i], innovation, n);
        }
        for (int a = 0; a < active.length; a++) {
            int i = active[a];
            for (int b = a; b < active.length; b++) {
                int j = active[b];
                subtractProduct(p[entry[i][j]], k[i], ph[j], n);
            }
        }
        bound(n);
    }

    /**
     * Every channel's predicted voltage (into {@link #innovation}), its variance without the measurement noise
     * ({@link #innovationVariance}) and its covariance with each state ({@link #ph}), linearised at the estimate:
     * {@code y_hat = OCV(soc) + M h + M0 s - rho (R0 i + v1 + v2)}, {@code H = dy/dx = [dOCV/dsoc, -rho, -rho, M,
     * -(R0 i + v1 + v2)]}, {@code ph = P H^T} and {@code H P H^T}.
     */
    private void linearisedMoments(double[] currentA, int n) {
        ParameterSchedule s = schedule;
        double[] v1 = x[V1];
        double[] v2 = x[V2];
        double[] h = x[H];
        double[] rho = x[RHO];
        double[] hSoc = sensitivity[SOC];
        double[] hV1 = sensitivity[V1];
        double[] hV2 = sensitivity[V2];
        double[] hH = sensitivity[H];
        double[] hRho = sensitivity[RHO];
        for (int g = 0; g < n; g++) {
            drop[g] = s.r0Ohm(g) * currentA[g] + v1[g] + v2[g];
        }
        for (int g = 0; g < n; g++) {
            hSoc[g] = s.ocvSlopeVPerSoc(g);
        }
        for (int g = 0; g < n; g++) {
            hV1[g] = -rho[g];
        }
        if (secondPair) {
            System.arraycopy(hV1, 0, hV2, 0, n);
        }
        if (hysteresis) {
            for (int g = 0; g < n; g++) {
                hH[g] = s.hysteresisMaxV(g);
            }
        }
        if (resistanceScale) {
            for (int g = 0; g < n; g++) {
                hRho[g] = -drop[g];
            }
        }
        for (int g = 0; g < n; g++) {
            innovation[g] = s.ocvV(g) + hH[g] * h[g] + instantaneousV[g] * currentSign[g] - rho[g] * drop[g];
        }
        for (int a = 0; a < active.length; a++) {
            int i = active[a];
            double[] out = ph[i];
            java.util.Arrays.fill(out, 0, n, 0.0);
            for (int j : active) {
                addProduct(out, p[entry[i][j]], sensitivity[j], n);
            }
        }
        java.util.Arrays.fill(innovationVariance, 0, n, 0.0);
        for (int i : active) {
            addProduct(innovationVariance, sensitivity[i], ph[i], n);
        }
    }

    /**
     * Channel {@code g}'s predicted voltage (into {@link #innovation}), its variance without the measurement noise
     * ({@link #innovationVariance}) and its covariance with each state ({@link #ph}), from the central-difference
     * sigma points {@code x +- h L e_c} of {@code P = L L^T}: with {@code y_c+-} the voltages there and {@code y_0}
     * at the estimate, {@code y_hat = (h^2 - n)/h^2 y_0 + sum(y_c+ + y_c-) / (2 h^2)}, {@code P_yy = sum((y_c+ -
     * y_c-)^2 / (4 h^2) + (h^2 - 1) (y_c+ + y_c- - 2 y_0)^2 / (4 h^4))} and {@code P_xy = sum(L e_c (y_c+ - y_c-))
     * / (2 h)}.
     */
    private void sigmaPointMoments(int g, double currentA, double temperatureC) {
        int m = active.length;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b <= a; b++) {
                covariance[a][b] = p[entry[active[a]][active[b]]][g];
            }
        }
        for (int a = 0; a < m; a++) { // Cholesky, lower-triangular; a direction without variance stays at zero
            for (int b = 0; b <= a; b++) {
                double sum = covariance[a][b];
                for (int c = 0; c < b; c++) {
                    sum -= cholesky[a][c] * cholesky[b][c];
                }
                if (a == b) {
                    cholesky[a][a] = Math.sqrt(Math.max(sum, 0.0));
                } else {
                    cholesky[a][b] = cholesky[b][b] > 0 ? sum / cholesky[b][b] : 0.0;
                }
            }
        }
        for (int a = 0; a < m; a++) {
            point[a] = x[active[a]][g];
        }
        double r0Drop = schedule.r0Ohm(g) * currentA;
        double centre = measure(g, point, r0Drop, schedule.ocvV(g));
        double mean = 0;
        for (int c = 0; c < m; c++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                for (int a = 0; a < m; a++) {
                    point[a] = x[active[a]][g] + sign * SIGMA_SPREAD * cholesky[a][c];
                }
                // only the first column moves the soc (active[0] is the soc): elsewhere the OCV is the estimate's
                double ocv = c == 0 ? ocvAt(point[0], temperatureC) : schedule.ocvV(g);
                double v = measure(g, point, r0Drop, ocv);
                if (sign > 0) {
                    plusV[c] = v;
                } else {
                    minusV[c] = v;
                }
                mean += v;
            }
        }
        double h2 = SIGMA_SPREAD * SIGMA_SPREAD;
        mean = (h2 - m) / h2 * centre + mean / (2 * h2);
        double variance = 0;
        for (int c = 0; c < m; c++) {
            double odd = plusV[c] - minusV[c];
            double even = plusV[c] + minusV[c] - 2 * centre;
            variance += odd * odd / (4 * h2) + (h2 - 1) * even * even / (4 * h2 * h2);
        }
        for (int a = 0; a < m; a++) {
            double sum = 0;
            for (int c = 0; c <= a; c++) {
                sum += cholesky[a][c] * (plusV[c] - minusV[c]);
            }
            ph[active[a]][g] = sum / (2 * SIGMA_SPREAD);
        }
        innovation[g] = mean;
        innovationVariance[g] = variance;
    }

    /** The terminal voltage at a sigma point of channel {@code g} (its active states in order), given its OCV. */
    private double measure(int g, double[] states, double r0Drop, double ocv) {
        double v1 = 0;
        double v2 = 0;
        double hState = 0;
        double rho = 1.0;
        for (int a = 0; a < active.length; a++) {
            switch (active[a]) {
                case V1 -> v1 = states[a];
                case V2 -> v2 = states[a];
                case H -> hState = states[a];
                case RHO -> rho = states[a];
                default -> { }
            }
        }
        if (!resistanceScale) {
            rho = x[RHO][g];
        }
        return ocv + schedule.hysteresisMaxV(g) * hState + instantaneousV[g] * currentSign[g]
                - rho * (r0Drop + v1 + v2);
    }

    /** The cell's OCV at {@code soc} (continued beyond the table as the model does). */
    private double ocvAt(double soc, double temperatureC) {
        schedule.model().locate(soc, temperatureC, sigmaPoint);
        return schedule.model().ocvV(sigmaPoint);
    }

    /**
     * The measurement noise of each channel with a reading: {@code R <- R + (e^2 - H P H^T - R) dt / tau}, never
     * below the configured noise; {@link #innovationVariance} holds {@code H P H^T} on entry. The innovation's square enters
     * at most at the gate, so that one spike moves the noise by a bounded step.
     */
    private void adaptNoise(boolean[] valid, int n) {
        if (adaptationS <= 0 || Double.isNaN(decayStepS)) { // off, or a correct before any predict
            return;
        }
        double rate = Math.min(1.0, decayStepS / adaptationS);
        double floor = voltageVariance;
        double gate = gateSquared;
        for (int g = 0; g < n; g++) {
            double e2 = innovation[g] * innovation[g];
            double limit = gate == 0 ? e2 : gate * (innovationVariance[g] + noiseV2[g]);
            double excess = Math.min(e2, limit) - innovationVariance[g];
            double updated = noiseV2[g] + rate * (excess - noiseV2[g]);
            noiseV2[g] = valid[g] ? Math.max(floor, updated) : noiseV2[g];
        }
    }

    /** Keeps the states in their physical ranges and the variances within what no information would leave. */
    private void bound(int n) {
        double[] h = x[H];
        double[] rho = x[RHO];
        for (int g = 0; g < n; g++) {
            h[g] = Math.max(-1.0, Math.min(1.0, h[g]));
        }
        for (int g = 0; g < n; g++) {
            rho[g] = Math.max(MIN_RESISTANCE_SCALE, Math.min(MAX_RESISTANCE_SCALE, rho[g]));
        }
        limitVariance(SOC, UNKNOWN_SOC_VARIANCE, n);
        if (resistanceScale) {
            limitVariance(RHO, RESISTANCE_SCALE_SIGMA * RESISTANCE_SCALE_SIGMA, n);
        }
    }

    /** Caps state {@code i}'s variance at {@code max} for every channel (a rare event: one pass finds none). */
    private void limitVariance(int i, double max, int n) {
        double[] pii = p[entry[i][i]];
        for (int g = 0; g < n; g++) {
            if (pii[g] > max) {
                limitVariance(i, g, max);
            }
        }
    }

    /**
     * Caps state {@code i}'s variance for channel {@code g} at {@code max}, scaling its row and column so that P
     * stays positive semi-definite (the same as shrinking the state's uncertainty alone).
     */
    private void limitVariance(int i, int g, double max) {
        double[] pii = p[entry[i][i]];
        double shrink = Math.sqrt(max / pii[g]);
        for (int j : active) {
            if (j != i) {
                p[entry[i][j]][g] *= shrink;
            }
        }
        pii[g] = max;
    }

    // Passes over the channels, each writing one array (what JDK 17 vectorises).

    /** An RC voltage over the step: {@code v = a v + gain i}. */
    private static void relax(double[] v, double[] a, double[] gain, double[] currentA, int n) {
        for (int g = 0; g < n; g++) {
            v[g] = a[g] * v[g] + gain[g] * currentA[g];
        }
    }

    /** {@code p *= a}. */
    private static void scale(double[] p, double[] a, int n) {
        for (int g = 0; g < n; g++) {
            p[g] *= a[g];
        }
    }

    /** {@code p *= a b}. */
    private static void scale(double[] p, double[] a, double[] b, int n) {
        for (int g = 0; g < n; g++) {
            p[g] *= a[g] * b[g];
        }
    }

    /** {@code p += q}. */
    private static void addTo(double[] p, double[] q, int n) {
        for (int g = 0; g < n; g++) {
            p[g] += q[g];
        }
    }

    /** {@code out = a b}. */
    private static void multiply(double[] out, double[] a, double[] b, int n) {
        for (int g = 0; g < n; g++) {
            out[g] = a[g] * b[g];
        }
    }

    /** {@code x += k e}. */
    private static void addProduct(double[] x, double[] k, double[] e, int n) {
        for (int g = 0; g < n; g++) {
            x[g] += k[g] * e[g];
        }
    }

    /** {@code p -= k ph}. */
    private static void subtractProduct(double[] p, double[] k, double[] ph, int n) {
        for (int g = 0; g < n; g++) {
            p[g] -= k[g] * ph[g];
        }
    }

    @Override
    public void reset(int g, double value) {
        reset(g, value, initialSocSigma);
    }

    @Override
    public void reset(int g, double value, double socSigma) {
        schedule.invalidate(g);
        scheduled = false; // the next predict looks channel g's parameters up again
        for (double[] row : p) {
            row[g] = 0;
        }
        x[SOC][g] = value;
        x[V1][g] = 0;
        x[V2][g] = 0;
        x[H][g] = 0;
        x[RHO][g] = 1;
        gatedForS[g] = 0;
        currentSign[g] = 0;
        p[entry[SOC][SOC]][g] = socSigma * socSigma;
        p[entry[V1][V1]][g] = RESTED_RC_VARIANCE;
        p[entry[V2][V2]][g] = secondPair ? RESTED_RC_VARIANCE : 0.0;
        p[entry[H][H]][g] = hysteresis ? 1.0 : 0.0; // a rested cell's hysteresis state is unknown
        p[entry[RHO][RHO]][g] = resistanceScale ? RESISTANCE_SCALE_SIGMA * RESISTANCE_SCALE_SIGMA : 0.0;
        noiseV2[g] = startNoiseV2;
    }

    @Override
    public double soc(int g) {
        return x[SOC][g];
    }

    @Override
    public double variance(int g) {
        return p[entry[SOC][SOC]][g];
    }

    /** Channel {@code g}'s estimated voltage of RC pair {@code k}, V (at the estimated resistance). */
    public double rcVoltageV(int k, int g) {
        return x[RHO][g] * (k == 0 ? x[V1][g] : x[V2][g]);
    }

    /** Channel {@code g}'s estimated hysteresis state, or 0 without hysteresis. */
    public double hysteresisState(int g) {
        return x[H][g];
    }

    /** Channel {@code g}'s estimated resistance scale: its resistances over the cell file's (1 when not estimated). */
    public double resistanceScale(int g) {
        return x[RHO][g];
    }

    /** Channel {@code g}'s measurement noise as adapted to its recent innovations, one sigma, V. */
    public double voltageSigmaV(int g) {
        return Math.sqrt(noiseV2[g]);
    }
}
