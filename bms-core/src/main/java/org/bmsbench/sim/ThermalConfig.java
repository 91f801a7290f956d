package org.bmsbench.sim;

import org.bmsbench.model.Checks;

/**
 * The thermal surroundings of the cells. Cells are laid out in a row in index order (group by group), each
 * exchanging heat with its neighbours in that row, with the air around the pack and, optionally, with a
 * coolant plate.
 *
 * @param ambientC                  air temperature around the pack, degC
 * @param convectionWPerM2K         heat transfer coefficient from a cell's surface to the air, W/(m^2 K)
 * @param neighbourConductanceWPerK conduction between adjacent cells, W/K
 * @param coolantConductanceWPerK   conduction from each cell to the coolant, W/K (0: no liquid cooling)
 * @param coolantC                  coolant temperature, degC
 * @param balancingHeatFraction     share of the bleed resistor's heat that goes into the cells it sits on
 *                                  (0: resistors on a separate board, 1: resistors on the cells)
 */
public record ThermalConfig(double ambientC, double convectionWPerM2K, double neighbourConductanceWPerK,
                            double coolantConductanceWPerK, double coolantC, double balancingHeatFraction) {
    /**
     * Still or gently moving air: 10 W/(m^2 K) is at the low end of the 5-25 W/(m^2 K) usually quoted for air
     * convection on cells. Neighbour conduction of 0.2 W/K is an order-of-magnitude figure for cells in a
     * plastic holder; neither is a measurement of a particular pack.
     */
    public static ThermalConfig air(double ambientC) {
        return new ThermalConfig(ambientC, 10.0, 0.2, 0.0, ambientC, 0.0);
    }

    public ThermalConfig {
        Checks.inRange("ambient temperature", ambientC, -60, 100);
        Checks.nonNegative("convection coefficient", convectionWPerM2K);
        Checks.nonNegative("neighbour conductance", neighbourConductanceWPerK);
        Checks.nonNegative("coolant conductance", coolantConductanceWPerK);
        Checks.inRange("coolant temperature", coolantC, -60, 100);
        Checks.inRange("balancing heat fraction", balancingHeatFraction, 0, 1);
        if (convectionWPerM2K == 0 && coolantConductanceWPerK == 0) {
            throw new IllegalArgumentException("the cells need a heat path to the surroundings: "
                    + "a convection coefficient or a coolant conductance above zero");
        }
    }

    public ThermalConfig withAmbientC(double value) {
        return new ThermalConfig(value, convectionWPerM2K, neighbourConductanceWPerK, coolantConductanceWPerK,
                coolantC, balancingHeatFraction);
    }
}
