package org.bmsbench.firmware.soc;

import java.util.Arrays;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.GridPoint;

/**
 * An extended Kalman filter on the same equivalent circuit as the plant (G. Plett, Battery Management Systems
 * vol. 2): state {@code x = [soc, v_1..v_k, h]} (RC voltages, and the hysteresis state when the cell has one),
 * input the current, output the terminal voltage {@code y = OCV(soc) + M h - R0 i - sum(v_k)}. Written by hand
 * on preallocated arrays for at most four states; nothing allocates after construction.
 *
 * <p>The state transition is the plant's exact discretisation, so its Jacobian is diagonal:
 * {@code F = diag(1, a_1..a_k, A_h)}. The covariance update uses the Joseph form, which keeps P symmetric and
 * positive definite however the gain is rounded.
 */
public final class ExtendedKalmanFilter implements SocEstimator {
    private final CellModel model;
    private final double currentSigmaA;
    private final double currentBiasSigmaA;
    private final double rcVariance;
    private final double hysteresisVariance;
    private final double voltageVariance;
    private final double coulombicEfficiency;
    private final double hysteresisDecayRate;
    private final int n;
    private final int rcPairs;
    private final int hIndex;
    private final GridPoint point = new GridPoint();
    private final double[] parameters = new double[CellModel.SLOTS];

    private final double[] x;
    private final double[] p;
    private final double[] f;
    private final double[] q;
    private final double[] h;
    private final double[] gain;
    private final double[] ph;
    private final double initialSocSigma;
    /**
     * The horizon over which an unknown current offset is treated as a random walk of the soc: a constant
     * offset b drifts the soc by b t / (3600 Q), whose variance grows with t^2; a random walk with per-step
     * variance (b / (3600 Q))^2 T dt matches it at t = T. An hour keeps the filter listening to the voltage
     * (a filter sure of its coulomb count would let an offset drift it for days, absorbing the innovations in
     * its RC and hysteresis states).
     */
    private static final double BIAS_HORIZON_S = 3600.0;
    /** A temperature change that makes predict look the parameters up again, degC. */
    private static final double RESCHEDULE_C = 1.0;
    private boolean parametersFresh;
    private double parametersTemperatureC = Double.NaN;

    public ExtendedKalmanFilter(CellModel model, SocConfig config) {
        this.model = model;
        this.currentSigmaA = config.currentSigmaA();
        this.currentBiasSigmaA = config.currentBiasSigmaA();
        this.rcVariance = config.rcSigmaV() * config.rcSigmaV();
        this.hysteresisVariance = config.hysteresisSigma() * config.hysteresisSigma();
        this.voltageVariance = config.voltageSigmaV() * config.voltageSigmaV();
        this.coulombicEfficiency = model.coulombicEfficiency();
        this.hysteresisDecayRate = model.hasHysteresis() ? model.hysteresisDecayRate() : 0.0;
        this.rcPairs = model.rcPairCount();
        this.hIndex = model.hasHysteresis() ? 1 + rcPairs : -1;
        this.n = 1 + rcPairs + (model.hasHysteresis() ? 1 : 0);
        this.x = new double[n];
        this.p = new double[n * n];
        this.f = new double[n];
        this.q = new double[n];
        this.h = new double[n];
        this.gain = new double[n];
        this.ph = new double[n];
        this.initialSocSigma = config.anchorSocSigma();
    }

    @Override
    public void predict(double currentA, double temperatureC, double dtS) {
        // The model's parameters are scheduled at the measurement rate: predict uses those the last correct
        // evaluated (the soc has moved by a fraction of a percent since), and looks them up itself only when
        // no correction came in between (an invalid reading) or the temperature moved by a degree or more.
        if (!parametersFresh || Math.abs(temperatureC - parametersTemperatureC) >= RESCHEDULE_C) {
            model.locate(x[0], temperatureC, point);
            model.interpolate(point, parameters);
        }
        parametersFresh = false;
        double capacityAh = model.capacityAh(temperatureC);
        double stored = currentA < 0 ? coulombicEfficiency * currentA : currentA;
        double socPerAmp = dtS / (CellModel.SECONDS_PER_HOUR * capacityAh);
        // x0' = x0 - eta i dt / (3600 Q)
        x[0] -= stored * socPerAmp;
        f[0] = 1.0;
        double socNoise = socPerAmp * currentSigmaA;
        double biasDriftPerS = currentBiasSigmaA / (CellModel.SECONDS_PER_HOUR * capacityAh);
        q[0] = socNoise * socNoise + biasDriftPerS * biasDriftPerS * BIAS_HORIZON_S * dtS;
        for (int k = 0; k < rcPairs; k++) {
            double rk = parameters[CellModel.rcResistanceSlot(k)];
            double ak = CellModel.rcDecay(dtS, parameters[CellModel.rcTauSlot(k)]);
            // v_k' = a_k v_k + R_k (1 - a_k) i
            x[1 + k] = ak * x[1 + k] + rk * (1.0 - ak) * currentA;
            f[1 + k] = ak;
            double vNoise = rk * (1.0 - ak) * currentSigmaA;
            q[1 + k] = vNoise * vNoise + rcVariance;
        }
        if (hIndex >= 0) {
            double decay = CellModel.hysteresisDecay(stored, hysteresisDecayRate, dtS, capacityAh);
            // h' = A h - (1 - A) sgn(i)
            x[hIndex] = decay * x[hIndex] - (1.0 - decay) * Math.signum(currentA);
            f[hIndex] = decay;
            q[hIndex] = hysteresisVariance;
        }
        // P = F P F^T + Q, with F diagonal
        for (int r = 0; r < n; r++) {
            double fr = f[r];
            p[r * n + r] = p[r * n + r] * fr * fr + q[r];
            for (int c = r + 1; c < n; c++) {
                double v = p[r * n + c] * fr * f[c];
                p[r * n + c] = v;
                p[c * n + r] = v;
            }
        }
    }

    @Override
    public void correct(double terminalVoltageV, double currentA, double temperatureC) {
        model.locate(x[0], temperatureC, point);
        model.interpolate(point, parameters);
        parametersFresh = true;
        parametersTemperatureC = temperatureC;
        double m = parameters[CellModel.HYSTERESIS_MAX_V];
        // y_hat = OCV(soc) + M h - R0 i - sum(v_k);  H = dy/dx = [dOCV/dsoc, -1 .. -1, M]
        double predicted = parameters[CellModel.OCV_V] - parameters[CellModel.R0_OHM] * currentA;
        h[0] = model.ocvSlopeVPerSoc(point);
        for (int k = 0; k < rcPairs; k++) {
            predicted -= x[1 + k];
            h[1 + k] = -1.0;
        }
        if (hIndex >= 0) {
            predicted += m * x[hIndex];
            h[hIndex] = m;
        }
        double r = voltageVariance;
        // S = H P H^T + R;  K = P H^T / S
        double s = r;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += p[i * n + j] * h[j];
            }
            ph[i] = sum;
            s += h[i] * sum;
        }
        double innovation = terminalVoltageV - predicted;
        double sInverse = 1.0 / s;
        for (int i = 0; i < n; i++) {
            gain[i] = ph[i] * sInverse;
            x[i] += gain[i] * innovation;
        }
        if (hIndex >= 0) {
            x[hIndex] = Math.max(-1.0, Math.min(1.0, x[hIndex]));
        }
        // Joseph form, P = (I - K H) P (I - K H)^T + K r K^T, which stays symmetric and positive definite however
        // the gain is rounded. Expanded with P H^T = ph and H P H^T = s - r, for any K it is
        //   P - K ph^T - ph K^T + s K K^T,
        // n^2 work instead of n^3, computed on the upper triangle and mirrored so P stays exactly symmetric.
        for (int i = 0; i < n; i++) {
            double ki = gain[i];
            double phi = ph[i];
            for (int j = i; j < n; j++) {
                double v = p[i * n + j] - ki * ph[j] - phi * gain[j] + s * ki * gain[j];
                p[i * n + j] = v;
                p[j * n + i] = v;
            }
        }
    }

    @Override
    public void reset(double soc) {
        parametersFresh = false;
        Arrays.fill(x, 0.0);
        Arrays.fill(p, 0.0);
        x[0] = soc;
        p[0] = initialSocSigma * initialSocSigma;
        for (int k = 0; k < rcPairs; k++) {
            p[(1 + k) * n + 1 + k] = 1e-4; // (10 mV)^2: a rested cell's RC voltages are small
        }
        if (hIndex >= 0) {
            p[hIndex * n + hIndex] = 1.0; // a rested cell's hysteresis state is unknown
        }
    }

    @Override
    public double soc() {
        return x[0];
    }

    @Override
    public double variance() {
        return p[0];
    }

    /** The estimated voltage of RC pair {@code k}, V. */
    public double rcVoltageV(int k) {
        return x[1 + k];
    }

    /** The estimated hysteresis state, or 0 without hysteresis. */
    public double hysteresisState() {
        return hIndex >= 0 ? x[hIndex] : 0.0;
    }
}
