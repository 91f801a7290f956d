package org.bmsbench.sim;

import java.util.Arrays;
import org.bmsbench.model.CellThermalParameters;

/**
 * Lumped thermal model, one node per cell:
 * {@code C dT_i/dt = P_i - hA (T_i - T_air) - G_cool (T_i - T_cool) - G_n sum_j (T_i - T_j)}
 * over the cell's neighbours {@code j} in the row.
 *
 * <p>Each step treats a cell's own losses implicitly and its neighbours' temperatures from the previous step,
 * which is stable for any step length and has exactly the steady state of the continuous equations.
 * Nothing allocates after construction.
 */
public final class PackThermal {
    private final int cells;
    private final double heatCapacityJPerK;
    private final double airConductanceWPerK;
    private final double coolantConductanceWPerK;
    private final double neighbourConductanceWPerK;
    private double ambientC;
    private double coolantC;

    private final double[] temperatureC;
    private final double[] previousC;
    private final double[] externalHeatW;
    private final double[] denominatorInverse;
    private double denominatorsForS = Double.NaN;

    public PackThermal(ThermalConfig config, CellThermalParameters cell, int cells, double initialC) {
        this.cells = cells;
        this.heatCapacityJPerK = cell.heatCapacityJPerK();
        this.airConductanceWPerK = config.convectionWPerM2K() * cell.surfaceAreaM2();
        this.coolantConductanceWPerK = config.coolantConductanceWPerK();
        this.neighbourConductanceWPerK = config.neighbourConductanceWPerK();
        this.ambientC = config.ambientC();
        this.coolantC = config.coolantC();
        this.temperatureC = new double[cells];
        this.previousC = new double[cells];
        this.externalHeatW = new double[cells];
        this.denominatorInverse = new double[cells];
        Arrays.fill(temperatureC, initialC);
    }

    /**
     * Advances the temperatures by {@code dtS} with {@code heatW[i]} generated in cell {@code i} (plus any
     * external heat set on it).
     */
    public void step(double dtS, double[] heatW) {
        if (dtS != denominatorsForS) {
            cacheDenominators(dtS);
        }
        System.arraycopy(temperatureC, 0, previousC, 0, cells);
        double fixedHeat = airConductanceWPerK * ambientC + coolantConductanceWPerK * coolantC;
        double gn = neighbourConductanceWPerK;
        // C (T' - T) / dt = inflow - conductance T'  =>  T' = (C T + dt inflow) / (C + dt conductance); the end
        // cells have one neighbour, the others two (a branch-free loop between them)
        int last = cells - 1;
        for (int i = 1; i < last; i++) {
            double inflow = fixedHeat + heatW[i] + externalHeatW[i] + gn * (previousC[i - 1] + previousC[i + 1]);
            temperatureC[i] = (heatCapacityJPerK * previousC[i] + dtS * inflow) * denominatorInverse[i];
        }
        endCell(0, dtS, fixedHeat, heatW);
        if (last > 0) {
            endCell(last, dtS, fixedHeat, heatW);
        }
    }

    private void endCell(int i, double dtS, double fixedHeat, double[] heatW) {
        double inflow = fixedHeat + heatW[i] + externalHeatW[i];
        if (i > 0) {
            inflow += neighbourConductanceWPerK * previousC[i - 1];
        }
        if (i < cells - 1) {
            inflow += neighbourConductanceWPerK * previousC[i + 1];
        }
        temperatureC[i] = (heatCapacityJPerK * previousC[i] + dtS * inflow) * denominatorInverse[i];
    }

    /** 1 / (C + dt conductance) for every cell: they change only with the step length. */
    private void cacheDenominators(double dtS) {
        double fixedConductance = airConductanceWPerK + coolantConductanceWPerK;
        for (int i = 0; i < cells; i++) {
            double conductance = fixedConductance + (i > 0 ? neighbourConductanceWPerK : 0.0)
                    + (i < cells - 1 ? neighbourConductanceWPerK : 0.0);
            denominatorInverse[i] = 1.0 / (heatCapacityJPerK + dtS * conductance);
        }
        denominatorsForS = dtS;
    }

    /** Temperatures of all cells, degC; the live array, read-only by convention. */
    public double[] temperaturesC() {
        return temperatureC;
    }

    public double temperatureC(int cell) {
        return temperatureC[cell];
    }

    /** Heat applied to a cell from outside (a neighbouring fire, a faulty heater), W. */
    public void setExternalHeatW(int cell, double watts) {
        externalHeatW[cell] = watts;
    }

    public double externalHeatW(int cell) {
        return externalHeatW[cell];
    }

    public void setAmbientC(double value) {
        ambientC = value;
    }

    public double ambientC() {
        return ambientC;
    }

    /** Conductance from one cell to the air, W/K. */
    public double airConductanceWPerK() {
        return airConductanceWPerK;
    }
}
