package org.bmsbench.firmware.soc;

import java.util.Arrays;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.GridPoint;

/**
 * Coulomb counting, re-anchored on the open-circuit voltage after a rest (foxBMS: |I| below 200 mA for
 * 600 s): the current's integral gives the change of charge, and once the cell has rested long enough for its
 * polarisation to relax, its voltage gives the soc directly. The variance grows with the current's noise and
 * with an unknown offset integrated since the last anchoring.
 */
public final class CoulombCounter implements SocEstimator {
    private final CellModel model;
    private final SocConfig config;
    private final GridPoint point = new GridPoint();
    private final double[] soc;
    private final double[] capacityAh;
    private final double[] noiseVariance;
    private final double[] sinceAnchorS;
    private final double[] restS;
    private final boolean[] anchoredThisRest;
    private final int[] anchorings;

    public CoulombCounter(CellModel model, int channels, SocConfig config) {
        this.model = model;
        this.config = config;
        soc = new double[channels];
        capacityAh = new double[channels];
        Arrays.fill(capacityAh, Double.NaN);
        noiseVariance = new double[channels];
        sinceAnchorS = new double[channels];
        restS = new double[channels];
        anchoredThisRest = new boolean[channels];
        anchorings = new int[channels];
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
            double stored = i < 0 ? model.coulombicEfficiency() * i : i;
            double scale = dtS / (CellModel.SECONDS_PER_HOUR * capacityAh[g]);
            // soc' = soc - eta i dt / (3600 Q)
            soc[g] -= stored * scale;
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
                soc[g] = model.socAtOcv(terminalVoltageV[g], temperatureC[g], point);
                noiseVariance[g] = 0;
                sinceAnchorS[g] = 0;
                anchoredThisRest[g] = true;
                anchorings[g]++;
            }
        }
    }

    @Override
    public void reset(int g, double value) {
        soc[g] = value;
        noiseVariance[g] = 0;
        sinceAnchorS[g] = 0;
        restS[g] = 0;
        anchoredThisRest[g] = false;
    }

    @Override
    public double soc(int g) {
        return soc[g];
    }

    @Override
    public double variance(int g) {
        double anchor = config.anchorSocSigma();
        double capacity = Double.isNaN(capacityAh[g]) ? model.capacityAh(25.0) : capacityAh[g];
        double bias = config.currentBiasSigmaA() * sinceAnchorS[g] / (CellModel.SECONDS_PER_HOUR * capacity);
        return anchor * anchor + noiseVariance[g] + bias * bias;
    }

    /** How many times channel {@code g}'s estimate was re-anchored on a rest voltage. */
    public int anchorings(int g) {
        return anchorings[g];
    }
}
