package org.bmsbench.firmware.soc;

import java.util.Arrays;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.GridPoint;

/**
 * Coulomb counting, re-anchored on the open-circuit voltage after a rest (foxBMS: |I| below 200 mA for
 * 600 s): the current's integral gives the change of charge, and once the cell has rested long enough for its
 * polarisation to relax, its voltage gives the soc. A rested cell's voltage is the OCV plus its hysteresis
 * ({@code M h}, up to tens of millivolts, which in the flat middle of the curve are points of soc), so the counter
 * follows the hysteresis state with the current as the model does and takes it off before inverting the OCV. The
 * variance grows with the current's noise and with an unknown offset integrated since the last anchoring.
 */
public final class CoulombCounter implements SocEstimator {
    /** Fixed-point passes of the anchoring: M depends on the soc being solved for, weakly. */
    private static final int ANCHOR_PASSES = 3;

    private final CellModel model;
    private final SocConfig config;
    private final boolean hysteresis;
    private final boolean instantaneous;
    private final GridPoint point = new GridPoint();
    private final double[] soc;
    private final double[] capacityAh;
    private final double[] startVariance;
    private final double[] noiseVariance;
    private final double[] sinceAnchorS;
    private final double[] restS;
    private final double[] hysteresisState;
    /** The instantaneous hysteresis's sign: -1 after a discharge, +1 after a charge. */
    private final double[] currentSign;
    private final boolean[] anchoredThisRest;
    private final int[] anchorings;

    public CoulombCounter(CellModel model, int channels, SocConfig config) {
        this.model = model;
        this.config = config;
        this.hysteresis = model.hasHysteresis();
        this.instantaneous = model.hasInstantaneousHysteresis();
        soc = new double[channels];
        capacityAh = new double[channels];
        Arrays.fill(capacityAh, Double.NaN);
        startVariance = new double[channels];
        noiseVariance = new double[channels];
        sinceAnchorS = new double[channels];
        restS = new double[channels];
        hysteresisState = new double[channels];
        currentSign = new double[channels];
        anchoredThisRest = new boolean[channels];
        anchorings = new int[channels];
        for (int g = 0; g < channels; g++) {
            reset(g, 0.5);
        }
    }

    @Override
    public int channelCount() {
        return soc.length;
    }

    @Override
    public void predict(double[] currentA, double[] temperatureC, double dtS) {
        for (int g = 0; g < soc.length; g++) {
            double i = currentA[g];
            capacityAh[g] = model.capacityAh(temperatureC[g]);
            double stored = i < 0 ? model.coulombicEfficiency(temperatureC[g]) * i : i;
            double scale = dtS / (CellModel.SECONDS_PER_HOUR * capacityAh[g]);
            // soc' = soc - eta i dt / (3600 Q)
            soc[g] -= stored * scale;
            if (hysteresis && i != 0) { // h' = A h - (1 - A) sgn(i), A = exp(-gamma |eta i| dt / (3600 Q))
                double a = CellModel.expMinus(model.hysteresisDecayRate(temperatureC[g]) * Math.abs(stored) * scale);
                hysteresisState[g] = a * hysteresisState[g] - (1 - a) * Math.signum(i);
            }
            currentSign[g] = CellModel.hysteresisSign(i, currentSign[g]);
            double noise = config.currentSigmaA() * scale;
            noiseVariance[g] += noise * noise;
            sinceAnchorS[g] += dtS;
            if (Math.abs(i) < config.restCurrentA()) {
                restS[g] += dtS;
            } else {
                restS[g] = 0;
                anchoredThisRest[g] = false;
            }
        }
    }

    @Override
    public void correct(double[] terminalVoltageV, boolean[] valid, double[] currentA, double[] temperatureC) {
        for (int g = 0; g < soc.length; g++) {
            if (valid[g] && restS[g] >= config.restTimeS() && !anchoredThisRest[g]) {
                soc[g] = restSoc(terminalVoltageV[g], temperatureC[g], hysteresisState[g], currentSign[g]);
                startVariance[g] = config.anchorSocSigma() * config.anchorSocSigma();
                noiseVariance[g] = 0;
                sinceAnchorS[g] = 0;
                anchoredThisRest[g] = true;
                anchorings[g]++;
            }
        }
    }

    /** The soc whose OCV plus hysteresis {@code M(soc) h + M0(soc) s} is the rested voltage. */
    private double restSoc(double voltageV, double temperatureC, double h, double sign) {
        double value = model.socAtOcv(voltageV, temperatureC, point);
        boolean slow = hysteresis && h != 0;
        boolean fast = instantaneous && sign != 0;
        if (!slow && !fast) {
            return value;
        }
        for (int pass = 0; pass < ANCHOR_PASSES; pass++) {
            model.locate(value, temperatureC, point);
            double offset = (slow ? model.hysteresisMaxV(point) * h : 0.0)
                    + (fast ? model.instantaneousHysteresisV(point) * sign : 0.0);
            value = model.socAtOcv(voltageV - offset, temperatureC, point);
        }
        return value;
    }

    @Override
    public void reset(int g, double value) {
        reset(g, value, config.anchorSocSigma());
    }

    @Override
    public void reset(int g, double value, double socSigma) {
        soc[g] = value;
        startVariance[g] = socSigma * socSigma;
        noiseVariance[g] = 0;
        sinceAnchorS[g] = 0;
        restS[g] = 0;
        hysteresisState[g] = 0;
        currentSign[g] = 0;
        anchoredThisRest[g] = false;
    }

    @Override
    public double soc(int g) {
        return soc[g];
    }

    @Override
    public double variance(int g) {
        double capacity = Double.isNaN(capacityAh[g]) ? model.capacityAh(25.0) : capacityAh[g];
        double bias = config.currentBiasSigmaA() * sinceAnchorS[g] / (CellModel.SECONDS_PER_HOUR * capacity);
        return startVariance[g] + noiseVariance[g] + bias * bias;
    }

    /** How many times channel {@code g}'s estimate was re-anchored on a rest voltage. */
    public int anchorings(int g) {
        return anchorings[g];
    }

    /** Channel {@code g}'s hysteresis state as the counter follows it. */
    public double hysteresisState(int g) {
        return hysteresisState[g];
    }
}
