package org.bmsbench.model;

/**
 * The lumped thermal mass of one cell.
 *
 * @param massKg                cell mass, kg
 * @param specificHeatJPerKgK   average specific heat capacity, J/(kg K)
 * @param surfaceAreaM2         outer surface exposed to air or coolant, m^2
 */
public record CellThermalParameters(double massKg, double specificHeatJPerKgK, double surfaceAreaM2) {
    public CellThermalParameters {
        Checks.positive("mass_kg", massKg);
        Checks.positive("specific_heat_j_per_kg_k", specificHeatJPerKgK);
        Checks.positive("surface_area_m2", surfaceAreaM2);
    }

    /** Heat capacity of the cell, J/K. */
    public double heatCapacityJPerK() {
        return massKg * specificHeatJPerKgK;
    }
}
