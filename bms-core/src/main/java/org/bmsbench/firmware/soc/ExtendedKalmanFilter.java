package org.bmsbench.firmware.soc;

import org.bmsbench.model.CellModel;
import org.bmsbench.model.ParameterSchedule;

/**
 * An extended Kalman filter on the same equivalent circuit as the plant (G. Plett, Battery Management Systems
 * vol. 2): state {@code x = [soc, v_1..v_k, h]} (RC voltages, and the hysteresis state when the cell has one),
 * input the current, output the terminal voltage {@code y = OCV(soc) + M h - R0 i - sum(v_k)}. Written by hand
 * out for the four states, the covariance as its ten distinct entries in fields; nothing allocates after
 * construction. A cell with one RC pair or without hysteresis leaves the missing states at zero with zero
 * variance, where they stay: the arithmetic is the same for every cell.
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
    private final int channel;
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

    // the discretisation for the held parameters and step, worked out again when either changes
    private double decayStepS = Double.NaN;
    private double a1;
    private double a2;
    private double gain1;
    private double gain2;
    private double socPerAmp;
    private double q0;
    private double q1;
    private double q2;
    private double q3;
    private double hysteresisPerAmp;

    /** True when a correct has updated the schedule since the last predict. */
    private boolean scheduled;

    // state: soc, the RC voltages, the hysteresis state
    private double soc;
    private double v1;
    private double v2;
    private double h;
    // covariance, upper triangle
    private double p00;
    private double p01;
    private double p02;
    private double p03;
    private double p11;
    private double p12;
    private double p13;
    private double p22;
    private double p23;
    private double p33;

    /** A filter with a schedule of its own. */
    public ExtendedKalmanFilter(CellModel model, SocConfig config) {
        this(new ParameterSchedule(model, 1, ParameterSchedule.Holds.FIRMWARE), 0, config);
    }

    /**
     * A filter for one channel of a pack whose channels share one schedule (their parameters then lie side by
     * side in memory, which a pass over every channel reads in order).
     */
    public ExtendedKalmanFilter(ParameterSchedule schedule, int channel, SocConfig config) {
        CellModel model = schedule.model();
        this.schedule = schedule;
        this.channel = channel;
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
    }

    @Override
    public void predict(double currentA, double temperatureC, double dtS) {
        // The parameters are scheduled at the measurement rate: predict uses those the last correct brought up to
        // date (the soc has moved by a fraction of a percent since), and updates them itself only when no
        // correction came in between (an invalid reading).
        boolean refreshed = !scheduled && schedule.update(channel, soc, temperatureC);
        scheduled = false;
        if (refreshed || dtS != decayStepS) {
            discretise(dtS);
        }
        double stored = currentA < 0 ? coulombicEfficiency * currentA : currentA;
        // soc' = soc - eta i dt / (3600 Q);  v_k' = a_k v_k + R_k (1 - a_k) i;  h' = A h - (1 - A) sgn(i)
        soc -= stored * socPerAmp;
        v1 = a1 * v1 + gain1 * currentA;
        v2 = a2 * v2 + gain2 * currentA;
        double decay = CellModel.expMinus(Math.abs(stored) * hysteresisPerAmp); // 1 without hysteresis
        h = decay * h - (1.0 - decay) * Math.signum(currentA);
        // P = F P F^T + Q with F = diag(1, a1, a2, A)
        p00 += q0;
        p01 *= a1;
        p02 *= a2;
        p03 *= decay;
        p11 = p11 * a1 * a1 + q1;
        p12 *= a1 * a2;
        p13 *= a1 * decay;
        p22 = p22 * a2 * a2 + q2;
        p23 *= a2 * decay;
        p33 = p33 * decay * decay + q3;
    }

    /** The RC decays and gains, the soc per amp and the process noise for the held parameters and a step of dtS. */
    private void discretise(double dtS) {
        decayStepS = dtS;
        a1 = CellModel.rcDecay(dtS, schedule.rcTauS(0, channel));
        gain1 = schedule.rcResistanceOhm(0, channel) * (1.0 - a1);
        a2 = secondPair ? CellModel.rcDecay(dtS, schedule.rcTauS(1, channel)) : 0.0;
        gain2 = secondPair ? schedule.rcResistanceOhm(1, channel) * (1.0 - a2) : 0.0;
        double capacityAs = CellModel.SECONDS_PER_HOUR * schedule.capacityAh(channel);
        socPerAmp = dtS / capacityAs;
        hysteresisPerAmp = hysteresisDecayRate * socPerAmp;
        // process noise: the current's noise through each state's input gain, the drift of an unknown current
        // offset in the soc, and each state's own
        double socNoise = socPerAmp * currentSigmaA;
        double biasDriftPerS = currentBiasSigmaA / capacityAs;
        q0 = socNoise * socNoise + biasDriftPerS * biasDriftPerS * BIAS_HORIZON_S * dtS;
        double n1 = gain1 * currentSigmaA;
        double n2 = gain2 * currentSigmaA;
        q1 = n1 * n1 + rcVariance;
        q2 = secondPair ? n2 * n2 + rcVariance : 0.0;
        q3 = hysteresis ? hysteresisVariance : 0.0;
    }

    @Override
    public void correct(double terminalVoltageV, double currentA, double temperatureC) {
        if (schedule.update(channel, soc, temperatureC)) {
            decayStepS = Double.NaN; // the next predict discretises the new parameters
        }
        scheduled = true;
        double m = hysteresis ? schedule.hysteresisMaxV(channel) : 0.0;
        // y_hat = OCV(soc) - R0 i - v1 - v2 + M h;  H = dy/dx = [dOCV/dsoc, -1, -1 (0 without a second pair), M]
        double predicted = schedule.ocvV(channel) - schedule.r0Ohm(channel) * currentA - v1 - v2 + m * h;
        double h0 = schedule.ocvSlopeVPerSoc(channel);
        double h2 = secondPair ? -1.0 : 0.0;
        // ph = P H^T;  S = H P H^T + R;  K = ph / S
        double ph0 = p00 * h0 - p01 + p02 * h2 + p03 * m;
        double ph1 = p01 * h0 - p11 + p12 * h2 + p13 * m;
        double ph2 = p02 * h0 - p12 + p22 * h2 + p23 * m;
        double ph3 = p03 * h0 - p13 + p23 * h2 + p33 * m;
        double s = voltageVariance + h0 * ph0 - ph1 + h2 * ph2 + m * ph3;
        double sInverse = 1.0 / s;
        double k0 = ph0 * sInverse;
        double k1 = ph1 * sInverse;
        double k2 = ph2 * sInverse;
        double k3 = ph3 * sInverse;
        double innovation = terminalVoltageV - predicted;
        soc += k0 * innovation;
        v1 += k1 * innovation;
        v2 += k2 * innovation;
        h = Math.max(-1.0, Math.min(1.0, h + k3 * innovation));
        // P = P - K ph^T = P - ph ph^T / S, on the upper triangle, so P stays exactly symmetric. The subtraction
        // cannot lose P's positive definiteness to rounding here: it removes at most the fraction
        // H P H^T / (H P H^T + R) of the variance along H, and R (the voltage noise, millivolts squared) keeps that
        // fraction far from 1 for any variance the process noise leaves (a Joseph-form update would cost this
        // filter a tenth of its time for no gain).
        p00 -= k0 * ph0;
        p01 -= k0 * ph1;
        p02 -= k0 * ph2;
        p03 -= k0 * ph3;
        p11 -= k1 * ph1;
        p12 -= k1 * ph2;
        p13 -= k1 * ph3;
        p22 -= k2 * ph2;
        p23 -= k2 * ph3;
        p33 -= k3 * ph3;
    }

    @Override
    public void reset(double value) {
        schedule.invalidate(channel);
        scheduled = false;
        decayStepS = Double.NaN;
        soc = value;
        v1 = 0;
        v2 = 0;
        h = 0;
        p00 = initialSocSigma * initialSocSigma;
        p11 = RESTED_RC_VARIANCE;
        p22 = secondPair ? RESTED_RC_VARIANCE : 0.0;
        p33 = hysteresis ? 1.0 : 0.0; // a rested cell's hysteresis state is unknown
        p01 = p02 = p03 = p12 = p13 = p23 = 0;
    }

    @Override
    public double soc() {
        return soc;
    }

    @Override
    public double variance() {
        return p00;
    }

    /** The estimated voltage of RC pair {@code k}, V. */
    public double rcVoltageV(int k) {
        return k == 0 ? v1 : v2;
    }

    /** The estimated hysteresis state, or 0 without hysteresis. */
    public double hysteresisState() {
        return h;
    }
}
