package org.bmsbench.firmware.soc;

import org.bmsbench.model.CellModel;
import org.bmsbench.model.ParameterSchedule;

/**
 * An extended Kalman filter on the same equivalent circuit as the plant (G. Plett, Battery Management Systems
 * vol. 2): state {@code x = [soc, v_1..v_k, h]} (RC voltages, and the hysteresis state when the cell has one),
 * input the current, output the terminal voltage {@code y = OCV(soc) + M h - R0 i - sum(v_k)}. Written out by
 * hand for the four states, the covariance as its ten distinct entries; nothing allocates after construction.
 * A cell with one RC pair or without hysteresis leaves the missing states at zero with zero variance, where
 * they stay: the arithmetic is the same for every cell.
 *
 * <p>One filter runs every channel of a pack, each state and covariance entry an array over the channels, and
 * works through them in passes: one plain loop per quantity, writing one array, which the JIT vectorises (JDK
 * 17 vectorises a loop only when it writes a single array). A channel without a valid reading is predicted and
 * not corrected (its gain is zero).
 *
 * <p>The state transition is the plant's exact discretisation, so its Jacobian is diagonal:
 * {@code F = diag(1, a_1, a_2, A_h)}. The model's parameters come from a {@link ParameterSchedule}:
 * the OCV and its slope exact at every correction, the resistances and time constants held until the soc or the
 * temperature has moved (with the RC decays worked out again only then).
 */
public final class ExtendedKalmanFilter implements SocEstimator {
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

    private final ParameterSchedule schedule;
    private final int channels;
    private final double currentSigmaA;
    private final double currentBiasSigmaA;
    private final double rcVariance;
    private final double hysteresisVariance;
    private final double voltageVariance;
    private final double coulombicEfficiency;
    private final double hysteresisDecayRate;
    private final double initialSocSigma;
    private final boolean secondPair;
    private final boolean hysteresis;
    /** dy/dv_2: -1, or 0 without a second pair. */
    private final double secondPairSensitivity;
    /** 1, or 0 without hysteresis: the hysteresis magnitude M is scaled by it. */
    private final double hysteresisScale;
    /** The hysteresis state's process noise (zero without hysteresis). */
    private final double q3;

    // the discretisation for the held parameters and step, per channel, worked out again when either changes
    private double decayStepS = Double.NaN;
    private final double[] a1;
    private final double[] a2;
    private final double[] gain1;
    private final double[] gain2;
    private final double[] socPerAmp;
    private final double[] hysteresisPerAmp;
    private final double[] q0;
    private final double[] q1;
    private final double[] q2;

    /** True when a correct has brought the schedule up to date since the last predict. */
    private boolean scheduled;
    private final int[] moved;

    // state: soc, the RC voltages, the hysteresis state
    private final double[] soc;
    private final double[] v1;
    private final double[] v2;
    private final double[] h;
    // covariance, upper triangle
    private final double[] p00;
    private final double[] p01;
    private final double[] p02;
    private final double[] p03;
    private final double[] p11;
    private final double[] p12;
    private final double[] p13;
    private final double[] p22;
    private final double[] p23;
    private final double[] p33;

    // scratch of a step
    private final double[] stored;
    private final double[] decay;
    private final double[] innovation;
    /** M, the hysteresis magnitude (0 without hysteresis), V. */
    private final double[] magnitude;
    private final double[] ph0;
    private final double[] ph1;
    private final double[] ph2;
    private final double[] ph3;
    /** 1 / S for a channel with a valid reading, 0 for one without (no correction). */
    private final double[] weight;
    private final double[] k0;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;

    /** A filter of {@code channels} channels with a schedule of its own. */
    public ExtendedKalmanFilter(CellModel model, int channels, SocConfig config) {
        this(new ParameterSchedule(model, channels, ParameterSchedule.Holds.FIRMWARE), config);
    }

    /** A filter of one channel per cell of {@code schedule}, which it keeps up to date (and no one else may). */
    public ExtendedKalmanFilter(ParameterSchedule schedule, SocConfig config) {
        CellModel model = schedule.model();
        this.schedule = schedule;
        this.channels = schedule.cellCount();
        this.currentSigmaA = config.currentSigmaA();
        this.currentBiasSigmaA = config.currentBiasSigmaA();
        this.rcVariance = config.rcSigmaV() * config.rcSigmaV();
        this.hysteresisVariance = config.hysteresisSigma() * config.hysteresisSigma();
        this.voltageVariance = config.voltageSigmaV() * config.voltageSigmaV();
        this.coulombicEfficiency = model.coulombicEfficiency();
        this.hysteresis = model.hasHysteresis();
        this.hysteresisDecayRate = hysteresis ? model.hysteresisDecayRate() : 0.0;
        this.secondPair = model.rcPairCount() > 1;
        this.initialSocSigma = config.anchorSocSigma();
        this.secondPairSensitivity = secondPair ? -1.0 : 0.0;
        this.hysteresisScale = hysteresis ? 1.0 : 0.0;
        this.q3 = hysteresis ? hysteresisVariance : 0.0;
        int n = channels;
        a1 = new double[n];
        a2 = new double[n];
        gain1 = new double[n];
        gain2 = new double[n];
        socPerAmp = new double[n];
        hysteresisPerAmp = new double[n];
        q0 = new double[n];
        q1 = new double[n];
        q2 = new double[n];
        moved = new int[n];
        soc = new double[n];
        v1 = new double[n];
        v2 = new double[n];
        h = new double[n];
        p00 = new double[n];
        p01 = new double[n];
        p02 = new double[n];
        p03 = new double[n];
        p11 = new double[n];
        p12 = new double[n];
        p13 = new double[n];
        p22 = new double[n];
        p23 = new double[n];
        p33 = new double[n];
        stored = new double[n];
        decay = new double[n];
        innovation = new double[n];
        magnitude = new double[n];
        ph0 = new double[n];
        ph1 = new double[n];
        ph2 = new double[n];
        ph3 = new double[n];
        weight = new double[n];
        k0 = new double[n];
        k1 = new double[n];
        k2 = new double[n];
        k3 = new double[n];
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
        }
        int n = channels;
        double eta = coulombicEfficiency;
        // soc' = soc - eta i dt / (3600 Q);  v_k' = a_k v_k + R_k (1 - a_k) i;  h' = A h - (1 - A) sgn(i)
        for (int g = 0; g < n; g++) {
            stored[g] = Math.max(currentA[g], 0.0) + eta * Math.min(currentA[g], 0.0); // eta i while charging
        }
        for (int g = 0; g < n; g++) {
            soc[g] -= stored[g] * socPerAmp[g];
        }
        relax(v1, a1, gain1, currentA, n);
        relax(v2, a2, gain2, currentA, n);
        for (int g = 0; g < n; g++) {
            decay[g] = Math.abs(stored[g]) * hysteresisPerAmp[g];
        }
        CellModel.expMinusAll(decay, n); // 1 without hysteresis
        for (int g = 0; g < n; g++) {
            h[g] = decay[g] * h[g] - (1.0 - decay[g]) * Math.signum(currentA[g]);
        }
        // P = F P F^T + Q with F = diag(1, a1, a2, A)
        for (int g = 0; g < n; g++) {
            p00[g] += q0[g];
        }
        scale(p01, a1, n);
        scale(p02, a2, n);
        scale(p03, decay, n);
        decayVariance(p11, a1, q1, n);
        scale(p12, a1, a2, n);
        scale(p13, a1, decay, n);
        decayVariance(p22, a2, q2, n);
        scale(p23, a2, decay, n);
        double q = q3;
        for (int g = 0; g < n; g++) {
            p33[g] = p33[g] * decay[g] * decay[g] + q;
        }
    }

    /** The OCV and slope of every channel at its soc, and the discretisation of those whose held parameters moved. */
    private void schedule(double[] temperatureC) {
        int count = schedule.updateAll(soc, temperatureC, moved);
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
        a2[g] = secondPair ? CellModel.rcDecay(dtS, schedule.rcTauS(1, g)) : 0.0;
        gain2[g] = secondPair ? schedule.rcResistanceOhm(1, g) * (1.0 - a2[g]) : 0.0;
        double capacityAs = CellModel.SECONDS_PER_HOUR * schedule.capacityAh(g);
        socPerAmp[g] = dtS / capacityAs;
        hysteresisPerAmp[g] = hysteresisDecayRate * socPerAmp[g];
        // process noise: the current's noise through each state's input gain, the drift of an unknown current
        // offset in the soc, and each state's own
        double socNoise = socPerAmp[g] * currentSigmaA;
        double biasDriftPerS = currentBiasSigmaA / capacityAs;
        q0[g] = socNoise * socNoise + biasDriftPerS * biasDriftPerS * BIAS_HORIZON_S * dtS;
        double n1 = gain1[g] * currentSigmaA;
        double n2 = gain2[g] * currentSigmaA;
        q1[g] = n1 * n1 + rcVariance;
        q2[g] = secondPair ? n2 * n2 + rcVariance : 0.0;
    }

    @Override
    public void correct(double[] terminalVoltageV, boolean[] valid, double[] currentA, double[] temperatureC) {
        schedule(temperatureC);
        scheduled = true;
        int n = channels;
        ParameterSchedule s = schedule;
        double hm = hysteresisScale;
        for (int g = 0; g < n; g++) {
            magnitude[g] = hm * s.hysteresisMaxV(g);
        }
        // y_hat = OCV(soc) - R0 i - v1 - v2 + M h;  H = dy/dx = [dOCV/dsoc, -1, -1 (0 without a second pair), M]
        for (int g = 0; g < n; g++) {
            innovation[g] = s.ocvV(g) - s.r0Ohm(g) * currentA[g] - v1[g] - v2[g] + magnitude[g] * h[g];
        }
        for (int g = 0; g < n; g++) { // a channel without a reading: no innovation (and no gain, below)
            innovation[g] = valid[g] ? terminalVoltageV[g] - innovation[g] : 0.0;
        }
        // ph = P H^T;  S = H P H^T + R;  K = ph / S
        project(ph0, p00, p01, p02, p03, n);
        project(ph1, p01, p11, p12, p13, n);
        project(ph2, p02, p12, p22, p23, n);
        project(ph3, p03, p13, p23, p33, n);
        double r = voltageVariance;
        double h2 = secondPairSensitivity;
        for (int g = 0; g < n; g++) {
            weight[g] = 1.0 / (r + s.ocvSlopeVPerSoc(g) * ph0[g] - ph1[g] + h2 * ph2[g] + magnitude[g] * ph3[g]);
        }
        for (int g = 0; g < n; g++) {
            weight[g] = valid[g] ? weight[g] : 0.0;
        }
        multiply(k0, ph0, weight, n);
        multiply(k1, ph1, weight, n);
        multiply(k2, ph2, weight, n);
        multiply(k3, ph3, weight, n);
        addProduct(soc, k0, innovation, n);
        addProduct(v1, k1, innovation, n);
        addProduct(v2, k2, innovation, n);
        for (int g = 0; g < n; g++) {
            h[g] = Math.max(-1.0, Math.min(1.0, h[g] + k3[g] * innovation[g]));
        }
        // P = P - K ph^T = P - ph ph^T / S, on the upper triangle, so P stays exactly symmetric. The subtraction
        // cannot lose P's positive definiteness to rounding here: it removes at most the fraction
        // H P H^T / (H P H^T + R) of the variance along H, and R (the voltage noise, millivolts squared) keeps that
        // fraction far from 1 for any variance the process noise leaves (a Joseph-form update would cost this
        // filter a tenth of its time for no gain).
        subtractProduct(p00, k0, ph0, n);
        subtractProduct(p01, k0, ph1, n);
        subtractProduct(p02, k0, ph2, n);
        subtractProduct(p03, k0, ph3, n);
        subtractProduct(p11, k1, ph1, n);
        subtractProduct(p12, k1, ph2, n);
        subtractProduct(p13, k1, ph3, n);
        subtractProduct(p22, k2, ph2, n);
        subtractProduct(p23, k2, ph3, n);
        subtractProduct(p33, k3, ph3, n);
    }

    /**
     * One row of {@code P H^T}: {@code out = x0 dOCV/dsoc - x1 + x2 h2 + x3 M}, with x the row's four
     * covariance entries.
     */
    private void project(double[] out, double[] x0, double[] x1, double[] x2, double[] x3, int n) {
        double h2 = secondPairSensitivity;
        for (int g = 0; g < n; g++) {
            out[g] = x0[g] * schedule.ocvSlopeVPerSoc(g) - x1[g] + x2[g] * h2 + x3[g] * magnitude[g];
        }
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

    /** A state's variance over the step: {@code p = p a^2 + q}. */
    private static void decayVariance(double[] p, double[] a, double[] q, int n) {
        for (int g = 0; g < n; g++) {
            p[g] = p[g] * a[g] * a[g] + q[g];
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
        schedule.invalidate(g);
        scheduled = false; // the next predict looks channel g's parameters up again
        soc[g] = value;
        v1[g] = 0;
        v2[g] = 0;
        h[g] = 0;
        p00[g] = initialSocSigma * initialSocSigma;
        p11[g] = RESTED_RC_VARIANCE;
        p22[g] = secondPair ? RESTED_RC_VARIANCE : 0.0;
        p33[g] = hysteresis ? 1.0 : 0.0; // a rested cell's hysteresis state is unknown
        p01[g] = 0;
        p02[g] = 0;
        p03[g] = 0;
        p12[g] = 0;
        p13[g] = 0;
        p23[g] = 0;
    }

    @Override
    public double soc(int g) {
        return soc[g];
    }

    @Override
    public double variance(int g) {
        return p00[g];
    }

    /** Channel {@code g}'s estimated voltage of RC pair {@code k}, V. */
    public double rcVoltageV(int k, int g) {
        return k == 0 ? v1[g] : v2[g];
    }

    /** Channel {@code g}'s estimated hysteresis state, or 0 without hysteresis. */
    public double hysteresisState(int g) {
        return h[g];
    }
}
