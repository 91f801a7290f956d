package org.bmsbench.firmware.soc;

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
    private double soc;
    private double capacityAh = Double.NaN;
    private double noiseVariance;
    private double sinceAnchorS;
    private double restS;
    private boolean anchoredThisRest;
    private int anchorings;

    public CoulombCounter(CellModel model, SocConfig config) {
        this.model = model;
        this.config = config;
    }

    @Override
    public void predict(double currentA, double temperatureC, double dtS) {
        capacityAh = model.capacityAh(temperatureC);
        double stored = currentA < 0 ? model.coulombicEfficiency() * currentA : currentA;
        double scale = dtS / (CellModel.SECONDS_PER_HOUR * capacityAh);
        // soc' = soc - eta i dt / (3600 Q)
        soc -= stored * scale;
        double noise = config.currentSigmaA() * scale;
        noiseVariance += noise * noise;
        sinceAnchorS += dtS;
        if (Math.abs(currentA) < config.restCurrentA()) {
            restS += dtS;
        } else {
            restS = 0;
            anchoredThisRest = false;
        }
    }

    @Override
    public void correct(double terminalVoltageV, double currentA, double temperatureC) {
        if (restS >= config.restTimeS() && !anchoredThisRest) {
            soc = model.socAtOcv(terminalVoltageV, temperatureC, point);
            noiseVariance = 0;
            sinceAnchorS = 0;
            anchoredThisRest = true;
            anchorings++;
        }
    }

    @Override
    public void reset(double value) {
        soc = value;
        noiseVariance = 0;
        sinceAnchorS = 0;
        restS = 0;
        anchoredThisRest = false;
    }

    @Override
    public double soc() {
        return soc;
    }

    @Override
    public double variance() {
        double anchor = config.anchorSocSigma();
        double capacity = Double.isNaN(capacityAh) ? model.capacityAh(25.0) : capacityAh;
        double bias = config.currentBiasSigmaA() * sinceAnchorS / (CellModel.SECONDS_PER_HOUR * capacity);
        return anchor * anchor + noiseVariance + bias * bias;
    }

    /** How many times the estimate was re-anchored on a rest voltage. */
    public int anchorings() {
        return anchorings;
    }
}
